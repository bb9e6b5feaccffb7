package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.cordon.observation.EpisodeKind;
import org.cordon.observation.EpisodeReason;
import org.cordon.observation.EpisodeManagement;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The grid worker's flow in a real browser: a returnee of their village under observation, two
 * checks recorded on the phone — one at 37.6 °C — and the referral appears on their work list.
 */
class ObservationBrowserTests extends BrowserTestSupport {

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Test
    void gridWorkerRecordsTwoChecksAndSeesTheReferral() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        String name = "贺" + "文" + (char) ('甲' + (int) (Math.random() * 50));
        RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(), name,
                "RESIDENT_ID", idNumber(), null, "13711112222", "420102", null, today.minusDays(1), "TRAIN", "G402", null,
                "610881106201", null));
        long episode = episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, "610881106201",
                EpisodeReason.RISK_ARRIVAL, today.minusDays(1), "grid1", "returnee:" + r.returnee().id());

        signIn("grid1", "demo");
        driver.get(base() + "/observation");
        WebElement open = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("work-list")));
        String masked = name.charAt(0) + "*" + name.charAt(2);
        assertThat(open.getText()).contains(masked);
        driver.get(base() + "/observation/episodes/" + episode);

        // yesterday evening: normal
        record(today.minusDays(1), "EVENING", "36.6");
        waiting().until(d -> !d.findElements(By.id("check-saved")).isEmpty() || !d.findElements(By.id("succeeded")).isEmpty());
        // this morning: 37.6 °C
        record(today, "MORNING", "37.6");
        WebElement alert = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("check-abnormal")));
        // the medics were notified: the episode page says whom (the referral's area) and since when
        assertThat(alert.getText()).contains("发热门诊").contains("中鸡一村").contains("医护人员已收到通知");
        assertThat(driver.findElement(By.id("episode-status")).getText()).isEqualTo("已转诊");
        assertThat(driver.findElement(By.id("checks-table")).getText()).contains("37.6 °C").contains("36.6 °C").contains("异常");
        screenshot("4-episode-abnormal");
        driver.get(base() + "/observation/episodes/" + episode);
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("medics-notified"))).getText()).contains("已通知");

        driver.get(base() + "/observation");
        WebElement referrals = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("work-referrals")));
        assertThat(referrals.getText()).contains(masked).contains("37.6 °C");
        // the person's row (once on the list) says that the medics have it
        WebElement row = driver.findElement(By.cssSelector("#work-list li.work-item[data-episode='" + episode + "']"));
        assertThat(row.getText()).contains(masked).contains("已通知").contains("医护人员");
        screenshot("5-worklist-referral");
    }

    private void record(LocalDate date, String slot, String temperature) {
        WebElement dateInput = driver.findElement(By.id("check-date"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", dateInput, date.toString());
        new Select(driver.findElement(By.id("check-slot"))).selectByValue(slot);
        WebElement t = driver.findElement(By.id("check-temperature"));
        t.clear();
        t.sendKeys(temperature);
        driver.findElement(By.id("submit-check")).click();
    }

}
