package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An upload beyond {@code spring.servlet.multipart.max-file-size} (20 MB) against the real server (Tomcat enforces the
 * limit, which MockMvc does not): a localised 413 problem on the API, the page again with a message on the page (after
 * a redirect: the page's CSRF check would otherwise make Tomcat parse the body first), and the server answers the
 * next request. Shares the browser tests' context (same configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UploadSizeLimitServerTests {

    private static final String BOUNDARY = "cordon-test-boundary";

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static byte[] multipart(int bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] line = "a,b,c\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int written = 0; written < bytes; written += line.length) {
            body.writeBytes(line);
        }
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    HttpRequest.Builder upload(String path, byte[] body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("X-Cordon-Client", "test")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static String basic(String username) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTooLargeUploadIsA413ProblemOnTheApiAndAMessageOnThePageAndTheServerKeepsServing() throws Exception {
        byte[] big = multipart(25 << 20);

        HttpResponse<String> zh = client.send(upload("/api/v1/returnees/roster", big).header("Authorization", basic("admin"))
                .header("Accept-Language", "zh-CN").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(413);
        assertThat(zh.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(zh.body()).contains("文件太大").contains("不能超过 20 MB").contains("urn:cordon:problem:too-large");

        HttpResponse<String> en = client.send(upload("/api/v1/areas/import", big).header("Authorization", basic("admin"))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(en.statusCode()).as(en.body()).isEqualTo(413);
        assertThat(en.body()).contains("limited to 20 MB");

        // without a declared length (chunked) the limit is met while Tomcat parses the body: answered by the API's handler
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri("/api/v1/returnees/roster")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("Authorization", basic("admin")).header("X-Cordon-Client", "test")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(chunked.request().headers().firstValue("Content-Length")).isEmpty();
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("limited to 20 MB");

        // the pages, signed in by the form (with its CSRF token)
        HttpResponse<String> loginPage = client.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(loginPage.body());
        String csrf = token.find() ? (token.group(1) != null ? token.group(1) : token.group(2)) : "";
        String form = "username=admin&password=demo&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> rosterPost = client.send(upload("/returnees/roster", big).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rosterPost.statusCode()).isEqualTo(303);
        HttpResponse<String> rosterPage = client.send(HttpRequest.newBuilder(uri(rosterPost.headers().firstValue("Location").orElseThrow()))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(rosterPage.statusCode()).isEqualTo(200);
        assertThat(rosterPage.body()).contains("id=\"import-error\"").contains("不能超过 20 MB").contains("id=\"roster-upload\"");

        HttpResponse<String> areaPost = client.send(upload("/areas/import", big).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(areaPost.statusCode()).isEqualTo(303);
        HttpResponse<String> areaPage = client.send(HttpRequest.newBuilder(uri(areaPost.headers().firstValue("Location").orElseThrow()
                        + "&lang=en")).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(areaPage.statusCode()).isEqualTo(200);
        assertThat(areaPage.body()).contains("id=\"file-error\"").contains("limited to 20 MB").contains("id=\"import-form\"");

        // a normal upload just below the limit is read (and refused for its content, not its size)
        HttpResponse<String> small = client.send(upload("/api/v1/returnees/roster", multipart(1 << 20))
                .header("Authorization", basic("admin")).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
        assertThat(small.body()).contains("roster.file.noHeader");
        HttpResponse<String> template = client.send(HttpRequest.newBuilder(uri("/api/v1/returnees/roster/template?format=csv"))
                .header("Authorization", basic("admin")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(template.statusCode()).isEqualTo(200);
    }
}
