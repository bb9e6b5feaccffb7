package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pace of a grid worker's morning round of 40 checks on a 390×844 phone (bench/field-pace, flow "round"): the old
 * way — from the work list to each person's episode page and its check form, one page round trip per check — and the
 * round form of the same run (work list, one tap to the round, a temperature per row, one submit). Target: the 40
 * checks in at most 3 page loads, each stored exactly once. Each way has its grid worker and village of its own (40
 * people each, created through the module APIs), so that no other test's people are on their lists.
 */
class FieldPaceRoundBrowserTests extends BrowserTestSupport {

    static final int PEOPLE = 40;

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fortyChecksOfTheRoundInAtMostThreePageLoads() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String oldWay = "pold" + suffix;
        String newWay = "pnew" + suffix;
        accounts.createAccount(new NewAccount(oldWay, "round-password-1", "万一村网格员", Role.GRID_WORKER, "610881109201", Set.of()));
        accounts.createAccount(new NewAccount(newWay, "round-password-1", "万二村网格员", Role.GRID_WORKER, "610881109202", Set.of()));
        List<Long> before = people(oldWay, "610881109201");
        List<Long> after = people(newWay, "610881109202");

        // ---------------------------------------------------------------- the old way: one episode page per check
        FieldPace pace = null;
        int oldLoads = Integer.MAX_VALUE;
        if (FieldPace.measuresBefore()) {
            signIn(oldWay, "round-password-1");
            driver.get(base() + "/observation");
            pace = FieldPace.start(driver, "round");
            pace.reset();
            driver.get(base() + "/observation");
            for (long episode : before) {
                WebElement link = waiting().until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#work-list a.episode-link[href$='/observation/episodes/" + episode + "']")));
                scrollTo(link);
                pace.tap(link);
                WebElement temperature = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("check-temperature")));
                pace.type(temperature, "36.6");
                pace.tap(driver.findElement(By.id("submit-check")));
                waiting().until(d -> d.getCurrentUrl().contains("saved") || !d.findElements(By.id("succeeded")).isEmpty());
                pace.tap(driver.findElement(By.cssSelector(".nav a[href$='/observation']")));
                waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("work-list-section")));
            }
            pace.keep("before.");
            assertThat(storedChecks(before)).as("the old way's checks").containsOnly(1L);
            oldLoads = pace.pageLoads();
        }

        // ---------------------------------------------------------------- the new way: the round form
        signIn(newWay, "round-password-1");
        driver.get(base() + "/rules");
        if (pace == null) {
            pace = FieldPace.start(driver, "round");
        }
        pace.reset();
        driver.get(base() + "/observation");
        WebElement due = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("reminder-due")));
        assertThat(due.getText()).contains(String.valueOf(PEOPLE));
        screenshot("round-1-worklist");
        pace.tap(driver.findElement(By.id("start-round")));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("round-form")));
        noSideways();
        screenshot("round-2-form");
        for (int i = 0; i < after.size(); i++) {
            long episode = after.get(i);
            WebElement temperature = driver.findElement(By.name("t." + episode));
            assertThat(temperature.getAttribute("inputmode")).isEqualTo("decimal");
            scrollTo(temperature);
            // one of them has a fever and a cough: the medics are notified at once
            pace.type(temperature, i == 7 ? "38.1" : "36." + (4 + i % 5));
            if (i == 7) {
                WebElement cough = driver.findElement(By.cssSelector("#round-" + episode + " input[value=COUGH]"));
                pace.tap(cough.findElement(By.xpath("..")));
                assertThat(cough.isSelected()).isTrue();
            }
        }
        screenshot("round-3-filled");
        WebElement submit = driver.findElement(By.id("submit-round"));
        scrollTo(submit);
        long sent = System.nanoTime();
        pace.tap(submit);
        WebElement saved;
        try {
            saved = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded")));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("round-failed");
            throw new AssertionError("no success message at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("main")).getText(), e);
        }
        assertThat(saved.getText()).contains(String.valueOf(PEOPLE)).contains("1");
        long answeredMillis = (System.nanoTime() - sent) / 1_000_000;
        pace.keep("");
        pace.figure("checks", PEOPLE);
        pace.figure("roundSubmitMillis", answeredMillis);
        pace.record();

        // the same screen with every row done, the fever's row saying whom its referral notified
        assertThat(driver.findElements(By.cssSelector("#round-list li.round-row.done"))).hasSizeGreaterThanOrEqualTo(PEOPLE);
        assertThat(driver.findElements(By.id("submit-round"))).isEmpty();
        WebElement feverRow = driver.findElement(By.id("round-" + after.get(7)));
        assertThat(feverRow.findElement(By.className("notified")).getText()).contains("医护");
        noSideways();
        screenshot("round-4-saved");
        assertThat(storedChecks(after)).as("each of the 40 checks stored exactly once").hasSize(PEOPLE).containsOnly(1L);
        assertThat(pace.pageLoads()).as("page loads of the round (the old way: %d)", oldLoads).isLessThanOrEqualTo(3);
        if (FieldPace.measuresBefore()) {
            assertThat(pace.pageLoads()).isLessThan(oldLoads);
        }

        // the browser's back and a second submit of the same rows would store nothing twice (each row's client id):
        // here the page after the redirect has no rows left to send; the work list says all is done
        driver.get(base() + "/observation?lang=en");
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("work-reminders"))).getText())
                .contains("Every check of this slot is recorded");
        WebElement search = driver.findElement(By.id("work-search"));
        String village = driver.findElement(By.cssSelector("#work-list li.work-item")).getAttribute("data-search");
        assertThat(village).contains("万二村");
        search.sendKeys("Day 2");
        long shown = driver.findElements(By.cssSelector("#work-list li.work-item")).stream().filter(WebElement::isDisplayed).count();
        assertThat(shown).isEqualTo(PEOPLE);
        search.sendKeys("x-nobody");
        assertThat(driver.findElements(By.cssSelector("#work-list li.work-item")).stream().filter(WebElement::isDisplayed)).isEmpty();
        screenshot("round-5-worklist-en");
    }

    /** 40 people under home observation since yesterday in the village, the grid worker responsible. */
    private List<Long> people(String worker, String village) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String name = "巡" + (char) ('甲' + i) + (char) ('乙' + (int) (Math.random() * 40));
            RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(), name,
                    "RESIDENT_ID", idNumber(), null, "137" + String.format("%08d", (int) (Math.random() * 1e8)), "420102", null,
                    today.minusDays(1), "TRAIN", "G402", null, village, null));
            ids.add(episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, village,
                    EpisodeReason.RISK_ARRIVAL, today.minusDays(1), worker, "returnee:" + r.returnee().id()));
        }
        return ids;
    }

    /** The checks stored for this slot, per episode. */
    private List<Long> storedChecks(List<Long> ids) {
        return jdbc.sql("""
                        select count(k.id) from observation_episode e
                        left join observation_check k on k.episode_id = e.id and not k.missed and k.check_date = ?
                        where e.id in (:ids) group by e.id""".replace("?", ":day"))
                .param("ids", ids).param("day", LocalDate.now(ZoneId.of("Asia/Shanghai")))
                .query(Long.class).list();
    }

    private void scrollTo(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    }


}
