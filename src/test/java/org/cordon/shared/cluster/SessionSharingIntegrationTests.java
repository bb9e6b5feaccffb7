package org.cordon.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.http.Cookie;
import org.cordon.CordonApplication;
import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Sessions live in the database (Spring Session JDBC), so a browser signed in on one node is signed in on every
 * other: signed in on this test's context (node A), its session cookie is presented to a second application context
 * with a real server on the same database (node B), which knows the user, signs them out, and node A knows that too.
 * HTTP Basic stays stateless: scripts' requests leave no session rows.
 */
class SessionSharingIntegrationTests extends IntegrationTestSupport {

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aSessionStartedOnOneNodeIsSignedInOnAnotherAndSignedOutOnBoth() throws Exception {
        MvcResult signedIn = mvc.perform(post("/login").with(csrf()).param("username", "officer2").param("password", DEMO_PASSWORD))
                .andExpect(status().is3xxRedirection()).andReturn();
        Cookie cookie = signedIn.getResponse().getCookie("JSESSIONID");
        assertThat(cookie).as("session cookie of the sign-in").isNotNull();
        String sessionId = new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
        assertThat(count("select count(*) from spring_session where session_id = ? and principal_name = 'officer2'", sessionId))
                .as("the session and its user are stored in the database").isEqualTo(1);
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(sessionId)
                .query(Integer.class).single()).as("server.servlet.session.timeout, 30 min by default").isEqualTo(1800);
        mvc.perform(get("/offline/session").cookie(cookie)).andExpect(jsonPath("$.signedIn").value(true));

        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(CordonApplication.class).profiles("test")
                .properties("server.port=0").run()) {
            String base = "http://localhost:" + nodeB.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> there = http.send(HttpRequest.newBuilder(URI.create(base + "/offline/session"))
                    .header("Cookie", "JSESSIONID=" + cookie.getValue()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(there.statusCode()).isEqualTo(200);
            assertThat((Boolean) JsonPath.read(there.body(), "$.signedIn")).as(there.body()).isTrue();
            assertThat((String) JsonPath.read(there.body(), "$.user")).isEqualTo("officer2");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Cookie", "JSESSIONID=" + cookie.getValue()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            // the home page sends an officer on to the checkpoint's page, never to the sign-in page
            assertThat(page.statusCode()).isIn(200, 302);
            assertThat(page.headers().firstValue("Location").orElse("")).as("not the way to the sign-in page").doesNotContain("/login");

            // scripts with HTTP Basic: no session, no row
            long t0 = System.currentTimeMillis();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("officer1:" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Authorization", basic)
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(me.statusCode()).isEqualTo(200);
                assertThat(me.headers().allValues("Set-Cookie")).as("no session cookie for Basic").noneMatch(c -> c.startsWith("JSESSIONID="));
            }
            assertThat(count("select count(*) from spring_session where creation_time >= ?", t0)).as("sessions made by Basic requests").isZero();

            // signing out on node B ends the session everywhere
            String token = JsonPath.read(there.body(), "$.csrfToken");
            String header = JsonPath.read(there.body(), "$.csrfHeader");
            HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
                    .header("Cookie", "JSESSIONID=" + cookie.getValue()).header(header, token)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(logout.statusCode()).isEqualTo(302);
            assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        }
        assertThat(count("select count(*) from spring_session where session_id = ?", sessionId)).as("the session is gone").isZero();
        mvc.perform(get("/offline/session").cookie(cookie)).andExpect(jsonPath("$.signedIn").value(false));
    }
}
