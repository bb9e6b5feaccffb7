package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.thymeleaf.ITemplateEngine;

/**
 * The body limit on a real Tomcat (what MockMvc cannot show): declared and chunked JSON bodies, chunked form posts
 * past Tomcat's {@code maxPostSize}, broken parameter encodings, and uploads, which the limit leaves alone.
 */
class RequestBodyLimitFilterTests {

    static final int LIMIT = 64 * 1024;

    static Tomcat tomcat;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path tempDir;

    /** Reads the body (JSON: counts the bytes; a form: the length of parameter a) and answers 200 with the count. */
    static final class Echo extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String count;
            request.getParameterMap();   // as Spring Security's CSRF check and the controllers do
            if (request.getContentType() != null && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
                String a = request.getParameter("a");
                count = "form " + (a == null ? -1 : a.length());
            } else {
                try {
                    count = "read " + request.getInputStream().readAllBytes().length;
                } catch (RequestBodyTooLargeException e) {
                    response.setStatus(413);
                    response.getWriter().write("stopped while reading past " + e.limit());
                    return;
                }
            }
            response.getWriter().write(count);
        }
    }

    @BeforeAll
    static void start() throws LifecycleException, IOException {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("problem.bodyTooLarge", Locale.ENGLISH, "The request is too large");
        messages.addMessage("problem.bodyTooLarge.detail", Locale.ENGLISH, "At most {0} KB");
        messages.addMessage("problem.malformedParameters", Locale.ENGLISH, "The request parameters could not be read");
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.ENGLISH);
        ProblemAnswers answers = new ProblemAnswers(messages, locales,
                new DefaultListableBeanFactory().getBeanProvider(ITemplateEngine.class));
        RequestBodyLimitFilter filter = new RequestBodyLimitFilter(new HttpLimitsSettings(DataSize.ofBytes(LIMIT)), answers);

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(tempDir.resolve("tomcat")).toString());
        tomcat.setPort(0);
        tomcat.getConnector().setMaxPostSize(LIMIT);   // what server.tomcat.max-http-form-post-size=${cordon.http.max-body-size} sets
        Context context = tomcat.addContext("", tempDir.toString());
        Tomcat.addServlet(context, "echo", new Echo());
        context.addServletMappingDecoded("/*", "echo");
        FilterDef def = new FilterDef();
        def.setFilterName("limit");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("limit");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
        base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    }

    @AfterAll
    static void stop() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    static HttpResponse<String> send(String path, String contentType, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType).header("Accept-Language", "en")
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] json(int size) {
        return ("{\"a\":\"" + "x".repeat(size - 8) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> response = send("/api/v1/leadership", "application/json", json(LIMIT + 1), false);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"type\":\"urn:cordon:problem:body-too-large\"", "The request is too large", "At most 64 KB");
    }

    @Test
    void aChunkedBodyIsCountedWhileItIsReadAndStoppedPastTheLimit() throws Exception {
        HttpResponse<String> over = send("/api/v1/leadership", "application/json", json(LIMIT * 4), true);
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body()).isEqualTo("stopped while reading past " + LIMIT);

        HttpResponse<String> within = send("/api/v1/leadership", "application/json", json(LIMIT), true);
        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(within.body()).isEqualTo("read " + LIMIT);
    }

    @Test
    void formPostsAreBoundedDeclaredOrChunked() throws Exception {
        byte[] big = ("a=" + "x".repeat(LIMIT)).getBytes(StandardCharsets.US_ASCII);
        assertThat(send("/command/leadership", "application/x-www-form-urlencoded", big, false).statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = send("/command/leadership", "application/x-www-form-urlencoded", big, true);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(chunked.body()).contains("The request is too large");

        HttpResponse<String> small = send("/command/leadership", "application/x-www-form-urlencoded",
                ("a=" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII), true);
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("form 1000");
    }

    /** A request written by hand: what a client library would not send. Answers the status line and the body. */
    static String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            return answer.lines().findFirst().orElse("") + "\n" + (headersEnd < 0 ? "" : answer.substring(headersEnd + 4));
        }
    }

    /**
     * Tomcat 11 throws from {@code getParameter} on a broken percent-encoding (and on invalid UTF-8 in a query);
     * answered here as a problem in the caller's language, before Spring Security or a controller meets it. Invalid
     * UTF-8 in a form post is decoded with U+FFFD, which no name may hold. Control characters pass: the application
     * refuses them by field ({@code TextParameterInterceptor}).
     */
    @Test
    void brokenlyEncodedParametersAreA400Problem() throws Exception {
        for (String body : new String[] {"a=%ZZ", "a=%"}) {
            String answer = raw("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(answer).as(body).startsWith("HTTP/1.1 400").contains("\"type\":\"urn:cordon:problem:malformed-parameters\"",
                    "The request parameters could not be read");
        }
        String replaced = raw("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 8\r\n\r\na=%C3%28");
        assertThat(replaced).startsWith("HTTP/1.1 200").endsWith("form 2");
        for (String query : new String[] {"q=%ZZ", "q=%C3%28", "q=%"}) {
            String answer = raw("GET /api/v1/people?" + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(query).startsWith("HTTP/1.1 400").contains("urn:cordon:problem:malformed-parameters");
        }
        assertThat(raw("GET /api/v1/people?q=a%01b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void uploadsAreLeftToTheMultipartLimits() throws Exception {
        byte[] upload = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n" + "x".repeat(LIMIT * 2)
                + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = send("/api/v1/areas/import", "multipart/form-data; boundary=b", upload, false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("read " + upload.length);
    }
}
