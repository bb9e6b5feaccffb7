package org.cordon.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

/**
 * Crash benchmark (not a test; run with {@code bench/crash}, options documented there). Starts the
 * platform with the README's start command {@code ./mvnw spring-boot:run} on its own data directory
 * ({@code target/bench-crash-data}) and port, drives registrations from several retrying clients
 * (each request with its own {@code clientId}, repeated with the same body until acknowledged) and
 * kills, per scenario and round:
 * <ul>
 *   <li>(a) the application JVM alone ({@code kill -9}), then restarts with the README command;</li>
 *   <li>(b) the JVM, the Maven process and the embedded postmaster with all its children at the same
 *       moment (a machine crash), then restarts with the README command;</li>
 *   <li>(c) the embedded postmaster and its children alone; the platform must recover by itself.</li>
 * </ul>
 * At the end it restarts once more and checks every acknowledged registration in the database and by
 * sending it again: lost (201 on the re-send, or no row), duplicated (more than one row or more
 * occupants than sent), mismatched (another id or another number of occupants). It prints the size of
 * the event bookkeeping tables and a table per scenario, and a final {@code RESULT:} line. Every process
 * it started (and any postmaster of its data directory) is stopped at the end, also on failure or
 * Ctrl-C.
 */
public final class CrashBenchmark {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final Pattern PID_LINE = Pattern.compile("Starting \\S*CordonApplication .*with PID (\\d+)");
    private static final String APP_MAIN = "org.cordon.CordonApplication";
    private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("yyyyMMdd");

    // ------------------------------------------------------------------ configuration

    private final int rounds;
    private final int clients;
    private final int loadSeconds;
    private final int port;
    private final int readyTimeout;
    private final String scenarios;

    private final Path root = Path.of("").toAbsolutePath().normalize();
    private final Path dataDir = root.resolve("target/bench-crash-data");
    private final Path pgDir = dataDir.resolve("pg");
    private final Path logDir = root.resolve("target/bench-crash-logs");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString("officer1:demo".getBytes(StandardCharsets.UTF_8));

    // ------------------------------------------------------------------ processes

    private final List<Process> launched = Collections.synchronizedList(new ArrayList<>());
    private Process mvn;            // Maven of the current start
    private long appPid = -1;       // application JVM of the current start
    private int startNo;
    private boolean cleanedUp;

    // ------------------------------------------------------------------ load

    private final int soakSeconds;
    private final ConcurrentLinkedQueue<Req> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Stats current;
    private volatile boolean stopClients;
    private volatile long drainDeadline;
    private volatile long killMark = Long.MAX_VALUE;
    private final AtomicLong firstAckAfterKill = new AtomicLong();
    private final AtomicInteger reportedOther = new AtomicInteger();

    /** Bookkeeping ages the bench runs the platform with (defaults: 7 days and 30 days). */
    private static final String COMPLETED_RETENTION = "PT1M";
    private static final String MARKER_RETENTION = "PT4M";

