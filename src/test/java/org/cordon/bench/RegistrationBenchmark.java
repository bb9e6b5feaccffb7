package org.cordon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.cordon.CordonApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of checkpoint registration through the real HTTP API on the embedded PostgreSQL
 * (not a test; run with {@code ./bench/registration}). Prints latency figures and ratios measured
 * in the same run:
 * <ul>
 *   <li>sequential registrations of a car with two occupants (median, p95, p99, per second);</li>
 *   <li>concurrent registrations from 4 devices (per second; ratio to sequential);</li>
 *   <li>a day's list and the counts at the checkpoint with all those passages (median, p95),
 *       and the ratio of that list's latency to the same list with few passages (indexes keep it flat);</li>
 *   <li>a first sign-in (full bcrypt check) against a remembered one.</li>
 * </ul>
 * Arguments: number of sequential registrations (default 2000).
 */
public final class RegistrationBenchmark {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final DataSource db;

    private RegistrationBenchmark(int port, DataSource db) {
        this.base = "http://127.0.0.1:" + port;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dataDir = Path.of("target", "bench-data");
        SpringApplication app = new SpringApplication(CordonApplication.class);
        app.setAdditionalProfiles("demo");
        long startNanos = System.nanoTime();
        ConfigurableApplicationContext context = app.run("--server.port=0", "--cordon.data-dir=" + dataDir,
                "--cordon.embedded-db.clean=true", "--cordon.demo.passages=false", "--logging.level.root=WARN",
                "--cordon.crypto.key=" + Base64.getEncoder().encodeToString(new byte[32]));
        double startupMs = (System.nanoTime() - startNanos) / 1e6;
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        try {
            new RegistrationBenchmark(port, context.getBean(DataSource.class)).run(n, startupMs);
        } finally {
            context.close();
        }
    }

    private void run(int n, double startupMs) throws Exception {
        System.out.printf(Locale.ROOT, "%nCordon registration benchmark (%d cores, Java %s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "start-up with a fresh embedded PostgreSQL: %.0f ms%n", startupMs);

        // a few passages at KK02 for the "small list" baseline
        for (int i = 0; i < 20; i++) {
            register("officer2", "KK02");
        }
        for (int i = 0; i < 300; i++) { // warm-up
            register("officer1", "KK01");
        }

        awaitReactions();
        // the same rows inserted directly: a passage and its two occupants per transaction, on the same database, from
        // the same JVM (JDBC, prepared statements, one commit per passage), at 1 and at 4 clients
        double raw1 = rawInserts(1, n);
        double raw4 = rawInserts(4, n);
        System.out.printf(Locale.ROOT, "raw inserts of the same rows (JDBC, one transaction per passage): %.0f /s at 1 client, %.0f /s at 4%n",
                raw1, raw4);

        Work before = work();
        List<Double> sequential = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            register("officer1", "KK01");
            sequential.add((System.nanoTime() - s) / 1e6);
        }
        double seqSeconds = (System.nanoTime() - t0) / 1e9;
        double seqRate = n / seqSeconds;
        double drained = awaitReactions();
        Work after = work();
        print("registration, sequential (" + n + ")", sequential);
        System.out.printf(Locale.ROOT, "  throughput: %.0f registrations/s acknowledged; with every reaction done (alerts, returnees, "
                + "episodes, dashboard): %.0f /s (%.1f s after the last answer)%n", seqRate, n / (seqSeconds + drained), drained);
        after.minus(before).print(n);

        int devices = 4;
        int perDevice = n / devices;
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        long t1 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perDevice; i++) {
                    register("officer1", "KK01");
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double concSeconds = (System.nanoTime() - t1) / 1e9;
        double concRate = devices * perDevice / concSeconds;
        double concDrained = awaitReactions();
        System.out.printf(Locale.ROOT, "registration, %d devices at once: %.0f registrations/s acknowledged (ratio to sequential: %.2f); "
                        + "with every reaction done: %.0f /s%n",
                devices, concRate, concRate / seqRate, devices * perDevice / (concSeconds + concDrained));
        System.out.printf(Locale.ROOT, "ratio to the raw inserts of the same rows: %.2f at 1 client, %.2f at 4 (target >= 0.50); "
                        + "with every reaction done: %.2f and %.2f%n",
                seqRate / raw1, concRate / raw4, n / (seqSeconds + drained) / raw1,
                devices * perDevice / (concSeconds + concDrained) / raw4);

        int total = 300 + n + devices * perDevice;   // the raw rows are at KK03
        List<Double> bigList = time(200, () -> get("officer1", "/api/v1/checkpoints/KK01/passages?size=20"));
        List<Double> smallList = time(200, () -> get("officer2", "/api/v1/checkpoints/KK02/passages?size=20"));
        List<Double> search = time(200, () -> get("officer1", "/api/v1/checkpoints/KK01/passages?q=%E9%84%82A1"));
        List<Double> counts = time(200, () -> get("commander", "/api/v1/counts"));
        print("today's list, first page, " + total + " passages at KK01", bigList);
        print("today's list, first page, 20 passages at KK02", smallList);
        System.out.printf(Locale.ROOT, "  ratio of medians (%d passages / 20 passages): %.2f%n", total, median(bigList) / median(smallList));
        print("plate search at KK01", search);
        print("daily counts, all 14 checkpoints (commander)", counts);

        List<Double> fresh = new ArrayList<>();
        List<Double> remembered = new ArrayList<>();
        for (String user : List.of("admin", "medic")) { // not signed in before in this run
            long s = System.nanoTime();
            get(user, "/api/v1/me");
            fresh.add((System.nanoTime() - s) / 1e6);
            s = System.nanoTime();
            get(user, "/api/v1/me");
            remembered.add((System.nanoTime() - s) / 1e6);
        }
        System.out.printf(Locale.ROOT, "sign-in: first request %.1f ms (bcrypt), remembered %.1f ms (ratio %.0f:1)%n%n",
                mean(fresh), mean(remembered), mean(fresh) / mean(remembered));
    }

