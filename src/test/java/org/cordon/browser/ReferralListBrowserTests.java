package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.observation.CheckRequest;
import org.cordon.observation.EpisodeKind;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.EpisodeReason;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The medic's one place for fever referrals on a 390×844 phone: the checkpoint's alert board merged into the referral
 * list (/alerts leads there), both as cards (no table wider than the screen), the outcome without a default and
 * confirmed before it is recorded, the alert acknowledged there, each change ending with the success message.
 */
class ReferralListBrowserTests extends BrowserTestSupport {

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    AccountManagement accounts;

    @Test
    void theAlertBoardAndTheReferralsAreOneListOfCardsOnThePhone() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        // a fever at the checkpoint (alert and referral) and an abnormal check under home observation (referral)
        String traveller = "蔺" + "志" + (char) ('甲' + (int) (Math.random() * 50));
        HttpResponse<String> passage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                        + "/api/v1/checkpoints/KK01/passages"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer1:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"clientId": "%s", "direction": "ENTERING", "plateNumber": "陕K%05d", "vehicleType": "CAR",
                         "originAreaCode": "420102", "destinationAreaCode": "610881106201", "disinfected": true,
                         "occupants": [{"name": "%s", "idNumber": "%s", "phone": "13711114444", "temperature": 38.5}]}"""
                        .formatted(UUID.randomUUID(), (int) (Math.random() * 90000) + 10000, traveller, idNumber()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(passage.statusCode()).as(passage.body()).isEqualTo(201);
        String name = "卜" + "立" + (char) ('甲' + (int) (Math.random() * 50));
        RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(), name,
                "RESIDENT_ID", idNumber(), null, "13711115555", "420102", null, today.minusDays(2), "TRAIN", "G402", null,
                "610881106201", null));
        long episode = episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, "610881106201",
                EpisodeReason.RISK_ARRIVAL, today.minusDays(2), "grid1", "returnee:" + r.returnee().id());
        long referral = episodes.recordCheck(accounts.loadUserByUsername("grid1"), episode,
                new CheckRequest(today, "MORNING", "38.6", List.of("COUGH"), null)).referralId();

        String medic = "lmed" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(medic, "medic-password-1", "转诊测试医生", Role.MEDIC, "610881", Set.of()));
        signIn(medic, "medic-password-1");
        // the alert board is no longer a page of its own
        driver.get(base() + "/alerts");
        waiting().until(ExpectedConditions.urlContains("/referrals"));
        WebElement card = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("referral-" + referral)));
        String masked = name.charAt(0) + "*" + name.charAt(2);
        assertThat(card.getText()).contains(masked).contains("38.6 °C").contains("咳嗽");
        String maskedTraveller = traveller.charAt(0) + "*" + traveller.charAt(2);
        WebElement alerts = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("alerts-list")));
        WebElement alert = alerts.findElements(By.cssSelector("li.alert-card")).stream()
                .filter(a -> a.getText().contains(maskedTraveller)).findFirst().orElseThrow();
        assertThat(alert.getText()).contains("38.5 °C").contains("发热");
        phoneSized();
        screenshot("referrals-1-cards");

        // the outcome has no default: sending without a choice sends nothing
        new Select(card.findElement(By.name("outcome"))).getFirstSelectedOption().getAttribute("value");
        assertThat(new Select(card.findElement(By.name("outcome"))).getFirstSelectedOption().getAttribute("value")).isEmpty();
        card.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(driver.findElements(By.id("succeeded"))).isEmpty();
        assertThat(ExpectedConditions.alertIsPresent().apply(driver)).as("no question without a choice").isNull();
        // chosen, asked, confirmed
        card = driver.findElement(By.id("referral-" + referral));
        new Select(card.findElement(By.name("outcome"))).selectByValue("EXCLUDED");
        card.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(driver.findElements(By.id("succeeded"))).as("dismissed: nothing recorded").isEmpty();
        card.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded"))).getText()).contains("排除");

        // the checkpoint's alert, acknowledged on the same list
        alert = driver.findElements(By.cssSelector("#alerts-list li.alert-card")).stream()
                .filter(a -> a.getText().contains(maskedTraveller)).findFirst().orElseThrow();
        String alertId = alert.getAttribute("id");
        alert.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded"))).getText()).contains("已确认");
        assertThat(driver.findElements(By.id(alertId))).as("acknowledged: off the open list").isEmpty();

        // everything, in English
        driver.get(base() + "/referrals?all=true&lang=en");
        card = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("referral-" + referral)));
        assertThat(card.getText()).contains("Excluded");
        assertThat(driver.findElement(By.id("alerts")).getText()).contains("Checkpoint alerts").contains("Fever");
        assertThat(driver.getPageSource()).doesNotContain("??");
        phoneSized();
        screenshot("referrals-2-cards-en");
        driver.get(base() + "/referrals?lang=zh_CN");
    }

    /** No table and nothing wider than the 390 px screen. */
    private void phoneSized() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(((Number) js.executeScript("return document.querySelectorAll('main table').length")).intValue())
                .as("tables on " + driver.getCurrentUrl()).isZero();
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        Number widest = (Number) js.executeScript(
                "return Math.max.apply(null, Array.prototype.map.call(document.querySelectorAll('main li'), function (e) {"
                        + " return e.getBoundingClientRect().right; }))");
        assertThat(widest.doubleValue()).as("right edge of the widest card").isLessThanOrEqualTo(390);
    }

}