    private CrashBenchmark(Map<String, String> options) {
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        this.clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        this.loadSeconds = Integer.parseInt(options.getOrDefault("load", "8"));
        this.port = Integer.parseInt(options.getOrDefault("port", "18080"));
        this.readyTimeout = Integer.parseInt(options.getOrDefault("ready-timeout", "60"));
        this.scenarios = options.getOrDefault("scenarios", "abcs");
        this.soakSeconds = Integer.parseInt(options.getOrDefault("soak", "150"));
        this.base = "http://127.0.0.1:" + port;
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String key : List.of("rounds", "clients", "load", "port", "scenarios", "ready-timeout", "soak")) {
            String value = System.getProperty("crash." + key);
            if (value != null && !value.isBlank()) {
                options.put(key, value.trim());
            }
        }
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    options.put(part.substring(0, eq).replaceFirst("^-+", ""), part.substring(eq + 1));
                } else if (!part.isBlank()) {
                    System.out.println("ignored argument " + part + " (expected key=value)");
                }
            }
        }
        CrashBenchmark bench = new CrashBenchmark(options);
        Thread hook = new Thread(bench::cleanUp, "crash-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.run();
        } catch (Throwable e) {
            System.out.println("benchmark aborted: " + e);
            e.printStackTrace(System.out);
            System.out.println("RESULT: FAIL (benchmark aborted: " + e.getMessage() + ")");
        } finally {
            bench.cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
    }

    // ================================================================== scenarios

    /** Figures of one scenario. */
    private static final class Stats {
        final String key;
        final String title;
        int roundsRun;
        final AtomicInteger s500 = new AtomicInteger();
        final AtomicInteger s503 = new AtomicInteger();
        final AtomicInteger s5xxOther = new AtomicInteger();
        final AtomicInteger connErrors = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        int restartsAttempted;
        int restartsSucceeded;
        int repairs;
        final List<Double> recover = new ArrayList<>();
        final List<Double> ready = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        // filled in by the verification
        int sent;
        int acknowledged;
        int abandoned;
        int stored;
        int lost;
        int duplicated;
        int mismatched;
        int lostIdReused;

        Stats(String key, String title) {
            this.key = key;
            this.title = title;
        }
    }

    /** One logical registration. */
    private static final class Req {
        final Stats stats;
        final UUID clientId;
        final String body;
        final int occupants;
        volatile long ackId = -1;
        volatile int ackOccupants = -1;
        volatile int ackStatus;
        volatile boolean abandoned;
        // verification
        boolean inDb;
        boolean lost;
        boolean duplicated;
        boolean mismatched;
        boolean idReused;

        Req(Stats stats, UUID clientId, String body, int occupants) {
            this.stats = stats;
            this.clientId = clientId;
            this.body = body;
            this.occupants = occupants;
        }

        boolean acknowledged() {
            return ackId >= 0;
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "%nCordon crash benchmark: scenarios %s, %d rounds, %d clients, %d s load, port %d (%d cores, Java %s)%n",
                scenarios, rounds, clients, loadSeconds, port, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("data directory " + dataDir + ", logs " + logDir);
        long benchStart = System.nanoTime();
        if (portInUse()) {
            throw new IllegalStateException("port " + port + " is in use; choose another with port=N");
        }
        stopLeftovers("before wiping the data directory");
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        org.springframework.util.FileSystemUtils.deleteRecursively(logDir);
        Files.createDirectories(logDir);

        log("first start (fresh data directory: initdb, migrations, demo data)");
        if (!start(Math.max(180, readyTimeout), System.nanoTime(), "the launch").ok) {
            throw new IllegalStateException("the first start failed; see " + logDir);
        }

        Map<String, Stats> all = new LinkedHashMap<>();
        for (char s : scenarios.toCharArray()) {
            Stats stats = switch (s) {
                case 'a' -> new Stats("a", "kill -9 JVM, README restart");
                case 'b' -> new Stats("b", "kill -9 JVM + postmaster");
                case 'c' -> new Stats("c", "kill -9 postmaster alone");
                case 's' -> new Stats("s", "steady load, no kill (soak)");
                default -> throw new IllegalArgumentException("unknown scenario " + s + " (a, b, c)");
            };
            all.put(stats.key, stats);
        }
        for (Stats stats : all.values()) {
            runScenario(stats);
            log("bookkeeping after scenario (" + stats.key + "), completed publications kept " + COMPLETED_RETENTION
                    + ", dashboard markers " + MARKER_RETENTION + ":");
            bookkeeping();
        }

        log("final restart for the verification");
        boolean finalOk = finalRestart();
        boolean verified = false;
        boolean dbChecked = false;
        if (finalOk) {
            dbChecked = checkDatabase();
            verified = resendAcknowledged();
            bookkeeping();
        } else {
            System.out.println("the final start failed: nothing could be verified");
        }
        tally();
        printTable(all.values(), dbChecked, verified);
        System.out.printf(Locale.ROOT, "run took %.0f s%n", (System.nanoTime() - benchStart) / 1e9);

        List<String> problems = new ArrayList<>();
        int lost = 0;
        int dup = 0;
        int mism = 0;
        int failedRestarts = 0;
        int attempted = 0;
        for (Stats s : all.values()) {
            lost += s.lost;
            dup += s.duplicated;
            mism += s.mismatched;
            failedRestarts += s.restartsAttempted - s.restartsSucceeded;
            attempted += s.restartsAttempted;
        }
        if (lost > 0) {
            problems.add(lost + " lost");
        }
        if (dup > 0) {
            problems.add(dup + " duplicated");
        }
        if (mism > 0) {
            problems.add(mism + " mismatched");
        }
        if (failedRestarts > 0) {
            problems.add(failedRestarts + " of " + attempted + " restarts/recoveries failed");
        }
        if (!finalOk) {
            problems.add("final start failed");
        } else if (!verified) {
            problems.add("verification incomplete");
        }
        System.out.println(problems.isEmpty() ? "RESULT: OK" : "RESULT: FAIL (" + String.join(", ", problems) + ")");
    }

    private void runScenario(Stats stats) throws Exception {
        System.out.printf(Locale.ROOT, "%n--- scenario (%s) %s: %d rounds%n", stats.key, stats.title, rounds);
        if (!healthy()) {
            log("platform not ready before the scenario; repairing");
            if (!repair(stats)) {
                stats.notes.add("skipped: platform could not be started");
                return;
            }
        }
        List<Thread> threads = startClients(stats);
        if (stats.key.equals("s")) {
            // a long steady load: the bookkeeping tables must level off while passages keep growing
            try {
                for (int elapsed = 30; elapsed <= soakSeconds; elapsed += 30) {
                    sleep(30_000);
                    log("soak " + elapsed + " s:");
                    bookkeeping();
                }
            } finally {
                stopClients(threads);
            }
            // every reaction queued during the load (or cut off by the kills) must complete without a restart
            long drainStart = System.nanoTime();
            for (int waited = 0; waited <= 240; waited += 15) {
                long open = incompletePublications();
                log("after the load, " + waited + " s: " + open + " incomplete event publications");
                if (open == 0) {
                    break;
                }
                sleep(15_000);
            }
            stats.notes.add(String.format(Locale.ROOT, "reactions drained %.0f s after the load stopped, incomplete now %d",
                    (System.nanoTime() - drainStart) / 1e9, incompletePublications()));
            bookkeeping();
            return;
        }
        try {
            for (int round = 1; round <= rounds; round++) {
                stats.roundsRun++;
                sleep(loadSeconds * 1000L);
                boolean goOn = switch (stats.key) {
                    case "a", "b" -> killAndRestart(stats, round);
                    default -> killPostmasterAndWait(stats, round);
                };
                if (!goOn) {
                    stats.notes.add("aborted in round " + round + ": platform could not be started again");
                    break;
                }
                sleep(loadSeconds * 1000L);
            }
        } finally {
            stopClients(threads);
        }
    }

    /** Scenarios (a) and (b). Returns false when the platform could not be brought back at all. */
    private boolean killAndRestart(Stats stats, int round) throws Exception {
        List<Long> victims = new ArrayList<>();
        if (appPid < 0 || !isOurApp(appPid)) {
            log("round " + round + ": no application JVM of the bench found");
            return repair(stats);
        }
        victims.add(appPid);
        String what = "JVM " + appPid;
        if (stats.key.equals("b")) {
            OptionalLong pm = postmaster();
            if (pm.isPresent()) {
                List<Long> kids = children(pm.getAsLong());
                victims.add(pm.getAsLong());
                victims.addAll(kids);
                what += ", postmaster " + pm.getAsLong() + " and its " + kids.size() + " children";
            } else {
                what += " (no postmaster of the data directory found!)";
            }
            if (mvn != null && mvn.isAlive()) {
                victims.add(mvn.pid());
                what += ", Maven " + mvn.pid();
            }
        }
        long killAt = markKill();
        kill9(victims);
        waitGone(victims, 5000);
        if (mvn != null && !mvn.waitFor(15, TimeUnit.SECONDS)) {
            mvn.destroyForcibly();
        }
        OptionalLong survivor = postmaster();
        log(String.format(Locale.ROOT, "round %d: killed %s%s; restarting with ./mvnw spring-boot:run", round, what,
                survivor.isPresent() ? " (postmaster " + survivor.getAsLong() + " still runs)" : ""));
        stats.restartsAttempted++;
        StartResult result = start(readyTimeout, killAt, "the kill");
        if (result.ok) {
            stats.restartsSucceeded++;
            stats.ready.add(result.seconds);
            waitFirstAck(stats, round, killAt, 30);
            return true;
        }
        return repair(stats);
    }

    /** Scenario (c). Returns false when the platform could not be brought back at all. */
    private boolean killPostmasterAndWait(Stats stats, int round) throws Exception {
        OptionalLong pm = postmaster();
        if (pm.isEmpty()) {
            log("round " + round + ": no postmaster of the data directory found");
            stats.notes.add("round " + round + ": no postmaster found");
            return true;
        }
        List<Long> victims = new ArrayList<>();
        victims.add(pm.getAsLong());
        List<Long> kids = children(pm.getAsLong());
        victims.addAll(kids);
        long killAt = markKill();
        kill9(victims);
        log(String.format(Locale.ROOT, "round %d: killed postmaster %d and its %d children; JVM %d left running", round,
                pm.getAsLong(), kids.size(), appPid));
        stats.restartsAttempted++; // the platform's own recovery
        if (waitFirstAck(stats, round, killAt, 60)) {
            stats.restartsSucceeded++;
            return true;
        }
        log("round " + round + ": the platform did not recover by itself within 60 s; restarting it with the README command");
        return repair(stats);
    }

    private long markKill() {
        firstAckAfterKill.set(0);
        long now = System.nanoTime();
        killMark = now;
        return now;
    }

    /** Waits for the first registration acknowledged after the kill (request sent after it). */
    private boolean waitFirstAck(Stats stats, int round, long killAt, int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long at = firstAckAfterKill.get();
            if (at != 0) {
                double s = (at - killAt) / 1e9;
                stats.recover.add(s);
                log(String.format(Locale.ROOT, "round %d: first registration acknowledged %.1f s after the kill", round, s));
                killMark = Long.MAX_VALUE;
                return true;
            }
            if (appPid > 0 && !alive(appPid)) {
                killMark = Long.MAX_VALUE;
                String exit = mvn != null && !mvn.isAlive() ? " (start command exited with " + mvn.exitValue() + ")" : "";
                log("round " + round + ": the application JVM " + appPid + " died while waiting, not killed by the bench" + exit);
                stats.notes.add("round " + round + ": application JVM died " + Math.round((System.nanoTime() - killAt) / 1e9)
                        + " s after the kill" + exit);
                return false;
            }
            sleep(100);
        }
        killMark = Long.MAX_VALUE;
        log("round " + round + ": no registration acknowledged within " + maxSeconds + " s");
        stats.notes.add("round " + round + ": no acknowledgement within " + maxSeconds + " s");
        return false;
    }

    /** Stops whatever is left (forcibly) and starts again; not counted as a scenario restart. */
    private boolean repair(Stats stats) throws Exception {
        for (int attempt = 1; attempt <= 2; attempt++) {
            stats.repairs++;
            stopLeftovers("repair");
            log("repair start " + attempt + " (not counted as a scenario restart)");
            if (start(Math.max(90, readyTimeout), System.nanoTime(), "the launch").ok) {
                return true;
            }
        }
        return false;
    }

    private boolean finalRestart() throws Exception {
        stopGracefully();
        stopLeftovers("final restart");
        if (start(Math.max(90, readyTimeout), System.nanoTime(), "the launch").ok) {
            return true;
        }
        stopLeftovers("final restart, second try");
        return start(Math.max(90, readyTimeout), System.nanoTime(), "the launch").ok;
    }

    // ================================================================== clients

    private List<Thread> startClients(Stats stats) {
        current = stats;
        stopClients = false;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::client, "client-" + stats.key + "-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private void stopClients(List<Thread> threads) throws InterruptedException {
        drainDeadline = System.nanoTime() + 20_000_000_000L;
        stopClients = true;
        for (Thread t : threads) {
            t.join(40_000);
        }
    }

    private void client() {
        Stats stats = current;
        while (!stopClients) {
            Req r = newRequest(stats);
            requests.add(r);
            while (true) {
                if (send(r, stats)) {
                    break;
                }
                if (stopClients && System.nanoTime() > drainDeadline) {
                    r.abandoned = true;
                    break;
                }
                sleep(200 + ThreadLocalRandom.current().nextInt(300));
            }
        }
    }

    /** One attempt. True when acknowledged (or rejected for good). */
    private boolean send(Req r, Stats stats) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(post(r), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                long[] parsed = parse(response.body());
                if (parsed != null) {
                    r.ackId = parsed[0];
                    r.ackOccupants = (int) parsed[1];
                    r.ackStatus = status;
                    if (t0 > killMark) {
                        firstAckAfterKill.compareAndSet(0, System.nanoTime());
                    }
                    return true;
                }
            }
            if (status == 500) {
                stats.s500.incrementAndGet();
            } else if (status == 503) {
                stats.s503.incrementAndGet();
            } else if (status >= 500) {
                stats.s5xxOther.incrementAndGet();
            } else {
                stats.other.incrementAndGet();
                if (reportedOther.incrementAndGet() <= 5) {
                    log("unexpected answer " + status + ": " + abbreviate(response.body()));
                }
                if (status == 400 || status == 404 || status == 409 || status == 422) {
                    r.abandoned = true; // rejected: repeating it cannot help
                    return true;
                }
            }
        } catch (HttpConnectTimeoutException e) {
            stats.connErrors.incrementAndGet();
        } catch (HttpTimeoutException e) {
            stats.timeouts.incrementAndGet();
        } catch (IOException e) {
            stats.connErrors.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.abandoned = true;
            return true;
        }
        return false;
    }

    private HttpRequest post(Req r) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/checkpoints/KK01/passages"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(r.body, StandardCharsets.UTF_8)).build();
    }

    /** {id, number of occupants} of a passage answer, or null. */
    private static long[] parse(String body) {
        if (body == null || !body.contains("\"id\"")) {
            return null;
        }
        try {
            Number id = JsonPath.read(body, "$.id");
            List<?> occupants = JsonPath.read(body, "$.occupants");
            return new long[] {id.longValue(), occupants == null ? 0 : occupants.size()};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A registration with plate, ID numbers and phones of its own; 1 to 3 occupants. */
    private Req newRequest(Stats stats) {
        long n = sequence.incrementAndGet();
        int occupants = 1 + (int) (n % 3);
        String plate = "鄂" + "ABCDEFGH".charAt((int) ((n / 100_000) % 8)) + String.format(Locale.ROOT, "%05d", n % 100_000);
        StringBuilder occ = new StringBuilder();
        String[] names = {"张三", "李四", "王五"};
        for (int k = 0; k < occupants; k++) {
            long m = n * 3 + k;
            boolean fever = m % 10 == 7;
            if (k > 0) {
                occ.append(',');
            }
            occ.append(String.format(Locale.ROOT,
                    "{\"name\":\"%s\",\"idNumber\":\"%s\",\"phone\":\"13%09d\",\"temperature\":%s,\"symptoms\":%s}",
                    names[k], idNumber(m), m % 1_000_000_000L, fever ? "37.9" : "36.5", fever ? "[\"COUGH\"]" : "[]"));
        }
        String body = """
                {"clientId":"%s","direction":"ENTERING","plateNumber":"%s","vehicleType":"CAR","originAreaCode":"420102",
                 "destinationAreaCode":"610881106201","disinfected":true,"occupants":[%s]}""";
        UUID clientId = UUID.randomUUID();
        return new Req(stats, clientId, body.formatted(clientId, plate, occ), occupants);
    }

    private static String idNumber(long m) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays((m / 1000) % 21_900);
        String body = "420102" + birth.format(YMD) + String.format(Locale.ROOT, "%03d", m % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    // ================================================================== verification

    /** Checks every sent registration in the database, before anything is sent again. */
    private boolean checkDatabase() {
        try (Connection c = connect()) {
            Map<UUID, List<long[]>> byClient = new HashMap<>();
            Map<Long, UUID> byId = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         select p.client_id, p.id, (select count(*) from occupant o where o.passage_id = p.id)
                         from passage p""")) {
                while (rs.next()) {
                    UUID clientId = rs.getObject(1, UUID.class);
                    long id = rs.getLong(2);
                    byClient.computeIfAbsent(clientId, k -> new ArrayList<>()).add(new long[] {id, rs.getLong(3)});
                    byId.put(id, clientId);
                }
            }
            for (Req r : requests) {
                List<long[]> rows = byClient.getOrDefault(r.clientId, List.of());
                r.inDb = !rows.isEmpty();
                if (rows.size() > 1 || rows.stream().anyMatch(row -> row[1] > r.occupants)) {
                    r.duplicated = true;
                }
                if (r.acknowledged()) {
                    if (rows.isEmpty()) {
                        r.lost = true;
                        UUID owner = byId.get(r.ackId);
                        r.idReused = owner != null && !owner.equals(r.clientId);
                    } else if (rows.stream().noneMatch(row -> row[0] == r.ackId) || rows.get(0)[1] != r.occupants
                            || r.ackOccupants != r.occupants) {
                        r.mismatched = true;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "database check: %d passages in table passage, %d registrations sent by the bench%n",
                    byId.size(), requests.size());
            return true;
        } catch (Exception e) {
            System.out.println("database check not possible (" + e.getMessage() + "); figures from the API answers only");
            return false;
        }
    }

    /** Sends every acknowledged request once more: 200 with the same id and occupants, or it was lost. */
    private boolean resendAcknowledged() throws InterruptedException {
        List<Req> acked = requests.stream().filter(Req::acknowledged).toList();
        log("re-sending " + acked.size() + " acknowledged registrations");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger unverified = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                int idx;
                while ((idx = next.getAndIncrement()) < acked.size()) {
                    Req r = acked.get(idx);
                    boolean done = false;
                    for (int attempt = 0; attempt < 5 && !done; attempt++) {
                        try {
                            HttpResponse<String> response = http.send(post(r), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            long[] parsed = parse(response.body());
                            if (response.statusCode() == 201) {
                                r.lost = true;
                                done = true;
                            } else if (response.statusCode() == 200 && parsed != null) {
                                if (parsed[0] != r.ackId || parsed[1] != r.occupants) {
                                    r.mismatched = true;
                                }
                                done = true;
                            }
                        } catch (IOException e) {
                            // retry
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (!done) {
                            sleep(500);
                        }
                    }
                    if (!done) {
                        unverified.incrementAndGet();
                    }
                }
            }, "verify-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (unverified.get() > 0) {
            System.out.println(unverified.get() + " acknowledged registrations could not be re-sent");
        }
        return unverified.get() == 0;
    }

    private long incompletePublications() {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from event_publication where completion_date is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private void bookkeeping() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String table : List.of("event_publication", "dash_applied_event", "passage", "occupant")) {
                try (ResultSet rs = st.executeQuery("select to_regclass('" + table + "') is not null")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        System.out.println("table " + table + ": does not exist");
                        continue;
                    }
                }
                String incomplete = table.equals("event_publication") ? ", count(*) filter (where completion_date is null)" : "";
                try (ResultSet rs = st.executeQuery("select count(*), pg_total_relation_size('" + table + "')" + incomplete + " from " + table)) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "table %-18s %8d rows, %8.1f MB on disk%s%n", table, rs.getLong(1), rs.getLong(2) / 1048576.0,
                            incomplete.isEmpty() ? "" : ", incomplete publications: " + rs.getLong(3));
                }
            }
            // what the pruning jobs should have deleted already (retention + one prune interval + slack)
            try (ResultSet rs = st.executeQuery("select (select count(*) from event_publication where completion_date < now() - interval '"
                    + java.time.Duration.parse(COMPLETED_RETENTION).plusSeconds(30).toSeconds() + " seconds'), "
                    + "(select count(*) from dash_applied_event where applied_at < now() - interval '"
                    + java.time.Duration.parse(MARKER_RETENTION).plusSeconds(30).toSeconds() + " seconds'), "
                    + "(select coalesce(extract(epoch from now() - min(publication_date)), 0) from event_publication where completion_date is not null)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "overdue for pruning: %d completed publications, %d dashboard markers; oldest completed publication %.0f s%n",
                        rs.getLong(1), rs.getLong(2), rs.getDouble(3));
            }
        } catch (Exception e) {
            System.out.println("bookkeeping figures not available: " + e.getMessage());
        }
    }

    /** The application role on database cordon when the password file exists, else postgres/postgres (trust). */
    private Connection connect() throws IOException, SQLException {
        List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"));
        String url = "jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/";
        Path passwords = dataDir.resolve("pg-passwords.properties");
        if (!Files.exists(passwords)) {
            return DriverManager.getConnection(url + "postgres", "postgres", "");
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(passwords)) {
            p.load(in);
        }
        try {
            return DriverManager.getConnection(url + "cordon", "cordon_app", p.getProperty("cordon_app"));
        } catch (SQLException e) {
            System.out.println("as cordon_app: " + e.getMessage() + "; trying postgres");
            return DriverManager.getConnection(url + "cordon", "postgres", p.getProperty("postgres"));
        }
    }

    private void tally() {
        for (Req r : requests) {
            Stats s = r.stats;
            s.sent++;
            if (r.inDb) {
                s.stored++;
            }
            if (r.abandoned && !r.acknowledged()) {
                s.abandoned++;
            }
            if (r.acknowledged()) {
                s.acknowledged++;
                if (r.lost) {
                    s.lost++;
                    if (r.idReused) {
                        s.lostIdReused++;
                    }
                } else if (r.mismatched) {
                    s.mismatched++;
                }
            }
            if (r.duplicated) {
                s.duplicated++;
            }
        }
    }

    private void printTable(Iterable<Stats> all, boolean dbChecked, boolean verified) {
        System.out.println();
        System.out.println("stored = registrations found in the database before the re-send (" + (dbChecked ? "checked" : "NOT checked")
                + "); lost = acknowledged but missing there or answered 201 on the re-send (" + (verified ? "all re-sent" : "re-send INCOMPLETE")
                + "); recovered = seconds from the kill to the first acknowledged registration; (c) counts the platform's own recovery as its restart");
        String fmt = "| %-32s | %6s | %7s | %7s | %5s | %5s | %5s | %-13s | %-16s | %-9s | %-15s | %-17s |%n";
        System.out.printf(Locale.ROOT, fmt, "scenario", "rounds", "acked", "stored", "lost", "dup", "mism", "5xx (500/503)",
                "conn err/timeout", "restarts", "ready s med/max", "recover s med/max");
        System.out.printf(Locale.ROOT, fmt, "-".repeat(32), "-".repeat(6), "-".repeat(7), "-".repeat(7), "-".repeat(5), "-".repeat(5),
                "-".repeat(5), "-".repeat(13), "-".repeat(16), "-".repeat(9), "-".repeat(15), "-".repeat(17));
        Stats total = new Stats("total", "total");
        List<String> notes = new ArrayList<>();
        for (Stats s : all) {
            row(fmt, s, s.title);
            total.roundsRun += s.roundsRun;
            total.acknowledged += s.acknowledged;
            total.stored += s.stored;
            total.lost += s.lost;
            total.duplicated += s.duplicated;
            total.mismatched += s.mismatched;
            total.s500.addAndGet(s.s500.get());
            total.s503.addAndGet(s.s503.get());
            total.s5xxOther.addAndGet(s.s5xxOther.get());
            total.connErrors.addAndGet(s.connErrors.get());
            total.timeouts.addAndGet(s.timeouts.get());
            total.restartsAttempted += s.restartsAttempted;
            total.restartsSucceeded += s.restartsSucceeded;
            total.recover.addAll(s.recover);
            total.ready.addAll(s.ready);
            total.lostIdReused += s.lostIdReused;
            total.abandoned += s.abandoned;
            total.other.addAndGet(s.other.get());
            total.repairs += s.repairs;
            List<String> extra = new ArrayList<>(s.notes);
            if (s.lostIdReused > 0) {
                extra.add(s.lostIdReused + " ids of lost passages now name other passages");
            }
            if (s.s5xxOther.get() > 0) {
                extra.add(s.s5xxOther.get() + " other 5xx");
            }
            if (s.other.get() > 0) {
                extra.add(s.other.get() + " other answers (4xx)");
            }
            if (s.abandoned > 0) {
                extra.add(s.abandoned + " requests never acknowledged (abandoned at the end of the load)");
            }
            if (s.repairs > 0) {
                extra.add(s.repairs + " repair starts by the bench (leftovers killed, not counted as restarts)");
            }
            if (!extra.isEmpty()) {
                notes.add("(" + s.key + ") " + String.join("; ", extra));
            }
        }
        row(fmt, total, "total");
        notes.forEach(System.out::println);
        System.out.println();
    }

    private static void row(String fmt, Stats s, String title) {
        System.out.printf(Locale.ROOT, fmt, title, s.roundsRun, s.acknowledged, s.stored, s.lost, s.duplicated, s.mismatched,
                (s.s500.get() + s.s503.get() + s.s5xxOther.get()) + " (" + s.s500.get() + "/" + s.s503.get() + ")",
                s.connErrors.get() + "/" + s.timeouts.get(), s.restartsSucceeded + "/" + s.restartsAttempted,
                medMax(s.ready), medMax(s.recover));
    }

    private static String medMax(List<Double> values) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(Locale.ROOT, "%.1f / %.1f", median, sorted.get(sorted.size() - 1));
    }

    // ================================================================== starting and stopping

    private record StartResult(boolean ok, double seconds) {
    }

    /**
     * {@code ./mvnw spring-boot:run} in the repository root with the bench's data directory and port;
     * ready when {@code /actuator/health/readiness} answers 200. Seconds are counted from {@code from}.
     */
    private StartResult start(int timeoutSeconds, long from, String what) throws IOException, InterruptedException {
        startNo++;
        Path logFile = logDir.resolve("start-" + startNo + ".log");
        ProcessBuilder pb = new ProcessBuilder("./mvnw", "spring-boot:run").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().put("CORDON_DATA_DIR", dataDir.toString());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        // short bookkeeping ages, so that a run of minutes shows the tables staying bounded
        pb.environment().put("CORDON_EVENTS_RESUBMITAFTER", "PT20S");
        pb.environment().put("CORDON_EVENTS_RESUBMITINTERVAL", "PT10S");
        pb.environment().put("CORDON_EVENTS_STALEAFTER", "PT90S");
        pb.environment().put("CORDON_EVENTS_PRUNEINTERVAL", "PT15S");
        pb.environment().put("CORDON_EVENTS_COMPLETEDRETENTION", COMPLETED_RETENTION);
        pb.environment().put("CORDON_DASHBOARD_APPLIEDEVENTRETENTION", MARKER_RETENTION);
        long launchedAt = System.nanoTime();
        synchronized (this) { // never launch anything after the clean-up
            if (cleanedUp) {
                throw new IllegalStateException("shutting down");
            }
            mvn = pb.start();
            launched.add(mvn);
        }
        appPid = -1;
        long deadline = launchedAt + timeoutSeconds * 1_000_000_000L;
        String failure = "not ready within " + timeoutSeconds + " s";
        while (System.nanoTime() < deadline) {
            if (appPid < 0) {
                appPid = findAppPid(logFile);
            }
            if (ready()) {
                if (appPid < 0) {
                    appPid = ourApps().stream().findFirst().orElse(-1L);
                }
                double s = (System.nanoTime() - from) / 1e9;
                log(String.format(Locale.ROOT, "start %d ready %.1f s after %s (Maven %d, application JVM %d, log %s)", startNo, s,
                        what, mvn.pid(), appPid, root.relativize(logFile)));
                return new StartResult(true, s);
            }
            if (!mvn.isAlive() && (appPid < 0 || !alive(appPid))) {
                failure = "the start command exited with code " + mvn.exitValue() + " after "
                        + Math.round((System.nanoTime() - launchedAt) / 1e9) + " s";
                break;
            }
            sleep(250);
        }
        log("start " + startNo + " FAILED: " + failure + "; last lines of " + root.relativize(logFile) + ":");
        tail(logFile, 25).forEach(line -> System.out.println("    | " + line));
        killStart();
        return new StartResult(false, 0);
    }

    private long findAppPid(Path logFile) {
        try {
            String text = Files.readString(logFile, StandardCharsets.UTF_8);
            Matcher m = PID_LINE.matcher(text);
            long found = -1;
            while (m.find()) {
                found = Long.parseLong(m.group(1));
            }
            if (found > 0 && isOurApp(found)) {
                return found;
            }
        } catch (IOException | RuntimeException e) {
            // not yet
        }
        return -1;
    }

    /** Kills the current start: Maven, everything under it and its application JVM. */
    private void killStart() {
        List<Long> pids = new ArrayList<>();
        if (mvn != null) {
            mvn.descendants().forEach(ph -> pids.add(ph.pid()));
            pids.add(mvn.pid());
        }
        if (appPid > 0 && isOurApp(appPid)) {
            pids.add(appPid);
        }
        kill9(pids);
        waitGone(pids, 5000);
        appPid = -1;
    }

    /** SIGTERM to the application JVM (it stops its embedded database), up to 30 s. */
    private void stopGracefully() {
        List<Long> apps = ourApps();
        for (long pid : apps) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        waitGone(apps, 30_000);
        if (mvn != null) {
            try {
                mvn.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Kills every process of the bench's data directory: Maven processes started by the bench, application
     * JVMs with the bench's data directory, and the postmaster of {@code <data-dir>/pg} (fast shutdown first,
     * then {@code kill -9} of it and its children).
     */
    private void stopLeftovers(String why) {
        List<Long> pids = new ArrayList<>();
        synchronized (launched) {
            for (Process p : launched) {
                if (p.isAlive()) {
                    p.descendants().forEach(ph -> pids.add(ph.pid()));
                    pids.add(p.pid());
                }
            }
        }
        pids.addAll(ourApps());
        List<Long> distinct = pids.stream().distinct().filter(CrashBenchmark::alive).toList();
        if (!distinct.isEmpty()) {
            log(why + ": kill -9 " + distinct);
            kill9(distinct);
            waitGone(distinct, 5000);
        }
        for (long pm : ourPostmasters()) {
            log(why + ": stopping postmaster " + pm + " of " + pgDir);
            List<Long> kids = children(pm);
            signal("-INT", List.of(pm));
            waitGone(List.of(pm), 10_000);
            List<Long> rest = new ArrayList<>(kids);
            rest.add(pm);
            rest = rest.stream().filter(CrashBenchmark::alive).toList();
            if (!rest.isEmpty()) {
                kill9(rest);
                waitGone(rest, 5000);
            }
        }
        appPid = -1;
    }

    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        stopClients = true;
        drainDeadline = 0;
        try {
            if (!ourApps().isEmpty()) {
                stopGracefully();
            }
            stopLeftovers("clean-up");
            List<Long> left = new ArrayList<>(ourApps());
            left.addAll(ourPostmasters());
            System.out.println(left.isEmpty() ? "clean-up: no process of the bench is left" : "clean-up: STILL RUNNING " + left);
        } catch (RuntimeException e) {
            System.out.println("clean-up failed: " + e);
        }
    }

    // ================================================================== processes

    /** The postmaster of the bench's cluster: line 1 of postmaster.pid, if it runs with that directory. */
    private OptionalLong postmaster() {
        try {
            List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            if (alive(pid) && cmdline(pid).contains(pgDir.toString())) {
                return OptionalLong.of(pid);
            }
        } catch (IOException | RuntimeException e) {
            // no pid file
        }
        return OptionalLong.empty();
    }

    /** The postmaster from the pid file and any other postgres process started on the bench's cluster. */
    private List<Long> ourPostmasters() {
        List<Long> result = new ArrayList<>();
        postmaster().ifPresent(result::add);
        for (long pid : pids()) {
            String cmd = cmdline(pid);
            if (!result.contains(pid) && cmd.contains("postgres") && cmd.contains(" -D ") && cmd.contains(pgDir.toString())) {
                result.add(pid);
            }
        }
        return result;
    }

    /** Application JVMs of the bench: main class CordonApplication and CORDON_DATA_DIR = the bench's directory. */
    private List<Long> ourApps() {
        return pids().stream().filter(this::isOurApp).toList();
    }

    private boolean isOurApp(long pid) {
        return cmdline(pid).contains(APP_MAIN) && environ(pid).contains("CORDON_DATA_DIR=" + dataDir);
    }

    private static List<Long> pids() {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(ph -> ph.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> environ(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void kill9(List<Long> pids) {
        signal("-9", pids);
    }

    /** One {@code kill} for all of them, so that they die at the same moment. */
    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitGone(List<Long> pids, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline && pids.stream().anyMatch(CrashBenchmark::alive)) {
            sleep(50);
        }
    }

    // ================================================================== helpers

    private boolean ready() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean healthy() {
        return appPid > 0 && isOurApp(appPid) && ready();
    }

    private boolean portInUse() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException | RuntimeException e) {
            return List.of("(log not readable: " + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long T0 = System.nanoTime();

    private static void log(String message) {
        System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - T0) / 1e9, message);
    }
}
