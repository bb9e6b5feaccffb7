package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The round without network, opened from the copy kept on the phone: the filled rows are kept on the phone in the field app's queue (each as its episode's
 * check, with the row's client id) and sent once the network returns, each stored exactly once.
 */
class RoundOfflineBrowserTests extends BrowserTestSupport {

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRoundKeepsItsRowsOnThePhoneOfflineAndSendsThemOnceOnline() throws Exception {
        String worker = "poff" + UUID.randomUUID().toString().substring(0, 6);
        String village = "610881110201";
        accounts.createAccount(new NewAccount(worker, "round-password-1", "大保当一村网格员", Role.GRID_WORKER, village, Set.of()));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(),
                    "离" + (char) ('甲' + i) + "线", "RESIDENT_ID", idNumber(), null, "13711116666", "420102", null,
                    today.minusDays(1), "TRAIN", "G402", null, village, null));
            ids.add(episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, village,
                    EpisodeReason.RISK_ARRIVAL, today.minusDays(1), worker, "returnee:" + r.returnee().id()));
        }
        signIn(worker, "round-password-1");
        driver.get(base() + "/observation");
        waiting().until(d -> "true".equals(d.findElement(By.id("field-status")).getAttribute("data-offline-ready")));
        waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!navigator.serviceWorker.controller;")));
        setOffline(true);
        try {
            // the round opens without network: the copy the work list had the phone keep
            driver.get(base() + "/observation/round");
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("round-form")));
            driver.findElement(By.name("t." + ids.get(0))).sendKeys("36.5");
            driver.findElement(By.name("t." + ids.get(1))).sendKeys("36.8");
            driver.findElement(By.id("submit-round")).click();
            WebElement queued = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("round-queued")));
            assertThat(queued.getText()).contains("2");
            waiting().until(d -> "2".equals(d.findElement(By.id("field-status")).getAttribute("data-waiting")));
            assertThat(driver.findElements(By.cssSelector("#round-list li.round-row.queued"))).hasSize(2);
            assertThat(driver.findElement(By.id("submit-round")).isDisplayed()).as("nothing left to send here").isFalse();
            assertThat(stored(ids)).as("nothing sent while offline").isZero();
            screenshot("round-offline-kept");
        } finally {
            setOffline(false);
        }
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> stored(ids) == 2);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "0".equals(d.findElement(By.id("field-status")).getAttribute("data-waiting")));
        for (long id : ids) {
            assertThat(jdbc.sql("select count(*) from observation_check where episode_id = ? and not missed").param(id)
                    .query(Long.class).single()).isEqualTo(1);
        }
        ((JavascriptExecutor) driver).executeScript("window.location.reload()");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("round-all-done")));
    }

    private long stored(List<Long> ids) {
        return jdbc.sql("select count(*) from observation_check where episode_id in (:ids) and not missed").param("ids", ids)
                .query(Long.class).single();
    }

    /** Resident ID numbers with a valid check character. */
}
