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
 * Prints generation and rebuild times, the latencies and the ratio p95 / 200 ms (target: below 1).
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

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
