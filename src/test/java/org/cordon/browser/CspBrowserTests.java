package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.cordon.account.AccountManagement;
import org.cordon.account.ApiTokenKind;
import org.cordon.account.ApiTokenManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.NewApiToken;
import org.cordon.account.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages still work under the strict Content-Security-Policy (no inline script or style) and the
 * Permissions-Policy, and the browser reports no refusal of either: the dashboard's ECharts charts and tooltips,
 * htmx loading the area tree, the checkpoint form's add-occupant script, the directive progress slider, the
 * progress bars, the portal, the print buttons, and an administrator issuing and revoking an API token (with the
 * confirmation that replaced an inline handler) that a device then uses.
 */
class CspBrowserTests extends BrowserTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApiTokenManagement tokens;

    final List<String> refusals = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    /** Console messages of the page just used that tell of a policy refusal or a script error. */
    private void collect(String page) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String m = entry.getMessage();
            if (m.contains("Content Security Policy") || m.contains("Content-Security-Policy") || m.contains("Permissions-Policy")
                    || m.contains("Permissions policy") || m.contains("Refused to") || m.contains("Uncaught")) {
                refusals.add(page + ": " + m);
            }
        }
    }

    private HttpResponse<String> api(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePagesWorkUnderTheStrictPoliciesWithoutARefusal() throws Exception {
        signIn("commander", "demo");
        driver.manage().logs().get(LogType.BROWSER);   // forget the sign-in's messages

        driver.get(base() + "/dashboard");
        WebElement trends = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-trends canvas")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funnel canvas")));
        new Actions(driver).moveToElement(trends).perform();   // a tooltip
        Thread.sleep(300);
        collect("dashboard");

        driver.get(base() + "/areas");
        WebElement node = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("details[hx-get] > summary")));
        node.click();
        waiting().until(d -> !d.findElements(By.cssSelector("details[open] .area-children *")).isEmpty());
        collect("areas (htmx)");

        driver.get(base() + "/checkpoints/KK01/passages/new");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("add-occupant"))).click();
        waiting().until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == 2);
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");   // htmx: the province's cities
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        collect("passage form");

        String clerkToken = tokens.issue(accounts.loadUserByUsername("admin"),
                new NewApiToken("clerk", "browser test " + UUID.randomUUID(), ApiTokenKind.INTEGRATION, null)).token();
        HttpResponse<String> campaign = api("POST", "/api/v1/campaigns", clerkToken, """
                {"name": "浏览器测试募捐", "organiser": "测试", "target": 1000, "startsOn": "%s"}""".formatted(LocalDate.now()));
        assertThat(campaign.statusCode()).as(campaign.body()).isIn(200, 201);
        driver.get(base() + "/supplies/campaigns");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        List<WebElement> bars = driver.findElements(By.cssSelector("progress.sup-progress"));
        assertThat(bars).isNotEmpty();
        for (WebElement bar : bars) {
            assertThat(bar.getSize().getWidth()).isGreaterThan(20);
        }
        screenshot("campaigns");
        collect("campaigns");

        driver.get(base() + "/dashboard/daily");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[data-print]")));
        // window.print() would block headless Chrome: count calls instead
        ((JavascriptExecutor) driver).executeScript("window.printed = 0; window.print = function () { window.printed++; };");
        driver.findElement(By.cssSelector("button[data-print]")).click();
        assertThat(((Number) ((JavascriptExecutor) driver).executeScript("return window.printed;")).intValue()).isEqualTo(1);
        collect("daily report");

        driver.manage().deleteAllCookies();
        driver.get(base() + "/portal");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        collect("portal");
        driver.get(base() + "/portal/self-report");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("originProvince")));
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        collect("portal self-report");

        driver.get(base() + "/swagger-ui.html");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info")));
        collect("swagger ui");

        assertThat(refusals).isEmpty();
    }

    @Test
    void theDirectiveProgressSliderAndBarWork() throws Exception {
        String commanderToken = tokens.issue(accounts.loadUserByUsername("admin"),
                new NewApiToken("commander", "browser test " + UUID.randomUUID(), ApiTokenKind.INTEGRATION, LocalDate.now().plusDays(1))).token();
        HttpResponse<String> created = api("POST", "/api/v1/directives", commanderToken, """
                {"title": "浏览器测试：进度条", "content": "报告进度", "priority": "NORMAL", "deadline": "2099-12-31T18:00",
                 "assignees": [{"type": "AREA", "ref": "610881104"}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long directive = ((Number) JsonPath.read(created.body(), "$.id")).longValue();
        String town = "cspt" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(town, "town-password-1", "镇值班员", Role.GRID_WORKER, "610881104", Set.of()));

        signIn(town, "town-password-1");
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base() + "/command/directives/" + directive);
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cmd-assignment button.accept"))).click();
        WebElement range = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".cmd-percent input[type=range]")));
        WebElement number = driver.findElement(By.cssSelector(".cmd-percent input[name=percent]"));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = 40; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", range);
        assertThat(number.getAttribute("value")).isEqualTo("40");
        number.clear();
        number.sendKeys("65");
        assertThat(range.getAttribute("value")).isEqualTo("65");
        driver.findElement(By.cssSelector(".progress-form textarea")).sendKeys("已完成六成");
        driver.findElement(By.cssSelector(".progress-form button.report")).click();
        // htmx swaps the assignment: the bar is read again once it shows the reported value (an element found before the
        // swap is stale)
        WebElement bar = waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement shown = d.findElement(By.cssSelector(".cmd-assignment progress.cmd-bar"));
            return "65".equals(shown.getAttribute("value")) ? shown : null;
        });
        assertThat(bar.getSize().getWidth()).isGreaterThan(20);
        screenshot("directive-progress");
        collect("directive");
        assertThat(refusals).isEmpty();
    }

    @Test
    void anAdministratorIssuesATokenADeviceUsesItAndItStopsWhenRevoked() throws Exception {
        String officer = "cspo" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(officer, "officer-password-1", "令牌执勤员", Role.OFFICER, null, Set.of("KK01")));
        signIn("admin", "demo");
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base() + "/admin/tokens?lang=en");
        new Select(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username")))).selectByValue(officer);
        driver.findElement(By.id("name")).sendKeys("KK01 phone (browser test)");
        new Select(driver.findElement(By.id("kind"))).selectByValue("DEVICE");
        driver.findElement(By.id("issue-token")).click();
        String token = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("issued-token"))).getAttribute("value");
        assertThat(token).startsWith("cdn_");
        screenshot("tokens-issued");
        collect("token issued");

        HttpResponse<String> me = api("GET", "/api/v1/me", token, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(officer);

        driver.get(base() + "/admin/tokens?lang=en");
        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[contains(., '" + token.substring(0, 12) + "')]]")));
        assertThat(row.getText()).contains("Active");
        // dismissing the confirmation keeps the token
        row.findElement(By.cssSelector("button.revoke")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(api("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(200);
        row.findElement(By.cssSelector("button.revoke")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//tr[td[contains(., '" + token.substring(0, 12) + "')]]"),
                "Revoked"));
        collect("token revoked");
        HttpResponse<String> refused = api("GET", "/api/v1/me", token, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(refusals).isEmpty();
    }
}
