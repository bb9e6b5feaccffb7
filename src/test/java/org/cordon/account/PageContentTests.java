package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;

import org.cordon.IntegrationTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * What every workspace page shows, not only that it answers: for each demo account, every page its navigation links
 * to, in Chinese and in English, has a title and a heading, declares its language, carries no message key that failed
 * to resolve ({@code ??key??}), shows Chinese text in the Chinese page and no Chinese UI text in the English one's
 * navigation, and keeps the user's navigation.
 */
class PageContentTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Test
    void everyLinkedPageHasItsHeadingAndIsFullyTranslated() throws Exception {
        List<String> problems = new ArrayList<>();
        int pages = 0;
        for (String user : NavigationPermissionTests.DEMO) {
            var login = SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername(user));
            Document rules = Jsoup.parse(mvc.perform(get("/rules").with(login)).andReturn().getResponse().getContentAsString());
            List<String> links = rules.select("nav.nav a").eachAttr("href").stream().map(h -> h.replaceAll("\\?.*", "")).toList();
            for (String link : links) {
                for (String lang : new String[] {"zh_CN", "en"}) {
                    MockHttpServletResponse response = mvc.perform(get(link).param("lang", lang).with(login)).andReturn().getResponse();
                    if (response.getStatus() == 302) {
                        continue; // e.g. an officer's mobilisation link leads to their shifts
                    }
                    pages++;
                    String where = user + " " + link + " (" + lang + ")";
                    String html = response.getContentAsString();
                    Document page = Jsoup.parse(html);
                    if (response.getStatus() != 200) {
                        problems.add(where + ": " + response.getStatus());
                        continue;
                    }
                    if (html.contains("??")) {
                        problems.add(where + ": unresolved message " + html.replaceAll("(?s).*?(\\?\\?[^?<]{1,80}\\?\\?).*", "$1"));
                    }
                    if (page.title().isBlank()) {
                        problems.add(where + ": no title");
                    }
                    Element h1 = page.selectFirst("main h1, h1");
                    if (h1 == null || h1.text().isBlank()) {
                        problems.add(where + ": no heading");
                    }
                    String declared = page.selectFirst("html").attr("lang");
                    if (!declared.startsWith(lang.substring(0, 2))) {
                        problems.add(where + ": html lang " + declared);
                    }
                    List<String> nav = page.select("nav.nav a").eachAttr("href").stream().map(h -> h.replaceAll("\\?.*", "")).toList();
                    if (!nav.equals(links)) {
                        problems.add(where + ": navigation " + nav + " differs from " + links);
                    }
                    String navText = page.select("nav.nav").text();
                    if (lang.equals("en") && navText.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                        problems.add(where + ": Chinese in the English navigation: " + navText);
                    }
                    if (lang.equals("zh_CN") && navText.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                        problems.add(where + ": no Chinese in the Chinese navigation");
                    }
                }
            }
        }
        assertThat(pages).as("pages checked").isGreaterThan(80);
        assertThat(problems).isEmpty();
    }
}
