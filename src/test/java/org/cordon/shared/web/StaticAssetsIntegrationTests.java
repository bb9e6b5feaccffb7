package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Static assets (README "Fast on slow links"): pages link the platform's styles and scripts by content-hashed names and
 * the webjars by their version; such an address is cached a year ({@code immutable}), Brotli-compressed for a browser
 * that accepts it, whichever was asked first; the plain name of the same file must be asked again ({@code no-cache},
 * 304 while unchanged); a wrong hash is 404; pages and the API keep {@code no-store}; an asset request touches no
 * session.
 */
class StaticAssetsIntegrationTests extends IntegrationTestSupport {

    static final String IMMUTABLE = "max-age=31536000, public, immutable";
    static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:css|js|vendor|webjars)/[^\"]+)\"");

    @Autowired
    AccountManagement accounts;

    private MockHttpServletResponse fetch(String path, String acceptEncoding) throws Exception {
        var request = get(path);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private String asset(String page, String prefix) {
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no asset " + prefix + "… in the page");
    }

    @Test
    void pagesLinkVersionedAssetsThatAreCachedAYearWhileThePlainNamesAreRevalidated() throws Exception {
        String page = mvc.perform(get("/checkpoints/KK01/passages/new").with(user(accounts.loadUserByUsername("officer1"))))
                .andReturn().getResponse().getContentAsString();
        Matcher all = ASSET.matcher(page);
        int assets = 0;
        while (all.find()) {
            assets++;
            assertThat(all.group(1)).as("asset links carry a version")
                    .matches("/(css|js|vendor)/.*-[0-9a-f]{32}\\.(css|js)|/webjars/[^/]+/\\d[^/]*/.*");
        }
        assertThat(assets).isGreaterThanOrEqualTo(6);
        String css = asset(page, "/css/cordon-");
        String script = asset(page, "/js/cordon-");
        String htmx = asset(page, "/webjars/htmx.org/");

        // the versioned address first, with Brotli: immutable, the build's .br copy
        MockHttpServletResponse versioned = fetch(script, "gzip, deflate, br, zstd");
        assertThat(versioned.getStatus()).isEqualTo(200);
        assertThat(versioned.getHeader("Cache-Control")).isEqualTo(IMMUTABLE);
        assertThat(versioned.getHeader("Content-Encoding")).isEqualTo("br");
        assertThat(versioned.getHeader("ETag")).as("no strong ETag (Tomcat would not compress)").isNull();
        assertThat(versioned.getHeader("Pragma")).isNull();
        // then the plain name, also with Brotli: not immutable (it does not change when the file does)
        MockHttpServletResponse plain = fetch("/js/cordon.js", "gzip, deflate, br, zstd");
        assertThat(plain.getHeader("Content-Encoding")).isEqualTo("br");
        assertThat(plain.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(plain.getContentAsByteArray()).isEqualTo(versioned.getContentAsByteArray());
        assertThat(fetch("/js/cordon.js", null).getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(fetch(script, null).getHeader("Cache-Control")).isEqualTo(IMMUTABLE);
        assertThat(fetch(script, null).getHeader("Content-Encoding")).isNull();
        assertThat(fetch(css, "br").getHeader("Cache-Control")).isEqualTo(IMMUTABLE);
        assertThat(fetch(css, "br").getContentType()).startsWith("text/css");
        // unchanged: 304 to the browser's question
        String lastModified = plain.getHeader("Last-Modified");
        assertThat(mvc.perform(get("/js/cordon.js").header("If-Modified-Since", lastModified)).andReturn().getResponse().getStatus())
                .isEqualTo(304);

        // webjars: under their version immutable, without it revalidated
        assertThat(fetch(htmx, "gzip").getHeader("Cache-Control")).isEqualTo(IMMUTABLE);
        assertThat(fetch("/webjars/htmx.org/dist/htmx.min.js", "gzip").getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(fetch("/webjars/htmx.org/dist/htmx.min.js", null).getStatus()).isEqualTo(200);

        // a hash that is not the file's is not found; nothing of this opened a session
        assertThat(fetch("/js/cordon-0123456789abcdef0123456789abcdef.js", "br").getStatus()).isEqualTo(404);
        var request = mvc.perform(get(script)).andReturn().getRequest();
        assertThat(request.getSession(false)).isNull();
    }

    @Test
    void pagesAndTheApiAreNeverStored() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/rules").with(user(accounts.loadUserByUsername("officer1"))))
                .andReturn().getResponse();
        assertThat(page.getHeader("Cache-Control")).contains("no-store");
        MockHttpServletResponse api = mvc.perform(get("/api/v1/me").with(as("officer1"))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(200);
        assertThat(api.getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void theDashboardLoadsOnlyItsChartBundleWithItsDataInThePage() throws Exception {
        String page = mvc.perform(get("/dashboard").with(user(accounts.loadUserByUsername("commander"))))
                .andReturn().getResponse().getContentAsString();
        String bundle = asset(page, "/vendor/echarts/dashboard-charts-");
        assertThat(page).doesNotContain("echarts.min.js").contains("data-charts=\"{");
        MockHttpServletResponse br = fetch(bundle, "br");
        MockHttpServletResponse plain = fetch(bundle, null);
        assertThat(br.getHeader("Cache-Control")).isEqualTo(IMMUTABLE);
        assertThat(plain.getContentAsString()).startsWith("/*! Apache ECharts").contains("echarts");
        // the whole library is about twice as big; the bundle's Brotli copy is less than a third of the bundle
        long full = fetch("/webjars/echarts/dist/echarts.min.js", null).getContentAsByteArray().length;
        assertThat(plain.getContentAsByteArray().length).isLessThan((int) (full * 0.55));
        assertThat(br.getContentAsByteArray().length).isLessThan(plain.getContentAsByteArray().length / 3);
    }
}
