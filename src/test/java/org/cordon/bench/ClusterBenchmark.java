package org.cordon.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster benchmark (not a test; run with {@code bench/cluster}, options documented there). Starts a PostgreSQL
 * primary and a streaming replica from Debian's packages ({@code /usr/lib/postgresql/<v>/bin}, as the user
 * {@code postgres}), 1, then 2, then 3 instances of the built jar on them ({@code SPRING_DATASOURCE_*},
 * {@code CORDON_DATASOURCE_REPLICA_URL}, one crypto key for all), nginx round-robin in front, and drives
 * registrations through nginx from retrying clients: each registration has its own {@code clientId}, is repeated
 * with the same body until acknowledged (201, or 200 for a repeat), and one in ten is sent once more after its
 * acknowledgement, as a device does after a timeout. In a last phase on three nodes one instance is killed with
 * {@code kill -9} mid-load. It prints the throughput per node count, the ratios to one node, the cores the bench's
 * processes used (and the machine's busy cores, which include other work on it), and, counted in the database
 * against the acknowledged client ids: acknowledged, lost, duplicated; then the event reactions still incomplete,
 * the dashboard's passage count against the passages, and the replica's state. Everything it started is stopped at
 * the end.
 */
public final class ClusterBenchmark {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String KEY = "bhU15j0Ledkr7Dpu6/r85NQk3OuQdBMwNGx0iKl4k+4="; // bench only

    private final int clients;
    private final int loadSeconds;
    private final int readyTimeout;
    private final Path pgBin;
    private final Path root = Path.of("").toAbsolutePath().normalize();
    private final Path work = Path.of("/tmp/cordon-bench-cluster");
    private final Path logs = root.resolve("target/bench-cluster-logs");
    private final Path jar = root.resolve("target/cordon.jar");
    private final int pgPort = 25432;
    private final int replicaPort = 25433;
    private final int proxyPort = 28080;
    private final int[] nodePorts = {28081, 28082, 28083};

    private final List<Process> launched = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString("officer1:demo".getBytes(StandardCharsets.UTF_8));

    /** Acknowledged client id → occupants sent. */
    private final Map<UUID, Integer> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong repeatsAnsweredAsRepeat = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Long> statusCounts = new ConcurrentHashMap<>();
    private final Map<Long, Double> lastTicks = new ConcurrentHashMap<>();

    private ClusterBenchmark(Map<String, String> o) {
        this.clients = Integer.parseInt(o.getOrDefault("clients", "8"));
        this.loadSeconds = Integer.parseInt(o.getOrDefault("load", "30"));
        this.readyTimeout = Integer.parseInt(o.getOrDefault("ready-timeout", "180"));
        this.pgBin = Path.of(o.getOrDefault("pg-bin", "/usr/lib/postgresql/15/bin"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            for (String part : a.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    options.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("cluster.")) {
                options.put(k.toString().substring(8), v.toString());
            }
        });
        ClusterBenchmark bench = new ClusterBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp));
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    // ------------------------------------------------------------------ the run

    record Phase(String name, int nodes, double seconds, long acks, double cpuSeconds, double machineBusyCores, String notes) {
        double rate() {
            return acks / seconds;
        }
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": bench/cluster builds it first");
        }
        Files.createDirectories(logs);
        startDatabases();
        List<Phase> phases = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            startNode(nodePorts[n - 1]);
            writeProxy(n);
            phases.add(load(n + " node" + (n > 1 ? "s" : ""), n, loadSeconds, -1));
        }
        // three nodes, one killed with kill -9 a third into the load
        phases.add(load("3 nodes, one killed", 3, loadSeconds, nodePorts[1]));
        // what was in flight on the killed node is answered by now (clients retried through nginx); let reactions finish
        waitForReactions(180);
        report(phases);
    }

    /** Runs the clients for {@code seconds} and, with {@code killPort} > 0, kills that node a third of the way in. */
    private Phase load(String name, int nodeCount, int seconds, int killPort) throws Exception {
        long acksBefore = acknowledged.size();
        double[] cpuBefore = cpuSeconds();
        long[] machineBefore = machineTicks();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> client(end), "client-" + i);
            t.start();
            threads.add(t);
        }
        String notes = "";
        if (killPort > 0) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 3);
            Process victim = nodes.get(killPort);
            long pid = victim.pid();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
            victim.waitFor(10, TimeUnit.SECONDS);
            notes = "node :" + killPort + " (pid " + pid + ") killed with kill -9 at " + seconds / 3 + " s";
            System.out.println("  " + notes);
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double[] cpuAfter = cpuSeconds();
        long[] machineAfter = machineTicks();
        double cpu = cpuAfter[0] - cpuBefore[0];
        double busy = machineAfter[1] == machineBefore[1] ? 0
                : (double) ((machineAfter[1] - machineBefore[1]) - (machineAfter[0] - machineBefore[0])) / (machineAfter[1] - machineBefore[1])
                * Runtime.getRuntime().availableProcessors();
        Phase p = new Phase(name, nodeCount, wall, acknowledged.size() - acksBefore, cpu, busy, notes);
        System.out.printf(Locale.ROOT, "phase %-22s %6d acknowledged in %5.1f s = %7.1f /s; bench processes used %.2f cores"
                        + " (app %.2f, PostgreSQL %.2f, nginx %.2f, driver %.2f); machine busy %.2f of %d cores%n",
                name, p.acks(), wall, p.rate(), cpu / wall, (cpuAfter[1] - cpuBefore[1]) / wall, (cpuAfter[2] - cpuBefore[2]) / wall,
                (cpuAfter[3] - cpuBefore[3]) / wall, (cpuAfter[4] - cpuBefore[4]) / wall, busy, Runtime.getRuntime().availableProcessors());
        return p;
    }

    /** One client: registrations one at a time, each repeated until acknowledged; one in ten sent again after. */
    private void client(long end) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            UUID clientId = UUID.randomUUID();
            int occupants = 1 + r.nextInt(2);
            String body = passage(clientId, occupants);
            long giveUp = end + TimeUnit.SECONDS.toNanos(60); // an acknowledgement still comes after the load's end
            int status = send(body, giveUp);
            if (status == 201 || status == 200) {
                acknowledged.put(clientId, occupants);
                if (r.nextInt(10) == 0) {
                    repeats.incrementAndGet();
                    if (send(body, giveUp) == 200) {
                        repeatsAnsweredAsRepeat.incrementAndGet();
                    }
                }
            }
        }
    }

    /** Sends until a 2xx (or a 4xx, which no retry changes); returns the last status, -1 if none came in time. */
    private int send(String body, long giveUp) {
        int attempt = 0;
        while (System.nanoTime() < giveUp) {
            if (attempt++ > 0) {
                retries.incrementAndGet();
                sleep(Math.min(1000, 50L * attempt));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort
                                + "/api/v1/checkpoints/KK01/passages")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                statusCounts.merge(Integer.toString(answer.statusCode()), 1L, Long::sum);
                if (answer.statusCode() < 500) {
                    if (answer.statusCode() >= 400) {
                        System.out.println("  refused " + answer.statusCode() + ": " + answer.body());
                    }
                    return answer.statusCode();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                statusCounts.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private static String passage(UUID clientId, int occupants) {
        StringBuilder o = new StringBuilder();
        for (int i = 0; i < occupants; i++) {
            o.append(i == 0 ? "" : ",").append("""
                    {"name": "王五", "idType": "RESIDENT_ID", "idNumber": "%s", "phone": "%s", "temperature": 36.5}"""
                    .formatted(idNumber(), "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000))));
        }
        return """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "陕K%05d", "vehicleType": "CAR",
                 "originAreaCode": "610802", "destinationAreaCode": "610881106201", "disinfected": true,
                 "occupants": [%s]}""".formatted(clientId, ThreadLocalRandom.current().nextInt(100_000), o);
    }

    private static String idNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String first17 = String.format("110105%04d%02d%02d%03d", 1950 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    // ------------------------------------------------------------------ verification and report

    private void waitForReactions(int seconds) throws Exception {
        for (int waited = 0; waited <= seconds; waited += 5) {
            long open = scalar("select count(*) from event_publication where completion_date is null");
            if (open == 0) {
                System.out.println("  event reactions all complete " + waited + " s after the load");
                return;
            }
            System.out.println("  " + open + " event reactions incomplete " + waited + " s after the load");
            Thread.sleep(5000);
        }
    }

    private void report(List<Phase> phases) throws Exception {
        long lost = 0;
        long duplicated = 0;
        long mismatched = 0;
        try (Connection c = primary(); PreparedStatement st = c.prepareStatement("""
                select p.client_id, count(distinct p.id), count(o.*) from passage p left join occupant o on o.passage_id = p.id
                where p.client_id = any(?) group by p.client_id""")) {
            List<UUID> ids = new ArrayList<>(acknowledged.keySet());
            Map<UUID, long[]> found = new HashMap<>();
            for (int from = 0; from < ids.size(); from += 5000) {
                st.setArray(1, c.createArrayOf("uuid", ids.subList(from, Math.min(ids.size(), from + 5000)).toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.put((UUID) rs.getObject(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            for (Map.Entry<UUID, Integer> a : acknowledged.entrySet()) {
                long[] f = found.get(a.getKey());
                if (f == null) {
                    lost++;
                } else if (f[0] > 1 || f[1] > a.getValue()) {
                    duplicated++;
                } else if (f[1] < a.getValue()) {
                    mismatched++;
                }
            }
        }
        long passages = scalar("select count(*) from passage where checkpoint_code = 'KK01'");
        long dashboard = scalar("select coalesce(sum(passages), 0) from dash_daily where checkpoint_code = 'KK01'");
        long incomplete = scalar("select count(*) from event_publication where completion_date is null");
        long sessions = scalar("select count(*) from spring_session");
        String replication;
        try (Connection c = primary(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_replication")) {
            // the application's role sees that a WAL sender runs, not its state (that needs pg_read_all_stats)
            replication = rs.next() && rs.getLong(1) > 0 ? "streaming (" + rs.getLong(1) + " WAL sender)" : "no replica connected";
        }
        long onReplica;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + replicaPort + "/cordon", "cordon", "cordon-bench");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from passage where checkpoint_code = 'KK01'")) {
            rs.next();
            onReplica = rs.getLong(1);
        }

        System.out.println();
        System.out.println("Cordon cluster benchmark: " + clients + " clients through nginx (round-robin), " + loadSeconds
                + " s per phase, PostgreSQL " + pgBin.getParent().getFileName() + " primary + streaming replica, "
                + Runtime.getRuntime().availableProcessors() + " cores on this machine (shared by all of it)");
        System.out.println("| phase | nodes | registrations acknowledged | per second | × 1 node | cores used by the bench's processes | machine busy cores |");
        System.out.println("|---|---|---|---|---|---|---|");
        double one = phases.get(0).rate();
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f |%n", p.name(), p.nodes(), p.acks(), p.rate(),
                    p.rate() / one, p.cpuSeconds() / p.seconds(), p.machineBusyCores());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "acknowledged %d, lost %d, duplicated %d, fewer occupants than sent %d; repeats after an "
                        + "acknowledgement %d (answered 200 \"stored already\": %d); retries %d, transport errors %d; answers %s%n",
                acknowledged.size(), lost, duplicated, mismatched, repeats.get(), repeatsAnsweredAsRepeat.get(), retries.get(), errors.get(),
                new java.util.TreeMap<>(statusCounts));
        System.out.printf(Locale.ROOT, "passages at KK01 %d, counted by the dashboard %d (each reaction once: %s); incomplete event "
                        + "publications %d; sessions stored %d (HTTP Basic makes none)%n", passages, dashboard,
                passages == dashboard ? "yes" : "NO", incomplete, sessions);
        System.out.println("replica: " + replication + "; passages at KK01 on the replica " + onReplica);
        System.out.println("RESULT: " + (lost == 0 && duplicated == 0 && mismatched == 0 && passages == dashboard ? "OK" : "FAIL")
                + String.format(Locale.ROOT, " (2 nodes = %.2f × 1 node, 3 nodes = %.2f × 1 node)", phases.get(1).rate() / one,
                phases.get(2).rate() / one));
    }

    // ------------------------------------------------------------------ processes

    private void startDatabases() throws Exception {
        exec("rm", "-rf", work.toString());
        Files.createDirectories(work);
        exec("chown", "postgres:postgres", work.toString());
        Path primary = work.resolve("primary");
        Path replica = work.resolve("replica");
        asPostgres(pgBin.resolve("initdb").toString(), "-D", primary.toString(), "-U", "postgres", "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        Files.writeString(primary.resolve("postgresql.conf"), """

                # bench/cluster: durable (fsync, synchronous_commit on: the defaults), a streaming replica
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                max_connections = 200
                shared_buffers = 256MB
                wal_level = replica
                max_wal_senders = 5
                """.formatted(pgPort, work), java.nio.file.StandardOpenOption.APPEND);
        asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", primary.toString(), "-l", work.resolve("primary.log").toString(), "-w", "start");
        psql(pgPort, "create role cordon login password 'cordon-bench'");
        psql(pgPort, "create database cordon owner cordon");
        psql(pgPort, "create role replicator replication login password 'rep-bench'");
        asPostgres(pgBin.resolve("pg_basebackup").toString(), "-d",
                "host=127.0.0.1 port=" + pgPort + " user=replicator password=rep-bench", "-D", replica.toString(), "-R", "-X", "stream");
        Files.writeString(replica.resolve("postgresql.conf"), "\nport = %d\nhot_standby = on\n".formatted(replicaPort),
                java.nio.file.StandardOpenOption.APPEND);
        asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", replica.toString(), "-l", work.resolve("replica.log").toString(), "-w", "start");
        System.out.println("PostgreSQL primary :" + pgPort + ", streaming replica :" + replicaPort + " (" + work + ")");
    }

    private void startNode(int port) throws Exception {
        Path data = work.resolve("node-" + port);
        Files.createDirectories(data);
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("node-" + port + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("CORDON_DATA_DIR", data.toString());
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/cordon");
        env.put("SPRING_DATASOURCE_USERNAME", "cordon");
        env.put("SPRING_DATASOURCE_PASSWORD", "cordon-bench");
        env.put("CORDON_DATASOURCE_REPLICA_URL", "jdbc:postgresql://127.0.0.1:" + replicaPort + "/cordon");
        env.put("CORDON_CRYPTO_KEY", KEY);
        // the demo accounts (officer1/demo) and the Shenmu sample grid and checkpoints, no sample passages
        env.put("CORDON_DEMO_ENABLED", "true");
        env.put("SPRING_FLYWAY_LOCATIONS", "classpath:db/migration,classpath:db/demo");
        // reactions cut off by the killed node are redone by another once stale: 45 s here (default 10 min), so that
        // the bench sees them complete
        env.put("CORDON_EVENTS_STALEAFTER", "PT45S");
        env.put("CORDON_EVENTS_RESUBMITINTERVAL", "PT10S");
        env.put("CORDON_EVENTS_RESUBMITAFTER", "PT20S");
        long began = System.nanoTime();
        Process p = pb.start();
        launched.add(p);
        nodes.put(port, p);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("node :" + port + " exited; see " + logs.resolve("node-" + port + ".log"));
            }
            if (System.nanoTime() - began > TimeUnit.SECONDS.toNanos(readyTimeout)) {
                throw new IllegalStateException("node :" + port + " not ready after " + readyTimeout + " s");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        System.out.printf(Locale.ROOT, "node :%d (pid %d) ready in %.0f s%n", port, p.pid(), (System.nanoTime() - began) / 1e9);
    }

    /** nginx round-robin over the first {@code n} nodes; started, or reloaded. */
    private void writeProxy(int n) throws Exception {
        StringBuilder upstream = new StringBuilder();
        for (int i = 0; i < n; i++) {
            upstream.append("    server 127.0.0.1:").append(nodePorts[i]).append(" max_fails=1 fail_timeout=10s;\n");
        }
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/nginx-body;
                  proxy_temp_path %1$s/nginx-proxy;
                  fastcgi_temp_path %1$s/nginx-fastcgi;
                  uwsgi_temp_path %1$s/nginx-uwsgi;
                  scgi_temp_path %1$s/nginx-scgi;
                  upstream cordon {
                %2$s    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://cordon;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      # registrations are idempotent by clientId, so a POST cut off by a dying node may go to the next
                      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
                      proxy_connect_timeout 1s;
                      proxy_read_timeout 30s;
                    }
                  }
                }
                """.formatted(work, upstream, proxyPort));
        if (Files.exists(work.resolve("nginx.pid"))) {
            exec("nginx", "-c", conf.toString(), "-p", work.toString(), "-s", "reload");
            Thread.sleep(1000);
        } else {
            exec("nginx", "-c", conf.toString(), "-p", work.toString());
        }
    }

    private void cleanUp() {
        synchronized (launched) {
            for (Process p : launched) {
                p.destroyForcibly();
            }
            launched.clear();
        }
        try {
            if (Files.exists(work.resolve("nginx.pid"))) {
                exec("nginx", "-c", work.resolve("nginx.conf").toString(), "-p", work.toString(), "-s", "stop");
                Files.deleteIfExists(work.resolve("nginx.pid"));
            }
            for (String db : List.of("replica", "primary")) {
                if (Files.exists(work.resolve(db).resolve("postmaster.pid"))) {
                    asPostgres(pgBin.resolve("pg_ctl").toString(), "-D", work.resolve(db).toString(), "-m", "immediate", "stop");
                }
            }
        } catch (Exception e) {
            System.out.println("clean-up: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    private Connection primary() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/cordon", "cordon", "cordon-bench");
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = primary(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void psql(int port, String sql) throws Exception {
        asPostgres(pgBin.resolve("psql").toString(), "-h", work.toString(), "-p", Integer.toString(port), "-U", "postgres",
                "-v", "ON_ERROR_STOP=1", "-qc", sql);
    }

    private void asPostgres(String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(command));
        exec(c.toArray(String[]::new));
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /**
     * CPU seconds used so far by: [0] all of the below, [1] the app nodes, [2] PostgreSQL (both postmasters and their
     * children), [3] nginx, [4] this driver. Processes that ended (the killed node) count no more.
     */
    private double[] cpuSeconds() throws IOException {
        double app = 0;
        for (Process p : nodes.values()) {
            // a node killed keeps the CPU time it had used
            app += lastTicks.merge(p.pid(), ticks(p.pid()), Math::max);
        }
        double pg = 0;
        double nginx = 0;
        List<Long> postmasters = new ArrayList<>();
        for (String db : List.of("primary", "replica")) {
            Path pid = work.resolve(db).resolve("postmaster.pid");
            if (Files.exists(pid)) {
                postmasters.add(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
            }
        }
        long nginxMaster = Files.exists(work.resolve("nginx.pid")) ? Long.parseLong(Files.readString(work.resolve("nginx.pid")).trim()) : -1;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long[] stat = stat(pid);
                if (stat == null) {
                    continue;
                }
                if (postmasters.contains(pid) || postmasters.contains(stat[2])) {
                    pg += stat[0] + stat[1];
                } else if (pid == nginxMaster || stat[2] == nginxMaster) {
                    nginx += stat[0] + stat[1];
                }
            }
        }
        double self = ticks(ProcessHandle.current().pid());
        double hz = 100.0;
        return new double[] {(app + pg + nginx + self) / hz, app / hz, pg / hz, nginx / hz, self / hz};
    }

    private static double ticks(long pid) {
        long[] s = stat(pid);
        return s == null ? 0 : s[0] + s[1];
    }

    /** utime, stime, ppid of a process from /proc/pid/stat; null if it is gone. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** [idle, total] jiffies of the whole machine (/proc/stat). */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
