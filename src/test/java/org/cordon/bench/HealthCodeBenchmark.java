package org.cordon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.CordonApplication;
import org.cordon.IntegrationTestSupport;
import org.cordon.healthcode.HealthCodeBench;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthCodeQr;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Health-code benchmark (not a test; run with {@code ./bench/health-code [codes]}): starts Cordon on a fresh embedded
 * PostgreSQL (target/bench-health-code-data, demo profile), declares N persons through the health-code service and
 * prints, measured in the same run:
 * <ul>
 *   <li>offline verification on one thread (one core): codes verified per second against the published keys and a
 *       revocation set of 10,000 ids (no database), and signatures per second;</li>
 *   <li>the server side of "scan to stored passage": {@code POST /api/v1/checkpoints/KK01/passages} of a pedestrian
 *       with a code and a temperature (verification, identity from the registry, storage) — median and p95 — beside
 *       the same passage typed (name, ID number, phone), and their ratio;</li>
 *   <li>the size of a typical code: token characters, QR version and modules at error correction M.</li>
 * </ul>
 */
public final class HealthCodeBenchmark {

    public static void main(String[] args) throws Exception {
        int codes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        SpringApplication app = new SpringApplication(CordonApplication.class);
        app.setAdditionalProfiles("demo");
        ConfigurableApplicationContext context = app.run("--server.port=0",
                "--cordon.data-dir=" + Path.of("target", "bench-health-code-data"), "--cordon.embedded-db.clean=true",
                "--cordon.demo.passages=false", "--cordon.demo.observation=false", "--logging.level.root=WARN",
                "--cordon.crypto.key=" + Base64.getEncoder().encodeToString(new byte[32]));
        try {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            HealthCodeManagement hc = context.getBean(HealthCodeManagement.class);
            List<String> tokens = new ArrayList<>();
            List<String[]> typed = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < codes; i++) {
                String id = IntegrationTestSupport.randomIdNumber();
                String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
                String name = "码" + (char) ('甲' + i % 60) + (char) ('乙' + i / 60 % 60);
                tokens.add(hc.declare(new HealthDeclarationRequest(UUID.randomUUID(), name, "RESIDENT_ID", id, phone, "610881106201",
                        List.of(), null, List.of()), "127.0.0.1").code().token());
                typed.add(new String[] {name + "乙", IntegrationTestSupport.randomIdNumber(), phone});
            }
            double declareMs = (System.nanoTime() - t0) / 1e6 / codes;
            String token = tokens.get(0);

            HealthCodeBench.Figures offline = HealthCodeBench.offline(context, token, 10_000, 50_000);

            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("officer1:demo".getBytes(StandardCharsets.UTF_8));
            List<Double> byCode = new ArrayList<>();
            List<Double> byTyping = new ArrayList<>();
            for (int i = 0; i < codes; i++) {
                String occupantByCode = "{\"healthCode\": \"" + tokens.get(i) + "\", \"temperature\": \"36.5\"}";
                String[] t = typed.get(i);
                String occupantTyped = "{\"name\": \"" + t[0] + "\", \"idNumber\": \"" + t[1] + "\", \"phone\": \"" + t[2]
                        + "\", \"temperature\": \"36.5\"}";
                // alternate, so that both see the same warm-up and the same growth of the tables
                (i % 2 == 0 ? byCode : byTyping).add(post(http, port, auth, i % 2 == 0 ? occupantByCode : occupantTyped));
                (i % 2 == 0 ? byTyping : byCode).add(post(http, port, auth, i % 2 == 0 ? occupantTyped : occupantByCode));
            }
            int warm = Math.min(20, codes / 5);
            List<Double> code = byCode.subList(warm, byCode.size());
            List<Double> hand = byTyping.subList(warm, byTyping.size());
            System.out.println();
            System.out.println("Health code benchmark (" + codes + " codes, " + LocalDate.now() + ")");
            System.out.printf("  declaration through the service: %.1f ms per person%n", declareMs);
            System.out.printf("  offline verification, one thread: %,.0f codes/s (revocation set of %,d ids); signing: %,.0f codes/s%n",
                    offline.verifiedPerSecond(), offline.revoked(), offline.signedPerSecond());
            System.out.printf("  passage of a pedestrian by code + temperature: median %.1f ms, p95 %.1f ms%n", pct(code, 50), pct(code, 95));
            System.out.printf("  the same passage typed (name, ID, phone):    median %.1f ms, p95 %.1f ms%n", pct(hand, 50), pct(hand, 95));
            System.out.printf("  ratio by code / typed: median %.2f, p95 %.2f%n", pct(code, 50) / pct(hand, 50), pct(code, 95) / pct(hand, 95));
            System.out.printf("  a typical code: %d characters, QR version %d (%d×%d modules with the quiet zone), error correction M%n",
                    token.length(), HealthCodeQr.version(token), HealthCodeQr.matrix(token).getWidth(), HealthCodeQr.matrix(token).getHeight());
        } finally {
            context.close();
        }
    }

    private static double post(HttpClient http, int port, String auth, String occupant) throws Exception {
        String body = "{\"clientId\": \"" + UUID.randomUUID() + "\", \"direction\": \"ENTERING\", \"vehicleType\": \"PEDESTRIAN\","
                + " \"originAreaCode\": \"610802\", \"destinationAreaCode\": \"610881106201\", \"occupants\": [" + occupant + "]}";
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/checkpoints/KK01/passages"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 201) {
            throw new IllegalStateException("passage refused: " + r.statusCode() + " " + r.body());
        }
        return ms;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
