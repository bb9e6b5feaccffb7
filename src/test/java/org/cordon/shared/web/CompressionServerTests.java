package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Against the real server (the browser tests' context), what MockMvc cannot show: Tomcat compresses text answers of at
 * least 1 KB — pages, JSON, webjars — for a client that accepts gzip, sends the build's Brotli copy of the platform's
 * scripts to one that accepts Brotli, and leaves small answers and clients without {@code Accept-Encoding} alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CompressionServerTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<byte[]> get(String path, String acceptEncoding, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String encoding(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Encoding").orElse("identity");
    }

    @Test
    void textAnswersAreCompressedForClientsThatAcceptIt() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("commander:demo".getBytes());
        HttpResponse<byte[]> page = get("/login", "gzip");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(encoding(page)).isEqualTo("gzip");
        assertThat(encoding(get("/login", null))).isEqualTo("identity");

        HttpResponse<byte[]> json = get("/api/v1/dashboard/trends?days=14", "gzip", "Authorization", basic);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(encoding(json)).isEqualTo("gzip");
        HttpResponse<byte[]> plainJson = get("/api/v1/dashboard/trends?days=14", null, "Authorization", basic);
        assertThat(json.body().length).isLessThan(plainJson.body().length / 3);

        HttpResponse<byte[]> htmx = get("/webjars/htmx.org/dist/htmx.min.js", "gzip, deflate, br, zstd");
        assertThat(encoding(htmx)).as("webjars: Tomcat's gzip").isEqualTo("gzip");
        HttpResponse<byte[]> own = get("/js/health-code-scan.js", "gzip, deflate, br, zstd");
        assertThat(encoding(own)).as("the platform's scripts: the build's Brotli copy").isEqualTo("br");
        HttpResponse<byte[]> ownGzip = get("/js/health-code-scan.js", "gzip");
        assertThat(encoding(ownGzip)).isEqualTo("gzip");
        assertThat(own.body().length).isLessThan(ownGzip.body().length);

        // below 1 KB: as it is
        HttpResponse<byte[]> keys = get("/.well-known/jwks.json", "gzip");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body().length).isLessThan(1024);
        assertThat(encoding(keys)).isEqualTo("identity");
    }
}
