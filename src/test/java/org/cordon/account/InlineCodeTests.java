package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cordon.IntegrationTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * The Content-Security-Policy allows no inline code ({@code script-src 'self'; style-src 'self'}), so no page may
 * depend on any: no {@code <script>} without {@code src}, no {@code <style>} element, no {@code style=} attribute and
 * no {@code on…=} event handler — in every page each demo account's navigation links to (and the pages it leads to
 * first: the passage form, a directive, the portal's forms, the sign-in and error pages), and in the templates
 * themselves, fragments included ({@code th:style}, {@code th:on…} too).
 */
class InlineCodeTests extends IntegrationTestSupport {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Pattern INLINE_IN_TEMPLATE = Pattern.compile(
            "(?i)\\s(th:)?style\\s*=|\\s(th:)?on[a-z]+\\s*=|<style[\\s>]|<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>");

    @Autowired
    AccountManagement accounts;

    static List<String> inlineCode(String html) {
        List<String> found = new ArrayList<>();
        Document page = Jsoup.parse(html);
        for (Element e : page.getAllElements()) {
            if (e.tagName().equals("script") && !e.hasAttr("src")) {
                found.add("inline <script>: " + abbreviate(e.outerHtml()));
            }
            if (e.tagName().equals("style")) {
                found.add("<style> element: " + abbreviate(e.outerHtml()));
            }
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase();
                if (name.equals("style")) {
                    found.add("style attribute on <" + e.tagName() + ">: " + abbreviate(a.html()));
                } else if (name.startsWith("on")) {
                    found.add("event handler on <" + e.tagName() + ">: " + abbreviate(a.html()));
                } else if (a.getValue().trim().toLowerCase().startsWith("javascript:")) {
                    found.add("javascript: URL on <" + e.tagName() + ">: " + abbreviate(a.html()));
                }
            }
        }
        return found;
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    @Test
    void theDetectorFindsEachKindOfInlineCode() {
        assertThat(inlineCode("<p style=\"color:red\">x</p>")).hasSize(1);
        assertThat(inlineCode("<button onclick=\"go()\">x</button>")).hasSize(1);
        assertThat(inlineCode("<script>alert(1)</script><script src=\"/js/a.js\"></script>")).hasSize(1);
        assertThat(inlineCode("<style>p{}</style>")).hasSize(1);
        assertThat(inlineCode("<a href=\"javascript:go()\">x</a>")).hasSize(1);
        assertThat(inlineCode("<p class=\"on\" data-print>x</p><script src=\"/js/a.js\" defer></script>")).isEmpty();
        assertThat(INLINE_IN_TEMPLATE.matcher("<span th:style=\"'width:' + ${p}\">").find()).isTrue();
        assertThat(INLINE_IN_TEMPLATE.matcher("<input oninput=\"x\">").find()).isTrue();
        assertThat(INLINE_IN_TEMPLATE.matcher("<script th:inline=\"javascript\">").find()).isTrue();
        assertThat(INLINE_IN_TEMPLATE.matcher("<script th:src=\"@{/js/cordon.js}\" defer></script>").find()).isFalse();
    }

    @Test
    void noTemplateCarriesInlineCode() throws IOException {
        List<String> problems = new ArrayList<>();
        int templates = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                templates++;
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = INLINE_IN_TEMPLATE.matcher(text);
                while (m.find()) {
                    int line = text.substring(0, m.start()).split("\n", -1).length;
                    problems.add(TEMPLATES.relativize(file) + ":" + line + ": " + m.group().trim());
                }
            }
        }
        assertThat(templates).isGreaterThan(60);
        assertThat(problems).isEmpty();
    }

    @Test
    void noRenderedPageCarriesInlineCode() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (String user : NavigationPermissionTests.DEMO) {
            var login = SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername(user));
            Document rules = Jsoup.parse(mvc.perform(get("/rules").with(login)).andReturn().getResponse().getContentAsString());
            List<String> links = new ArrayList<>(rules.select("nav.nav a").eachAttr("href").stream().map(h -> h.replaceAll("\\?.*", "")).toList());
            // pages the navigation leads to next, where they are this user's
            switch (user) {
                case "officer1" -> links.addAll(List.of("/checkpoints/KK01/passages/new", "/checkpoints/KK01/passages", "/mobilization/my-shifts"));
                case "commander" -> links.addAll(List.of("/command/groups", "/command/directives", "/notices/new", "/notices/places",
                        "/notices/advice", "/notices/hotlines", "/dashboard/daily", "/supplies/campaigns", "/supplies/donations",
                        "/supplies/requests", "/supplies/movements", "/returnees/new", "/returnees/roster", "/people", "/observation/reports",
                        "/observation/contacts/new", "/volunteer-signups"));
                case "admin" -> links.addAll(List.of("/areas/import", "/admin/tokens"));
                case "coordinator" -> links.addAll(List.of("/mobilization/branches", "/mobilization/members", "/mobilization/duty",
                        "/mobilization/volunteers", "/mobilization/tasks"));
                default -> { }
            }
            for (String link : links) {
                for (String lang : new String[] {"zh_CN", "en"}) {
                    MockHttpServletResponse response = mvc.perform(get(link).param("lang", lang).with(login)).andReturn().getResponse();
                    if (response.getStatus() != 200) {
                        continue;
                    }
                    checked.add(user + " " + link);
                    inlineCode(response.getContentAsString()).forEach(p -> problems.add(user + " " + link + " (" + lang + "): " + p));
                }
            }
        }
        for (String open : List.of("/login", "/portal", "/portal/self-report", "/portal/volunteer", "/portal/ledger", "/passages/987654321")) {
            MockHttpServletResponse response = mvc.perform(get(open)).andReturn().getResponse();
            checked.add("anonymous " + open);
            inlineCode(response.getContentAsString()).forEach(p -> problems.add("anonymous " + open + ": " + p));
        }
        assertThat(checked).hasSizeGreaterThan(60);
        assertThat(problems).isEmpty();
    }
}
