package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.cordon.mobilization.BranchRequest;
import org.cordon.mobilization.DutyRosterManagement;
import org.cordon.mobilization.MemberRequest;
import org.cordon.mobilization.PartyManagement;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The coordinator's day of rostering (issue 16) on a phone: the 14 demo checkpoints, the demo's shift pattern (3 shifts
 * a day, 2 people each), each checkpoint's temporary Party branch with 6 members. The old way — one submit per person
 * per shift, still on the page — is measured first ({@code before.*}); then the new way: the day's shifts and the 14
 * branches ticked, shared out with one submit ({@code FILL}: each checkpoint from its own branch); then the next day copied
 * with one submit.
 * Target: a day's roster in at most 20 submits.
 */
class FieldPaceRosterBrowserTests extends BrowserTestSupport {

    private static final int CHECKPOINTS = 14;
    private static final int MEMBERS_PER_CHECKPOINT = 6;

    @Autowired
    PartyManagement party;

    @Autowired
    DutyRosterManagement rosters;

    @Autowired
    JdbcClient jdbc;

    private final CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);

    /** Checkpoint code → its temporary branch's id (filled by {@link #crews}). */
    private final Map<String, Long> branches = new LinkedHashMap<>();

    /** The demo's checkpoints KK01–KK14 and the ids of 6 members of each one's temporary branch. */
    private Map<String, List<Long>> crews() {
        List<Map<String, Object>> checkpoints = jdbc.sql("select code, name, town_code from checkpoint where active order by code")
                .query().listOfRows();
        assertThat(checkpoints).hasSizeGreaterThanOrEqualTo(CHECKPOINTS);
        Map<String, List<Long>> crews = new LinkedHashMap<>();
        for (Map<String, Object> c : checkpoints.subList(0, CHECKPOINTS)) {
            String code = (String) c.get("code");
            Long branch = jdbc.sql("select id from party_branch where kind = 'CHECKPOINT' and checkpoint_code = ?").param(code)
                    .query(Long.class).optional().orElseGet(() -> party.createBranch(admin, new BranchRequest(c.get("name") + "临时党支部",
                            "CHECKPOINT", "中共神木市委组织部", (String) c.get("town_code"), code)).id());
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS_PER_CHECKPOINT; i++) {
                // one setup account per member: creating a member runs an exact phone search, which is rate-limited per account
                CordonUser setup = new CordonUser(0, "test-setup-" + code + "-" + i, null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
                members.add(party.createMember(setup, new MemberRequest("值班" + code + "-" + (char) ('甲' + i),
                        "13" + (5 + ThreadLocalRandom.current().nextInt(5)) + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)),
                        "卡口执勤", branch, true, null, null)).id());
            }
            crews.put(code, members);
            branches.put(code, branch);
        }
        return crews;
    }

    /** A duty date far ahead with no shifts on it and the two days after. */
    private LocalDate freshDay() {
        while (true) {
            LocalDate date = LocalDate.of(2045, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(10_000));
            Long n = jdbc.sql("select count(*) from duty_shift where shift_date between ? and ?").params(date.minusDays(1), date.plusDays(3))
                    .query(Long.class).single();
            if (n == 0) {
                return date;
            }
        }
    }

    private long shiftId(String checkpoint, LocalDate date, int slot) {
        return jdbc.sql("select id from duty_shift where checkpoint_code = ? and shift_date = ? and slot = ?").params(checkpoint, date, slot)
                .query(Long.class).single();
    }

    private long fullyCrewed(Set<String> checkpoints, LocalDate date) {
        return jdbc.sql("""
                        select count(*) from duty_shift s where s.shift_date = :date and s.checkpoint_code in (:codes)
                        and (select count(*) from duty_assignment a where a.shift_id = s.id) >= s.required_crew""")
                .param("date", date).param("codes", checkpoints).query(Long.class).single();
    }

    /**
     * Waits for the page the tap sent to have replaced this one. Under load, asking the old element whether it is stale
     * can meet a document half torn down ("Node with given id does not belong to the document"), which is no answer:
     * such errors are asked again.
     */
    private void awaitReload(WebElement old) {
        waiting().ignoring(org.openqa.selenium.WebDriverException.class).until(ExpectedConditions.stalenessOf(old));
        waiting().ignoring(org.openqa.selenium.WebDriverException.class).until(ExpectedConditions.presenceOfElementLocated(By.id("roster")));
    }

    @Test
    void aDayOfFourteenCheckpointsIsRosteredInAtMostTwentySubmits() throws Exception {
        Map<String, List<Long>> crews = crews();
        LocalDate oldDay = freshDay();
        LocalDate newDay = oldDay.plusDays(1);
        LocalDate copiedDay = oldDay.plusDays(2);
        rosters.generateShifts(admin, oldDay, newDay);
        int slots = 3;

        signIn("coordinator", "demo");
        FieldPace pace = FieldPace.start(driver, "roster");

        // the old way: a select and a button per person per shift, a page load each
        if (FieldPace.measuresBefore()) {
            driver.get(base() + "/mobilization/duty?date=" + oldDay);
            for (Map.Entry<String, List<Long>> crew : crews.entrySet()) {
                for (int slot = 0; slot < slots; slot++) {
                    long shift = shiftId(crew.getKey(), oldDay, slot);
                    for (int person = 0; person < 2; person++) {
                        WebElement cell = driver.findElement(By.id("shift-" + shift));
                        new Select(cell.findElement(By.cssSelector("select[name=memberId]"))).selectByValue(String.valueOf(crew.getValue().get(slot * 2 + person)));
                        pace.input(1);
                        WebElement button = cell.findElement(By.cssSelector("form.mob-assign button"));
                        pace.tap(button);
                        awaitReload(button);
                    }
                }
            }
            assertThat(fullyCrewed(crews.keySet(), oldDay)).isEqualTo((long) CHECKPOINTS * slots);
            int beforeSubmits = pace.submits();
            assertThat(beforeSubmits).isEqualTo(CHECKPOINTS * slots * 2);
            pace.keep("before.");
            screenshot("roster-old-way");
        }

        // the new way: the day's shifts and the 14 branches ticked, shared out with one submit (each checkpoint's shifts from
        // its own branch first, 2 per shift, each member once)
        pace.reset();
        driver.get(base() + "/mobilization/duty?date=" + newDay);
        pace.tap(driver.findElement(By.id("all-shifts")));
        for (Long branch : branches.values()) {
            WebElement box = driver.findElement(By.cssSelector("#bulk-assign input[name=branchId][value='" + branch + "']"));
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
            pace.tap(box);
        }
        pace.tap(driver.findElement(By.cssSelector("#bulk-assign input[name=mode][value=FILL]")));
        WebElement submit = driver.findElement(By.id("bulk-submit"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", submit);
        pace.tap(submit);
        awaitReload(submit);
        assertThat(driver.findElement(By.id("succeeded")).getText()).contains(String.valueOf(CHECKPOINTS * slots * 2));
        // every checkpoint stood by its own branch
        assertThat(jdbc.sql("""
                        select count(*) from duty_assignment a join duty_shift s on s.id = a.shift_id join party_member m on m.id = a.member_id
                        join party_branch b on b.id = m.branch_id where s.shift_date = :day and s.checkpoint_code in (:codes)
                        and b.checkpoint_code is distinct from s.checkpoint_code""")
                .param("day", newDay).param("codes", crews.keySet()).query(Long.class).single()).isZero();
        assertThat(fullyCrewed(crews.keySet(), newDay)).isEqualTo((long) CHECKPOINTS * slots);
        int newSubmits = pace.submits();
        assertThat(newSubmits).as("a day's roster in at most 20 submits").isLessThanOrEqualTo(20);
        pace.keep("");
        screenshot("roster-new-way");

        // and the day after: copied with one submit
        pace.reset();
        driver.get(base() + "/mobilization/duty?date=" + copiedDay);
        // the form proposes the day before as the one to copy from
        assertThat(driver.findElement(By.id("c-from")).getAttribute("value")).isEqualTo(newDay.toString());
        WebElement copy = driver.findElement(By.id("copy-submit"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", copy);
        pace.tap(copy);
        awaitReload(copy);
        assertThat(fullyCrewed(crews.keySet(), copiedDay)).isEqualTo((long) CHECKPOINTS * slots);
        screenshot("roster-copied");
        pace.keep("copy.");

        pace.figure("checkpoints", CHECKPOINTS);
        pace.figure("shifts", CHECKPOINTS * slots);
        pace.figure("assignments", CHECKPOINTS * slots * 2);
        pace.record();

        driver.get(base() + "/mobilization/duty?date=" + copiedDay + "&lang=en");
        screenshot("roster-copied-en");
    }
}
