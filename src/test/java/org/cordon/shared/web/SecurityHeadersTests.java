package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The security headers on every kind of answer: a staff page, the public portal, the sign-in page, static files,
 * API answers (success, 401, 403, 404, 400) and page errors; the camera only on the passage entry form.
 */
class SecurityHeadersTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private void assertHeaders(String what, MockHttpServletResponse r, boolean api, boolean camera, List<String> problems) {
        String csp = r.getHeader("Content-Security-Policy");
        if (csp == null) {
            problems.add(what + ": no Content-Security-Policy");
        } else {
            if (csp.contains("unsafe-inline") || csp.contains("unsafe-eval")) {
                problems.add(what + ": CSP allows inline code: " + csp);
            }
            for (String directive : api
                    ? List.of("default-src 'none'", "frame-ancestors 'none'")
                    : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
                    "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "connect-src 'self'", "worker-src 'self'",
                    "manifest-src 'self'")) {
                if (!List.of(csp.split(";\\s*")).contains(directive)) {
                    problems.add(what + ": CSP lacks " + directive + ": " + csp);
                }
            }
        }
        expect(what, r, "Referrer-Policy", "same-origin", problems);
        expect(what, r, "X-Content-Type-Options", "nosniff", problems);
        expect(what, r, "X-Frame-Options", "DENY", problems);
        String permissions = r.getHeader("Permissions-Policy");
        if (permissions == null) {
            problems.add(what + ": no Permissions-Policy");
        } else {
            for (String feature : List.of("microphone=()", "geolocation=()", "payment=()", "usb=()")) {
                if (!permissions.contains(feature)) {
                    problems.add(what + ": Permissions-Policy lacks " + feature + ": " + permissions);
                }
            }
            String expected = camera ? "camera=(self)" : "camera=()";
            if (!permissions.contains(expected)) {
                problems.add(what + ": Permissions-Policy should say " + expected + ": " + permissions);
            }
        }
    }

    private static void expect(String what, MockHttpServletResponse r, String header, String value, List<String> problems) {
        List<String> values = r.getHeaders(header);
        if (!values.equals(List.of(value))) {
            problems.add(what + ": " + header + " " + values + ", expected exactly [" + value + "]");
        }
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
        var commander = user(accounts.loadUserByUsername("commander"));
        var officer = user(accounts.loadUserByUsername("officer1"));
        Map<String, MockHttpServletRequestBuilder> pages = new LinkedHashMap<>();
        pages.put("staff page", get("/rules").with(commander));
        pages.put("dashboard", get("/dashboard").with(commander));
        pages.put("portal", get("/portal"));
        pages.put("portal form", get("/portal/self-report"));
        pages.put("sign-in page", get("/login"));
        pages.put("sign-in failure", post("/login").param("username", "nobody").param("password", "x")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
        pages.put("stylesheet", get("/css/cordon.css"));
        pages.put("service worker", get("/sw.js"));
        pages.put("web app manifest", get("/manifest.webmanifest"));
        pages.put("offline page", get("/offline"));
        pages.put("session check", get("/offline/session"));
        pages.put("page 403", get("/admin/accounts").with(officer));
        pages.put("page 404", get("/passages/987654321").with(commander));
        pages.put("page without sign-in (redirect)", get("/rules"));

        Map<String, MockHttpServletRequestBuilder> api = new LinkedHashMap<>();
        api.put("API answer", get("/api/v1/me").with(as("officer1")));
        api.put("API 401", get("/api/v1/me"));
        api.put("API 401 (bad token)", get("/api/v1/me").header("Authorization", "Bearer cdn_nope"));
        api.put("API 403", get("/api/v1/tokens").with(as("officer1")));
        api.put("API 403 (Basic refused)", post("/api/v1/dispatches/1/receipt").with(as("officer1")));
        api.put("API 404", get("/api/v1/passages/987654321").with(as("commander")));
        api.put("API 400", post("/api/v1/tokens").with(as("admin")).contentType("application/json").content("{"));

        List<String> problems = new ArrayList<>();
        for (var e : pages.entrySet()) {
            assertHeaders(e.getKey(), response(e.getValue()), false, false, problems);
        }
        for (var e : api.entrySet()) {
            assertHeaders(e.getKey(), response(e.getValue()), true, false, problems);
        }
        // the checkpoint passage form may use the camera (QR codes), nothing else
        assertHeaders("passage form", response(get("/checkpoints/KK01/passages/new").with(officer)), false, true, problems);
        assertThat(problems).isEmpty();
        // Swagger UI: the page policy, plus the one style element of its own, by hash
        String docs = response(get("/swagger-ui/index.html")).getHeader("Content-Security-Policy");
        assertThat(docs).contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe-inline")
                .containsPattern("style-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';");
    }

    @Test
    void strictTransportSecurityOnlyOverTls() throws Exception {
        MockHttpServletResponse plain = response(get("/login"));
        assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
        MockHttpServletResponse tls = response(get("/login").secure(true));
        assertThat(tls.getHeader("Strict-Transport-Security")).startsWith("max-age=");
        MockHttpServletResponse api = response(get("/api/v1/me").with(as("officer1")).secure(true));
        assertThat(api.getHeader("Strict-Transport-Security")).startsWith("max-age=");
    }
}
