package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The error pages are styled (the layout's stylesheet loads and applies), in the user's language, and say what to
 * do: a passage form sent after the session expired says "sign in again" (it used to say "not in your jurisdiction"
 * and show without its styles, because its links carried {@code ;jsessionid=}, which the firewall refuses), a page
 * outside the role says "ask your administrator", an unknown address "page not found" with a way back.
 */
class ErrorPagesBrowserTests extends BrowserTestSupport {

    @Autowired
    JdbcClient jdbc;

    /** Whether the page's stylesheet was loaded and applied (the top bar is a flex row only with cordon.css). */
    private boolean styled() {
        Object ok = ((JavascriptExecutor) driver).executeScript("""
                var sheets = Array.prototype.slice.call(document.styleSheets);
                var rules = sheets.reduce(function (n, s) { try { return n + s.cssRules.length; } catch (e) { return n; } }, 0);
                var bar = document.querySelector('.topbar');
                return rules > 50 && bar !== null && getComputedStyle(bar).display === 'flex';""");
        return Boolean.TRUE.equals(ok);
    }

    private List<String> sessionInLinks() {
        @SuppressWarnings("unchecked")
        List<String> links = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                return Array.prototype.slice.call(document.querySelectorAll('link[href], script[src], a[href]'))
                  .map(function (e) { return e.getAttribute('href') || e.getAttribute('src'); })
                  .filter(function (u) { return u.indexOf(';jsessionid') >= 0; });""");
        return links;
    }

    @Test
    void aFormSentAfterTheSessionExpiredAsksToSignInAgainOnAStyledPage() throws Exception {
        // an ordinary form (the field pages keep their forms on the device instead: OfflineFieldAppBrowserTests)
        signIn("commander", "demo");
        driver.get(base() + "/rules");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("codePrefix")));
        long before = jdbc.sql("select count(*) from risk_area").query(Long.class).single();
        driver.manage().deleteCookieNamed("JSESSIONID");   // the session expired meanwhile
        // the picker searches without a session: the answer (the way to the sign-in page) must not land under the box,
        // where the sign-in form's password box covered the submit button (seen in CI)
        driver.findElement(By.id("codePrefix")).sendKeys("4201");
        Thread.sleep(800);
        assertThat(driver.findElements(By.id("password"))).as("a sign-in form inside the picker's list").isEmpty();
        driver.findElement(By.cssSelector("form[action$='/rules/risk-areas'] button[type=submit]")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error-title")));
        screenshot("error-session-expired");
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("请重新登录");
        assertThat(driver.findElement(By.id("error-detail")).getText()).contains("登录已过期").doesNotContain("管辖");
        assertThat(driver.findElement(By.id("error-page")).getAttribute("data-status")).isEqualTo("401");
        assertThat(styled()).as("the error page is styled").isTrue();
        assertThat(sessionInLinks()).as("links carrying the session id").isEmpty();
        assertThat(jdbc.sql("select count(*) from risk_area").query(Long.class).single()).isEqualTo(before);

        // its "sign in again" leads to the sign-in page, and from there back to work
        driver.findElement(By.id("error-sign-in")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys("commander");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        driver.get(base() + "/rules");
        assertThat(driver.findElements(By.id("codePrefix"))).hasSize(1);
    }

    @Test
    void aPageOutsideTheRoleSaysToAskTheAdministratorInTheUsersLanguage() throws Exception {
        signIn("officer1", "demo");
        driver.get(base() + "/dashboard?lang=en");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error-title")));
        screenshot("error-forbidden-en");
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("Access denied");
        assertThat(driver.findElement(By.id("error-todo")).getText()).contains("ask your administrator");
        assertThat(driver.findElement(By.id("error-page")).getAttribute("data-status")).isEqualTo("403");
        assertThat(driver.findElements(By.id("error-sign-in"))).isEmpty();
        assertThat(styled()).isTrue();
        driver.get(base() + "/rules?lang=zh_CN");
    }

    @Test
    void anUnknownAddressShowsTheStyledNotFoundPageWithAWayBack() throws Exception {
        signIn("officer1", "demo");
        driver.get(base() + "/rules");
        driver.get(base() + "/no-such-page");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error-title")));
        screenshot("error-not-found");
        assertThat(driver.findElement(By.id("error-title")).getText()).isEqualTo("页面不存在");
        assertThat(driver.findElement(By.id("error-page")).getAttribute("data-status")).isEqualTo("404");
        assertThat(styled()).isTrue();
        assertThat(driver.getPageSource()).doesNotContain("\"status\":404");
        // "go back" returns to the page before (cordon.js), "home" to the start page
        driver.findElement(By.id("error-back")).click();
        waiting().until(ExpectedConditions.urlToBe(base() + "/rules"));
    }
}
