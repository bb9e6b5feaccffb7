package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Why a page request was refused decides what the page says (templates/error.html): a form without a valid CSRF
 * token from nobody signed in — the session expired — is 401 "sign in again", from a signed-in user 403 "reload the
 * page"; a script's request without a session gets a 401 problem, a page request still goes to the sign-in page; an
 * unknown page address gets the 404 page in the browser, a problem elsewhere. Nothing is stored.
 */
class ErrorPagesIntegrationTests extends IntegrationTestSupport {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired
    AccountManagement accounts;

    /** The page an error dispatch renders (MockMvc does not forward to /error by itself). */
    private MockHttpServletResponse errorPage(MockHttpServletResponse refused, org.springframework.mock.web.MockHttpServletRequest request,
                                              String lang) throws Exception {
        var errorRequest = get("/error").accept(HTML).param("lang", lang)
                .requestAttr("jakarta.servlet.error.status_code", refused.getStatus())
                .requestAttr("jakarta.servlet.error.request_uri", request.getRequestURI());
        Object reason = request.getAttribute(ErrorPages.REASON);
        if (reason != null) {
            errorRequest.requestAttr(ErrorPages.REASON, reason);
        }
        return mvc.perform(errorRequest).andReturn().getResponse();
    }

    @Test
    void aFormSentAfterTheSessionExpiredAsksToSignInAgain() throws Exception {
        long before = passageRows();
        var result = mvc.perform(post("/checkpoints/KK01/passages").accept(HTML).param("direction", "ENTERING")
                .param("_csrf", "a-token-of-a-session-that-expired")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getRequest().getAttribute(ErrorPages.REASON)).isEqualTo(ErrorPages.SESSION_EXPIRED);
        String page = errorPage(result.getResponse(), result.getRequest(), "zh_CN").getContentAsString();
        assertThat(page).contains("<h1 id=\"error-title\">请重新登录</h1>").contains("id=\"error-sign-in\" href=\"/login\"")
                .doesNotContain("管辖范围").doesNotContain("jsessionid")
                .containsPattern("<link rel=\"stylesheet\" href=\"/css/cordon-[0-9a-f]{32}\\.css\">");
        String english = errorPage(result.getResponse(), result.getRequest(), "en").getContentAsString();
        assertThat(english).contains("Please sign in again").contains("Sign in again");
        assertThat(passageRows()).isEqualTo(before);
    }

    @Test
    void aSignedInUsersStaleFormAsksToReloadAndARealRefusalToAskTheAdministrator() throws Exception {
        var stale = mvc.perform(post("/checkpoints/KK01/passages").accept(HTML).param("direction", "ENTERING")
                .with(user(accounts.loadUserByUsername("officer1"))).with(csrf().useInvalidToken())).andReturn();
        assertThat(stale.getResponse().getStatus()).isEqualTo(403);
        assertThat(errorPage(stale.getResponse(), stale.getRequest(), "en").getContentAsString())
                .contains("This page has expired").contains("reload the page");

        var forbidden = mvc.perform(get("/dashboard").accept(HTML).with(user(accounts.loadUserByUsername("officer1")))).andReturn();
        assertThat(forbidden.getResponse().getStatus()).isEqualTo(403);
        assertThat(errorPage(forbidden.getResponse(), forbidden.getRequest(), "en").getContentAsString())
                .contains("Access denied").contains("ask your administrator").doesNotContain("error-sign-in");
    }

    @Test
    void scriptsWithoutASessionGetAProblemAndPagesTheSignInPage() throws Exception {
        MockHttpServletResponse script = mvc.perform(get("/dashboard/data/trends").accept("application/json")).andReturn().getResponse();
        assertThat(script.getStatus()).isEqualTo(401);
        assertThat(script.getContentType()).startsWith("application/problem+json");
        assertThat(script.getContentAsString()).contains("\"status\":401").contains("登录已过期");
        MockHttpServletResponse htmx = mvc.perform(get("/ref/area-options").header("HX-Request", "true")).andReturn().getResponse();
        assertThat(htmx.getStatus()).isEqualTo(401);
        MockHttpServletResponse page = mvc.perform(get("/observation").accept(HTML)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(302);
        assertThat(page.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void anUnknownPageIsTheNotFoundPageForBrowsersAndAProblemForOthers() throws Exception {
        var browser = mvc.perform(get("/no-such-page").accept(HTML).with(user(accounts.loadUserByUsername("officer1")))).andReturn();
        assertThat(browser.getResponse().getStatus()).isEqualTo(404);
        assertThat(browser.getResponse().getContentType()).isNull();   // sendError: the error dispatch renders the page
        assertThat(errorPage(browser.getResponse(), browser.getRequest(), "zh_CN").getContentAsString())
                .contains("<h1 id=\"error-title\">页面不存在</h1>").contains("data-back");
        MockHttpServletResponse asset = mvc.perform(get("/css/no-such-file.css").accept("text/css,*/*;q=0.1")).andReturn().getResponse();
        assertThat(asset.getStatus()).isEqualTo(404);
        assertThat(asset.getContentType()).startsWith("application/problem+json");
    }
}
