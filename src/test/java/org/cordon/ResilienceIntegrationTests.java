package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.cordon.checkpoint.PassageRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * What users notice when the database is busy or away, and that reactions to events do not wait for a
 * restart. Runs the real server on a random port (HTTP clients as the staff's phones and browsers use
 * it) with the application's DataSource wrapped in a {@link ConnectionTrackingDataSource}, and the
 * event maintenance jobs switched on with intervals of a second.
 *
 * <p>One context for all of these tests, closed after the class ({@code @DirtiesContext}): its
 * once-a-second resubmission would otherwise keep running during other test classes and hand their
 * in-flight publications (same database) to a second set of listeners.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cordon.events.maintenance.enabled=true",
        "cordon.events.resubmit-interval=PT1S",
        "cordon.events.resubmit-after=PT1S",
        "cordon.events.stale-after=PT5S",
        "cordon.events.prune-interval=PT1S"})
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ResilienceIntegrationTests {

    static final String PASSWORD = "demo";
    /** Each demo account and a list it may read. */
    static final Map<String, String> ROLE_LISTS = Map.of(
            "admin", "/api/v1/areas",
            "commander", "/api/v1/dashboard",
            "officer1", "/api/v1/checkpoints/KK01/passages",
            "officer2", "/api/v1/checkpoints/KK02/passages",
            "medic", "/api/v1/referrals",
            "grid1", "/api/v1/observation/worklist",
            "town1", "/api/v1/returnees",
            "wg1", "/api/v1/directives",
            "coordinator", "/api/v1/volunteers",
            "clerk", "/api/v1/stock");

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        static BeanPostProcessor trackingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource ds && !(bean instanceof ConnectionTrackingDataSource)
                            ? new ConnectionTrackingDataSource(ds) : bean;
                }
            };
        }

        @Bean
        FlakyPassageListener flakyPassageListener() {
            return new FlakyPassageListener();
        }
    }

    /**
     * Fails the first delivery of each passage's event on purpose and takes the second. Its record is
     * static: the bean is a (transactional, asynchronous) proxy without the fields.
     */
    static class FlakyPassageListener {

        static final Map<Long, Integer> deliveries = new ConcurrentHashMap<>();
        static final Set<Long> reacted = ConcurrentHashMap.newKeySet();

        @ApplicationModuleListener
        void on(PassageRegistered event) {
            if (deliveries.merge(event.passageId(), 1, Integer::sum) == 1) {
                throw new IllegalStateException("Test listener: the first delivery of passage " + event.passageId()
                        + " fails on purpose");
            }
            reacted.add(event.passageId());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ConnectionTrackingDataSource tracking() {
        return (ConnectionTrackingDataSource) dataSource;
    }

    @AfterEach
    void databaseBack() {
        tracking().setUnavailable(false);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String username, String... headers) throws Exception {
        return getWithPassword(path, username, PASSWORD, headers);
    }

    HttpResponse<String> getWithPassword(String path, String username, String password, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET()
                .header("Authorization", basic(username, password));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A browser: its own cookies, redirects not followed. */
    static HttpClient browser(CookieManager cookies) {
        return HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html").GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posts the sign-in form (with the CSRF token of a freshly loaded sign-in page). */
    HttpResponse<String> signIn(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> form = page(browser, "/login");
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends the request and asserts it was answered within 5 s. */
    static <T> T within5s(ThrowingSupplier<T> request) throws Exception {
        long began = System.nanoTime();
        T answer = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("answered within 5 s").isLessThan(Duration.ofSeconds(5));
        return answer;
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static void assertUnavailableProblem(HttpResponse<String> answer, String title) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(answer.body(), "$.type")).isEqualTo("urn:cordon:problem:unavailable");
        assertThat((Integer) JsonPath.read(answer.body(), "$.status")).isEqualTo(503);
        assertThat((String) JsonPath.read(answer.body(), "$.title")).isEqualTo(title);
        assertThat((String) JsonPath.read(answer.body(), "$.detail")).contains("5");
    }

    static void assertUnavailablePage(HttpResponse<String> answer, String title) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<h1 id=\"unavailable-title\">" + title + "</h1>");
    }

    // ------------------------------------------------------------------ no pool deadlock

    @Test
    void sixtyConcurrentSignedInRequestsOfEveryRoleAllAnswerQuicklyAndNoRequestHoldsTwoConnections() throws Exception {
        for (Map.Entry<String, String> role : ROLE_LISTS.entrySet()) {   // each account may read its list
            assertThat(get(role.getValue(), role.getKey()).statusCode()).as(role.toString()).isEqualTo(200);
        }
        tracking().resetMaximum();
        List<String[]> requests = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, String> role : ROLE_LISTS.entrySet()) {
                requests.add(new String[] {role.getKey(), "/api/v1/me"});
                requests.add(new String[] {role.getKey(), role.getValue()});
            }
        }
        assertThat(requests).hasSize(60);
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String[] r : requests) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return get(r[1], r[0]);
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get();
                assertThat(answer.statusCode()).as("%s as %s: %s", requests.get(i)[1], requests.get(i)[0], answer.body())
                        .isBetween(200, 299);
            }
            Duration burst = Duration.ofNanos(System.nanoTime() - began);
            assertThat(burst).as("the whole burst").isLessThan(Duration.ofSeconds(20));
        } finally {
            threads.shutdownNow();
        }
        assertThat(tracking().maxConnectionsPerThread())
                .as("connections one thread held at once; %s", tracking().secondConnections())
                .isEqualTo(1);
    }

    // ------------------------------------------------------------------ outages answered with 503

    @Test
    void whileTheDatabaseIsAwayApiCallsGet503WithALocalisedProblemAndRetryAfterAndServeAgainAfterwards(CapturedOutput log)
            throws Exception {
        assertThat(get("/api/v1/me", "officer1").statusCode()).isEqualTo(200);   // its password check is remembered
        tracking().setUnavailable(true);

        assertUnavailableProblem(within5s(() -> get("/api/v1/me", "officer1", "Accept-Language", "en")), "Temporarily unavailable");
        assertUnavailableProblem(within5s(() -> get("/api/v1/checkpoints/KK01/passages", "officer1")), "暂时无法服务");
        // a password never checked before: the sign-in itself cannot read the account, which is no wrong password (401)
        assertUnavailableProblem(within5s(() -> getWithPassword("/api/v1/me", "medic", "not-checked-" + UUID.randomUUID(),
                "Accept-Language", "en")), "Temporarily unavailable");
        assertThat(log.getOut()).contains("Database unavailable: GET /api/v1/me answered 503")
                .doesNotContain("at org.cordon.ConnectionTrackingDataSource.failIfUnavailable");

        tracking().setUnavailable(false);
        assertThat(get("/api/v1/me", "officer1").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/checkpoints/KK01/passages", "officer1").statusCode()).isEqualTo(200);
        assertThat(getWithPassword("/api/v1/me", "medic", "not-checked-" + UUID.randomUUID()).statusCode()).isEqualTo(401);
    }

    @Test
    void signingInOnTheFormWhileTheDatabaseIsAwayShowsTheUnavailablePageNotAWrongPassword() throws Exception {
        HttpClient browser = browser(new CookieManager());
        HttpResponse<String> form = page(browser, "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        tracking().setUnavailable(true);

        // the sign-in page was loaded before the outage; sessions live in the database, so the post finds the
        // database away before any password is checked
        String body = "username=officer2&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> answer = within5s(() -> browser.send(HttpRequest.newBuilder(uri("/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));

        assertUnavailablePage(answer, "暂时无法服务");
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void pagesWhileTheDatabaseIsAwayShowALocalisedUnavailablePageAndServeAgainAfterwards() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = browser(cookies);
        assertThat(signIn(browser, "officer1", PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(page(browser, "/checkpoints").statusCode()).isEqualTo(200);
        tracking().setUnavailable(true);

        assertUnavailablePage(within5s(() -> page(browser, "/checkpoints")), "暂时无法服务");
        HttpCookie english = new HttpCookie("cordon-lang", "en");
        english.setPath("/");
        english.setVersion(0);
        cookies.getCookieStore().add(uri("/"), english);
        HttpResponse<String> inEnglish = within5s(() -> page(browser, "/checkpoints"));
        assertUnavailablePage(inEnglish, "Temporarily unavailable");
        assertThat(inEnglish.body()).contains("Please try again in 5 seconds");

        tracking().setUnavailable(false);
        assertThat(page(browser, "/checkpoints").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsAwayLivenessStaysUp() throws Exception {
        assertThat(probe("/actuator/health/readiness").statusCode()).isEqualTo(200);
        tracking().setUnavailable(true);

        HttpResponse<String> readiness = within5s(() -> probe("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat((String) JsonPath.read(readiness.body(), "$.status")).isEqualTo("DOWN");
        assertThat(probe("/actuator/health/liveness").statusCode()).isEqualTo(200);

        tracking().setUnavailable(false);
        assertThat(probe("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    /** As a load balancer or Kubernetes asks: no credentials, no Accept header. */
    HttpResponse<String> probe(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ reactions and bookkeeping while running

    @Test
    void aReactionThatFailedIsRetriedWhileRunningAndCompletesWithoutARestart() throws Exception {
        String plate = "陕" + "ABCDEFGHJKLMNPQRSTUVWXYZ".charAt(ThreadLocalRandom.current().nextInt(24))
                + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        String passage = """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                 "originAreaCode": "610802", "destinationAreaCode": "610881106201", "disinfected": true,
                 "occupants": [{"name": "王五", "idType": "RESIDENT_ID", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                .formatted(UUID.randomUUID(), plate, IntegrationTestSupport.randomIdNumber(), IntegrationTestSupport.randomPhone());
        tracking().resetMaximum();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(uri("/api/v1/checkpoints/KK01/passages"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic("officer1", PASSWORD))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(passage)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        long passageId = ((Number) JsonPath.read(registered.body(), "$.id")).longValue();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(FlakyPassageListener.reacted).contains(passageId);
            assertThat(jdbc.sql("""
                            select status from event_publication
                            where listener_id like '%FlakyPassageListener%' and (serialized_event::jsonb ->> 'passageId')::bigint = ?
                              and completion_date is not null""")
                    .param(passageId).query(String.class).list()).containsExactly("COMPLETED");
        });
        assertThat(FlakyPassageListener.deliveries.get(passageId)).as("deliveries: the failed one and the retry").isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("""
                        select completion_attempts from event_publication
                        where listener_id like '%FlakyPassageListener%' and (serialized_event::jsonb ->> 'passageId')::bigint = ?""")
                .param(passageId).query(Integer.class).single()).as("resubmissions").isGreaterThanOrEqualTo(1);
        assertThat(tracking().maxConnectionsPerThread())
                .as("connections one thread (request, listener, scheduler) held at once; %s", tracking().secondConnections())
                .isEqualTo(1);
    }

    @Test
    void aReactionCutOffBeforeItCouldEvenBeMarkedFailedIsRetriedOnceItIsStale() {
        // what an outage leaves behind: the publication stays PUBLISHED (marking it failed failed too)
        long passageId = -ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000L);
        FlakyPassageListener.deliveries.put(passageId, 1); // its first delivery was the one cut off
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event_publication(id, listener_id, event_type, serialized_event, publication_date, status,
                                                      completion_attempts)
                        values (?, ?, 'org.cordon.checkpoint.PassageRegistered', ?, ?, 'PUBLISHED', 0)""")
                .params(id, FlakyPassageListener.class.getName() + ".on(org.cordon.checkpoint.PassageRegistered)",
                        REMOVED_LISTENERS_EVENT.replace("\"passageId\":-1", "\"passageId\":" + passageId),
                        Timestamp.from(Instant.now().minus(Duration.ofMinutes(30))))
                .update();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(FlakyPassageListener.reacted).contains(passageId);
                assertThat(jdbc.sql("select status from event_publication where id = ?").param(id).query(String.class).single())
                        .isEqualTo("COMPLETED");
            });
        } finally {
            jdbc.sql("delete from event_publication where id = ?").param(id).update();
        }
    }

    @Test
    void completedPublicationsAndDashboardMarkersAreDeletedAfterTheirRetentionIncompletePublicationsStay() {
        Instant now = Instant.now();
        UUID oldCompleted = publication(now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(8)));
        UUID youngCompleted = publication(now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(6)));
        UUID oldIncomplete = publication(now.minus(Duration.ofDays(8)), null);
        String marker = "test-" + UUID.randomUUID();
        marker("TEST_OLD", marker, now.minus(Duration.ofDays(31)));
        marker("TEST_YOUNG", marker, now.minus(Duration.ofDays(29)));
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(publicationExists(oldCompleted)).as("completed 8 days ago (retention 7 days)").isFalse();
                assertThat(markerKinds(marker)).as("markers 31 and 29 days old (retention 30 days)").containsExactly("TEST_YOUNG");
            });
            assertThat(publicationExists(youngCompleted)).as("completed 6 days ago").isTrue();
            assertThat(publicationExists(oldIncomplete)).as("incomplete for 8 days").isTrue();
        } finally {
            jdbc.sql("delete from event_publication where id in (?, ?, ?)").params(oldCompleted, youngCompleted, oldIncomplete).update();
            jdbc.sql("delete from dash_applied_event where source_ref = ?").param(marker).update();
        }
    }

    static final String REMOVED_LISTENERS_EVENT = """
            {"passageId":-1,"checkpointCode":"KK01","townCode":"610881106","direction":"ENTERING",
             "recordedAt":"2020-01-01T00:00:00Z","recordedOn":"2020-01-01","occupants":0,"vehicle":false,
             "disinfected":false,"destinationAreaCode":"610881106201"}""";

    /**
     * A publication of a listener that no longer exists (so that resubmitting it changes nothing):
     * completed at {@code completed}, or incomplete (failed) when null.
     */
    UUID publication(Instant published, Instant completed) {
        // a well-formed event: the registry reads every incomplete publication, and one it cannot read stops all resubmission
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event_publication(id, listener_id, event_type, serialized_event, publication_date,
                                                      completion_date, status, completion_attempts)
                        values (?, 'org.cordon.RemovedListener.on(org.cordon.checkpoint.PassageRegistered)',
                                'org.cordon.checkpoint.PassageRegistered', ?, ?, ?, ?, 1)""")
                .params(id, REMOVED_LISTENERS_EVENT, Timestamp.from(published),
                        completed == null ? null : Timestamp.from(completed), completed == null ? "FAILED" : "COMPLETED")
                .update();
        return id;
    }

    boolean publicationExists(UUID id) {
        return jdbc.sql("select count(*) from event_publication where id = ?").param(id).query(Long.class).single() > 0;
    }

    void marker(String kind, String sourceRef, Instant appliedAt) {
        jdbc.sql("insert into dash_applied_event(kind, source_ref, applied_at) values (?, ?, ?)")
                .params(kind, sourceRef, Timestamp.from(appliedAt)).update();
    }

    List<String> markerKinds(String sourceRef) {
        return jdbc.sql("select kind from dash_applied_event where source_ref = ? order by kind").param(sourceRef)
                .query(String.class).list();
    }
}
