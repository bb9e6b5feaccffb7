package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What MockMvc cannot show, against the real embedded server (the browser tests' context): the session cookie is
 * {@code HttpOnly} and {@code SameSite=Lax}, and {@code Secure} with {@code Strict-Transport-Security} only when the
 * request came over TLS — here through a proxy's {@code X-Forwarded-Proto: https} (server.forward-headers-strategy
 * native; the proxy at 127.0.0.1 is trusted). The security headers are on the server's own error pages and answers
 * too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecureCookieServerTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sessionCookie(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).as("session cookie of %s", response.uri()).hasSize(1);
        return cookies.get(0);
    }

    @Test
    void theSessionCookieIsSecureExactlyWhenTheRequestCameOverTls() throws Exception {
        HttpResponse<String> plain = get("/login");
        assertThat(plain.statusCode()).isEqualTo(200);
        String cookie = sessionCookie(plain);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> forwarded = get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");
        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(forwarded)).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("; Secure");
        assertThat(forwarded.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
        // links and redirects are built for the address the browser used
        HttpResponse<String> redirect = get("/rules", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "cordon.example.cn");
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).startsWith("https://cordon.example.cn/login"));
    }

    @Test
    void theServersOwnErrorAnswersCarryTheHeaders() throws Exception {
        Map<String, HttpResponse<String>> answers = Map.of(
                "page 404", get("/css/no-such-file.css"),
                "API 401", get("/api/v1/me"),
                "API 404", get("/api/v1/no-such-endpoint", "Authorization", "Basic b2ZmaWNlcjE6ZGVtbw=="),
                "static file", get("/js/cordon.js"),
                "portal", get("/portal"));
        answers.forEach((what, r) -> {
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(v ->
                    assertThat(v).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(r.headers().allValues("Referrer-Policy")).as(what).containsExactly("same-origin");
            assertThat(r.headers().allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
            assertThat(r.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
            assertThat(r.headers().firstValue("Permissions-Policy")).as(what).hasValueSatisfying(v -> assertThat(v).contains("camera=()"));
        });
        assertThat(answers.get("page 404").statusCode()).isEqualTo(404);
        assertThat(answers.get("API 404").statusCode()).isEqualTo(404);
        assertThat(answers.get("API 404").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'none'"));
    }
}
