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
import java.util.Set;
import java.util.concurrent.Executors;

import org.cordon.CordonApplication;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.dashboard.DashboardManagement;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dashboard benchmark (not a test; run with {@code ./bench/dashboard [passages]}): starts Cordon on a
 * fresh embedded PostgreSQL (target/bench-dashboard-data), generates realistic volume directly with
 * SQL — passages with their occupants (about two per passage), 500,000 persons, returnees, observation
 * episodes and 1,000,000 observation checks over 60 days and all 14 checkpoints / towns — rebuilds the
 * read models and measures {@code GET /api/v1/dashboard} for the city (commander) and for one town
 * (an account created for the run): median and p95 over 200 requests after 30 warm-up requests.
 * Prints generation and rebuild times, the latencies and the ratio p95 / 200 ms (target: below 1). Then measures the
 * city, the town and the city's trends again while a load of {@value #LOAD_PER_SECOND} registrations per second (a car
 * with two occupants, through the real HTTP API, on a fixed schedule) runs, and prints the rate the load achieved and
 * the p95 under load beside the p95 without it.
 */
public final class DashboardBenchmark {

    static final int PERSONS = 500_000;
    static final int EPISODES = 100_000;
    static final int CHECKS_PER_EPISODE = 10;   // 1,000,000 checks
    static final int DAYS = 60;
    static final int BATCH = 1_000_000;
    static final int WARM_UP = 30;
    static final int REQUESTS = 200;
    static final String TOWN = "610881106";
    /** Registrations per second during the measurements under load. */
    static final int LOAD_PER_SECOND = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private DashboardBenchmark(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static void main(String[] args) throws Exception {
        long passages = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        SpringApplication app = new SpringApplication(CordonApplication.class);
        app.setAdditionalProfiles("demo");
        ConfigurableApplicationContext context = app.run("--server.port=0",
                "--cordon.data-dir=" + Path.of("target", "bench-dashboard-data"), "--cordon.embedded-db.clean=true",
                "--cordon.demo.passages=false", "--cordon.demo.observation=false", "--logging.level.root=WARN",
                "--cordon.crypto.key=" + Base64.getEncoder().encodeToString(new byte[32]));
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        try {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            context.getBean(AccountManagement.class).createAccount(new NewAccount("benchtown", "bench-password-1",
                    "镇值班员（基准）", Role.GRID_WORKER, TOWN, Set.of()));
            long t0 = System.nanoTime();
            generate(jdbc, passages);
            double generateS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            DashboardManagement.RebuildResult rebuilt = context.getBean(DashboardManagement.class).rebuild("bench");
            double rebuildS = (System.nanoTime() - t1) / 1e9;
            jdbc.sql("analyze").update();
            DashboardBenchmark bench = new DashboardBenchmark(port);
            System.out.printf(Locale.ROOT, "%nVolume: %,d passages, %,d occupants, %,d persons, %,d returnees, %,d episodes, %,d checks over %d days%n",
                    count(jdbc, "passage"), count(jdbc, "occupant"), count(jdbc, "person"), count(jdbc, "returnee"),
                    count(jdbc, "observation_episode"), count(jdbc, "observation_check"), DAYS);
            System.out.printf(Locale.ROOT, "Generation: %.1f s; rebuild of the read models: %.1f s (%,d fact rows)%n",
                    generateS, rebuildS, rebuilt.rows());
            double[] city = bench.measure("City (commander)", "commander", "demo", "/api/v1/dashboard");
            double[] town = bench.measure("Town " + TOWN + " (town account)", "benchtown", "bench-password-1", "/api/v1/dashboard");
            bench.measure("City 14-day trends", "commander", "demo", "/api/v1/dashboard/trends?days=14");
            bench.measure("City breakdown", "commander", "demo", "/api/v1/dashboard/breakdown");
            System.out.printf(Locale.ROOT, "Ratio city p95 / 200 ms target: %.2f; town p95 / 200 ms: %.2f%n",
                    city[1] / 200.0, town[1] / 200.0);

            // the same measurements while checkpoints register passages (two occupants each) at a steady rate
            long passagesBefore = count(jdbc, "passage");
            RegistrationLoad load = new RegistrationLoad(bench.base, LOAD_PER_SECOND);
            load.start();
            double[] cityLoaded;
            double[] townLoaded;
            double[] trendsLoaded;
            try {
                Thread.sleep(3_000); // the load reaches its steady state
                cityLoaded = bench.measure("Under load: city (commander)", "commander", "demo", "/api/v1/dashboard");
                townLoaded = bench.measure("Under load: town " + TOWN + " (town account)", "benchtown", "bench-password-1",
                        "/api/v1/dashboard");
                trendsLoaded = bench.measure("Under load: city 14-day trends", "commander", "demo", "/api/v1/dashboard/trends?days=14");
            } finally {
                load.stop();
            }
            long stored = count(jdbc, "passage") - passagesBefore;
            System.out.printf(Locale.ROOT, "Registration load: target %d/s, achieved %.1f/s over %.1f s (%,d acknowledged, %,d stored, "
                            + "%,d failed; median %.1f ms, p95 %.1f ms per registration; at most %.0f ms behind schedule)%n",
                    LOAD_PER_SECOND, load.achievedPerSecond(), load.seconds(), load.acknowledged(), stored, load.failed(),
                    load.latency(50), load.latency(95), load.maxLagMillis());
            System.out.printf(Locale.ROOT, "Under load / without: city p95 %.1f / %.1f ms = %.2f, town p95 %.1f / %.1f ms = %.2f, "
                            + "trends p95 %.1f ms; city p95 under load / 200 ms target: %.2f%n",
                    cityLoaded[1], city[1], cityLoaded[1] / city[1], townLoaded[1], town[1], townLoaded[1] / town[1], trendsLoaded[1],
                    cityLoaded[1] / 200.0);
        } finally {
            context.close();
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** Synthetic data: encrypted fields are random bytes, identities are keyed hashes of a counter. */
    static void generate(JdbcClient jdbc, long passages) {
        long t = System.nanoTime();
        jdbc.sql("""
                insert into person(id_type, id_number_enc, id_number_hash, name, residence_code)
                select 'RESIDENT_ID', decode(md5(random()::text), 'hex'), decode(md5('bench-person-' || i), 'hex'), '基准' || i, null
                from generate_series(1, ?) i""").param(PERSONS).update();
        progress("persons", PERSONS, t);
        t = System.nanoTime();
        for (long from = 1; from <= passages; from += BATCH) {
            long to = Math.min(passages, from + BATCH - 1);
            long first = jdbc.sql("select coalesce(max(id), 0) + 1 from passage").query(Long.class).single();
            // the passage's client id is also kept unique across the monthly partitions (passage_client, V93)
            jdbc.sql("""
                    with p as (
                    insert into passage(client_id, checkpoint_code, direction, plate_number, plate_kind, vehicle_type, origin_code,
                                        destination_code, disinfected, recorded_at, recorded_on, recorded_by)
                    select gen_random_uuid(), 'KK' || lpad((1 + i % 14)::text, 2, '0'),
                           case when i % 2 = 0 then 'ENTERING' else 'LEAVING' end,
                           case when i % 10 = 0 then null else '陕K' || lpad((i % 100000)::text, 5, '0') end,
                           case when i % 10 = 0 then null else 'ORDINARY' end,
                           case when i % 10 = 0 then 'PEDESTRIAN' else 'CAR' end,
                           case when i % 100 = 0 then '420102' else '610802' end, null, i % 5 <> 0, ts,
                           (ts at time zone 'Asia/Shanghai')::date, 'bench'
                    from (select i, now() - (random() * interval '60 days') ts from generate_series(?::bigint, ?::bigint) i) g
                    returning id, client_id, recorded_on)
                    insert into passage_client(client_id, passage_id, recorded_on) select client_id, id, recorded_on from p""")
                    .params(from, to).update();
            long last = jdbc.sql("select max(id) from passage").query(Long.class).single();
            jdbc.sql("""
                    insert into occupant(passage_id, recorded_on, seq, name, id_type, id_number_enc, id_number_hash, temperature, disposition)
                    select p.id, p.recorded_on, s, '基准', 'RESIDENT_ID', decode(md5(random()::text), 'hex'), decode(md5('bench-person-' || (1 + (p.id * 7 + s) % ?)), 'hex'),
                           case when (p.id + s) % 1000 = 0 then 38.2 else 36.5 end,
                           case when (p.id + s) % 1000 = 0 then 'FEVER_REFERRAL'
                                when p.origin_code = '420102' then 'HOME_OBSERVATION' else 'RELEASED' end
                    from passage p cross join lateral generate_series(1, 1 + (p.id % 3)::int) s
                    where p.id between ? and ?""").params(PERSONS, first, last).update();
            progress("passages with occupants", to, t);
        }
        t = System.nanoTime();
        List<String> villages = jdbc.sql("select code from area where kind in ('VILLAGE', 'COMMUNITY') order by code")
                .query(String.class).list();
        String villageArray = "array['" + String.join("','", villages) + "']";
        jdbc.sql("""
                insert into returnee(person_id, origin_code, arrived_on, destination_code, source, source_ref, status, created_by)
                select i, '420102', current_date - (i % ?), (VILLAGES)[1 + i % ?], 'IMPORTED', 'bench-' || i,
                       case when current_date - (i % ?) + 14 < current_date then 'RELEASED' else 'UNDER_OBSERVATION' end, 'bench'
                from generate_series(1, ?) i""".replace("VILLAGES", villageArray))
                .params(DAYS, villages.size(), DAYS, EPISODES).update();
        jdbc.sql("""
                insert into observation_episode(person_id, returnee_id, kind, area_code, reason, start_date, planned_end,
                                                status, ended_on, source_ref)
                select r.person_id, r.id, 'HOME', r.destination_code, 'RISK_ARRIVAL', r.arrived_on, r.arrived_on + 14,
                       case when r.arrived_on + 14 < current_date then (case when r.id % 200 = 0 then 'ISOLATED' else 'RELEASED' end)
                            else 'ACTIVE' end,
                       case when r.arrived_on + 14 < current_date then r.arrived_on + 14 end, 'returnee:' || r.id
                from returnee r where r.source = 'IMPORTED' and r.source_ref like 'bench-%'""").update();
        jdbc.sql("""
                insert into observation_check(episode_id, check_date, slot, missed, temperature, abnormal, recorded_by)
                select e.id, e.start_date + (k / 2), case when k % 2 = 0 then 'MORNING' else 'EVENING' end,
                       (e.id + k) % 50 = 0, case when (e.id + k) % 50 = 0 then null when (e.id + k) % 333 = 0 then 37.9 else 36.6 end,
                       (e.id + k) % 50 <> 0 and (e.id + k) % 333 = 0, 'bench'
                from observation_episode e cross join generate_series(0, ? - 1) k""").param(CHECKS_PER_EPISODE).update();
        progress("returnees, episodes and checks", EPISODES, t);
    }

    private static void progress(String what, long n, long startNanos) {
        System.out.printf(Locale.ROOT, "  generated %,d %s in %.1f s%n", n, what, (System.nanoTime() - startNanos) / 1e9);
    }

    private double[] measure(String what, String user, String password, String path) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Accept", "application/json").GET().build();
        for (int i = 0; i < WARM_UP; i++) {
            send(request);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            send(request);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        double median = pct(ms, 50);
        double p95 = pct(ms, 95);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p95 %.1f ms over %d requests%n", what, median, p95, REQUESTS);
        return new double[]{median, p95};
    }

    private void send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Registrations of a car with two occupants at KK01 through the real API ({@code POST /api/v1/checkpoints/KK01/passages}
     * as officer1) at a steady rate: the i-th request is due at start + i / rate (an open model, so a slow answer does not
     * slow the schedule; workers enough that it is kept while answers take up to a few hundred milliseconds).
     */
    static final class RegistrationLoad {

        private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        private static final int WORKERS = 32;

        private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        private final String base;
        private final int perSecond;
        private final java.util.concurrent.atomic.AtomicLong slots = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong maxLagNanos = new java.util.concurrent.atomic.AtomicLong();
        private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        private volatile boolean running;
        private long startNanos;
        private long stopNanos;

        RegistrationLoad(String base, int perSecond) {
            this.base = base;
            this.perSecond = perSecond;
        }

        void start() {
            running = true;
            startNanos = System.nanoTime();
            for (int w = 0; w < WORKERS; w++) {
                workers.submit(this::work);
            }
        }

        private void work() {
            long interval = 1_000_000_000L / perSecond;
            while (running) {
                long due = startNanos + slots.getAndIncrement() * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (!running) {
                    return;
                }
                maxLagNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
                long t = System.nanoTime();
                try {
                    HttpResponse<Void> response = http.send(registration(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 201) {
                        acknowledged.incrementAndGet();
                        latencies.add((System.nanoTime() - t) / 1e6);
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            stopNanos = System.nanoTime();
            workers.shutdown();
            workers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        double seconds() {
            return (stopNanos - startNanos) / 1e9;
        }

        double achievedPerSecond() {
            return acknowledged.get() / seconds();
        }

        long acknowledged() {
            return acknowledged.get();
        }

        long failed() {
            return failed.get();
        }

        double maxLagMillis() {
            return maxLagNanos.get() / 1e6;
        }

        double latency(int p) {
            List<Double> sorted = new ArrayList<>(latencies);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            return pct(sorted, p);
        }

        private HttpRequest registration() {
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            String body = """
                    {"clientId":"%s","direction":"ENTERING","plateNumber":"鄂A%05d","vehicleType":"CAR","originAreaCode":"420102",
                     "destinationAreaCode":"610881106201","disinfected":true,"occupants":[
                     {"name":"张三","idNumber":"%s","phone":"138%08d","temperature":36.6},
                     {"name":"李四","idNumber":"%s","phone":"139%08d","temperature":%s,"symptoms":["COUGH"]}]}"""
                    .formatted(java.util.UUID.randomUUID(), r.nextInt(100000), idNumber(r), r.nextInt(100_000_000), idNumber(r),
                            r.nextInt(100_000_000), r.nextInt(10) == 0 ? "37.9" : "36.4");
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/checkpoints/KK01/passages"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer1:demo".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        }

        private static String idNumber(java.util.concurrent.ThreadLocalRandom r) {
            String body = String.format(Locale.ROOT, "420102%04d%02d%02d%03d", 1950 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (body.charAt(i) - '0') * WEIGHTS[i];
            }
            return body + "10X98765432".charAt(sum % 11);
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