    /** Waits until every event reaction is done (no incomplete publication); returns the seconds waited. */
    private double awaitReactions() throws Exception {
        long t = System.nanoTime();
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement()) {
            while (true) {
                try (java.sql.ResultSet rs = st.executeQuery("select count(*) from event_publication where completion_date is null")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                if (System.nanoTime() - t > 600_000_000_000L) {
                    throw new IllegalStateException("event reactions still incomplete after 10 minutes");
                }
                Thread.sleep(20);
            }
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * What the database did, from its statistics: transactions committed, rows read, sequential scans of the area
     * table, event publications inserted and updated.
     */
    private record Work(long commits, long tuplesRead, long areaSeqScans, long areaSeqTuples, long publicationsInserted,
                        long publicationsUpdated, java.util.Map<String, Long> readByTable) {

        Work minus(Work o) {
            java.util.Map<String, Long> read = new java.util.HashMap<>();
            readByTable.forEach((t, v) -> read.put(t, v - o.readByTable.getOrDefault(t, 0L)));
            return new Work(commits - o.commits, tuplesRead - o.tuplesRead, areaSeqScans - o.areaSeqScans,
                    areaSeqTuples - o.areaSeqTuples, publicationsInserted - o.publicationsInserted,
                    publicationsUpdated - o.publicationsUpdated, read);
        }

        void print(int n) {
            System.out.printf(Locale.ROOT, "  database work per registration, its reactions included: %.1f transactions, %.0f rows read, "
                            + "%.2f sequential scans of area (%.0f rows), %.1f event publications inserted, %.1f updated%n",
                    commits / (double) n, tuplesRead / (double) n, areaSeqScans / (double) n, areaSeqTuples / (double) n,
                    publicationsInserted / (double) n, publicationsUpdated / (double) n);
            System.out.printf(Locale.ROOT, "  rows read per registration, most read tables: %s%n", readByTable.entrySet().stream()
                    .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) n))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private Work work() throws Exception {
        Thread.sleep(1500);   // backends report their statistics when idle (at most once a second)
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            long commits;
            long read;
            try (java.sql.ResultSet rs = st.executeQuery("""
                    select xact_commit, tup_returned + tup_fetched from pg_stat_database where datname = current_database()""")) {
                rs.next();
                commits = rs.getLong(1);
                read = rs.getLong(2);
            }
            long scans;
            long scanned;
            try (java.sql.ResultSet rs = st.executeQuery("""
                    select coalesce(sum(seq_scan), 0), coalesce(sum(seq_tup_read), 0) from pg_stat_user_tables where relname = 'area'""")) {
                rs.next();
                scans = rs.getLong(1);
                scanned = rs.getLong(2);
            }
            long inserted;
            long updated;
            try (java.sql.ResultSet rs = st.executeQuery("""
                    select coalesce(sum(n_tup_ins), 0), coalesce(sum(n_tup_upd), 0) from pg_stat_user_tables
                    where relname = 'event_publication'""")) {
                rs.next();
                inserted = rs.getLong(1);
                updated = rs.getLong(2);
            }
            java.util.Map<String, Long> byTable = new java.util.HashMap<>();
            try (java.sql.ResultSet rs = st.executeQuery("""
                    select relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) from pg_stat_user_tables""")) {
                while (rs.next()) {
                    byTable.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
            return new Work(commits, read, scans, scanned, inserted, updated, byTable);
        }
    }

    /** Inserts n passages with two occupants each, one transaction per passage, from the given number of clients. */
    private double rawInserts(int clients, int n) throws Exception {
        byte[] enc = new byte[46];    // an encrypted ID number's size (nonce, ciphertext, tag)
        byte[] hash = new byte[32];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long t = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            futures.add(pool.submit(() -> {
                try (java.sql.Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    // the statements Cordon runs for these rows: the client id kept unpartitioned (passage_client), the
                    // passage in its month, the occupants in one statement
                    try (java.sql.PreparedStatement passage = c.prepareStatement("""
                            with k as (insert into passage_client(client_id, passage_id, recorded_on)
                                       values (?, nextval('passage_id_seq'), current_date) on conflict (client_id) do nothing
                                       returning passage_id)
                            insert into passage(id, client_id, checkpoint_code, direction, plate_number, plate_kind, vehicle_type,
                                                origin_code, destination_code, disinfected, recorded_at, recorded_on, recorded_by)
                            select k.passage_id, ?, 'KK03', 'ENTERING', ?, 'ORDINARY', 'CAR', '420102', '610881106201', true, now(),
                                   current_date, 'bench' from k
                            returning id""");
                         java.sql.PreparedStatement occupants = c.prepareStatement("""
                            insert into occupant(passage_id, recorded_on, seq, name, id_type, id_number_enc, id_number_hash, phone_enc,
                                                 phone_hash, temperature, symptoms, risk_area_stay, case_contact, disposition)
                            values (?, current_date, 1, '张三', 'RESIDENT_ID', ?, ?, ?, ?, 36.6, '{}', false, false, 'HOME_OBSERVATION'),
                                   (?, current_date, 2, '李四', 'RESIDENT_ID', ?, ?, ?, ?, 36.4, '{COUGH}', false, false, 'HOME_OBSERVATION')""")) {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        for (int i = 0; i < n / clients; i++) {
                            UUID client = UUID.randomUUID();
                            passage.setObject(1, client);
                            passage.setObject(2, client);
                            passage.setString(3, String.format(Locale.ROOT, "鄂A%05d", r.nextInt(100000)));
                            long id;
                            try (java.sql.ResultSet rs = passage.executeQuery()) {
                                rs.next();
                                id = rs.getLong(1);
                            }
                            for (int o = 0; o < 2; o++) {
                                r.nextBytes(enc);
                                r.nextBytes(hash);
                                occupants.setLong(1 + o * 5, id);
                                occupants.setBytes(2 + o * 5, enc.clone());
                                occupants.setBytes(3 + o * 5, hash.clone());
                                occupants.setBytes(4 + o * 5, enc.clone());
                                occupants.setBytes(5 + o * 5, hash.clone());
                            }
                            occupants.executeUpdate();
                            c.commit();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return (n / clients) * clients / ((System.nanoTime() - t) / 1e9);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static List<Double> time(int n, Call call) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.run();
            ms.add((System.nanoTime() - s) / 1e6);
        }
        return ms;
    }

    private static void print(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p95 %.1f ms, p99 %.1f ms%n", what, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99));
    }

    private static double mean(List<Double> ms) {
        return ms.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double median(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return pct(sorted, 50);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void get(String user, String path) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
    }

    private void register(String user, String checkpoint) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = """
                {"clientId":"%s","direction":"ENTERING","plateNumber":"鄂A%05d","vehicleType":"CAR","originAreaCode":"420102",
                 "destinationAreaCode":"610881106201","disinfected":true,"occupants":[
                 {"name":"张三","idNumber":"%s","phone":"138%08d","temperature":36.6},
                 {"name":"李四","idNumber":"%s","phone":"139%08d","temperature":%s,"symptoms":["COUGH"]}]}"""
                .formatted(UUID.randomUUID(), r.nextInt(100000), idNumber(r), r.nextInt(100_000_000), idNumber(r),
                        r.nextInt(100_000_000), r.nextInt(10) == 0 ? "37.9" : "36.4");
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/checkpoints/" + checkpoint + "/passages"))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + response.statusCode());
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String idNumber(ThreadLocalRandom r) {
        String body = String.format(Locale.ROOT, "420102%04d%02d%02d%03d", 1950 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28),
                r.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
