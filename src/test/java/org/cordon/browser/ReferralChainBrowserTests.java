package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
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
import org.cordon.observation.QuarantineSite;
import org.cordon.observation.SiteManagement;
import org.cordon.observation.SiteRequest;
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
 * The medical worker's referral chain on a phone (390×844): a suspected outcome sends the person to an isolation
 * site, the referral list shows where they went, the isolation's outcome "confirmed" opens the case and its tracing
 * task, and a close contact is registered with the place of residence picked from the area tree — in Chinese, and the
 * same pages in English.
 */
class ReferralChainBrowserTests extends BrowserTestSupport {

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    SiteManagement sites;

    @Autowired
    AccountManagement accounts;

    @Autowired
    org.cordon.observation.ReferralManagement referralList;

    @Test
    void aSuspectedCaseGoesToIsolationIsConfirmedAndItsContactIsRegisteredOnThePhone() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        QuarantineSite site = sites.createSite(accounts.loadUserByUsername("admin"), new SiteRequest("手机测试隔离病区" + UUID.randomUUID()
                .toString().substring(0, 4), "610881106", null, 3, "ISOLATION", null));
        String name = "邵" + "立" + (char) ('甲' + (int) (Math.random() * 50));
        RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(), name,
                "RESIDENT_ID", idNumber(), null, "13711113333", "420102", null, today.minusDays(2), "TRAIN", "G402", null,
                "610881106201", null));
        long personId = r.returnee().person().id();
        long episode = episodes.startEpisode(personId, r.returnee().id(), EpisodeKind.HOME, null, "610881106201",
                EpisodeReason.RISK_ARRIVAL, today.minusDays(2), "grid1", "returnee:" + r.returnee().id());
        long referral = episodes.recordCheck(accounts.loadUserByUsername("grid1"), episode,
                new CheckRequest(today, "MORNING", "38.4", List.of("COUGH"), null)).referralId();

        // a medical worker of the city of this test's own (the demo medic's sign-in is other tests' to change)
        String medic = "bmed" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(medic, "medic-password-1", "浏览器测试医生", Role.MEDIC, "610881", Set.of()));
        List<org.cordon.observation.ReferralView> open = referralList.referrals(accounts.loadUserByUsername(medic), false);
        assertThat(open).as("the medic's open referrals (%d)", open.size()).anyMatch(v -> v.id() == referral);
        signIn(medic, "medic-password-1");
        assertThat(driver.getCurrentUrl()).as("signed in").doesNotContain("/account/");
        driver.get(base() + "/referrals");
        WebElement row = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("referral-" + referral)));
        new Select(row.findElement(By.name("outcome"))).selectByValue("SUSPECTED");
        new Select(row.findElement(By.name("isolationSiteId"))).selectByValue(String.valueOf(site.id()));
        row.findElement(By.name("clinic")).sendKeys("神木市医院发热门诊");
        noSideways();
        row.findElement(By.cssSelector("button[type=submit]")).click();
        // the outcome cannot be changed afterwards: the page asks first
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded"))).getText()).contains("疑似");

        // the list with outcomes tells where the person went
        driver.get(base() + "/referrals?all=true");
        row = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("referral-" + referral)));
        WebElement next = row.findElement(By.cssSelector("[data-followup=ISOLATION]"));
        assertThat(next.getText()).contains("隔离").contains("隔离中");
        screenshot("chain-1-referral-isolated");
        next.click();

        WebElement status = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("isolation-status")));
        assertThat(status.getText()).isEqualTo("隔离中");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(site.name());
        noSideways();
        driver.findElement(By.cssSelector("#outcome-form input[value=CONFIRMED]")).click();
        driver.findElement(By.id("submit-outcome")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded")));
        assertThat(driver.findElement(By.id("isolation-status")).getText()).isEqualTo("已确诊");
        screenshot("chain-2-isolation-confirmed");
        driver.findElement(By.id("case-link")).click();

        WebElement tracing = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("tracing-status")));
        assertThat(tracing.getText()).isEqualTo("流调中");
        noSideways();
        screenshot("chain-3-case");
        String caseUrl = driver.getCurrentUrl();

        // a close contact: the residence from the picker (town, then its villages loaded by htmx)
        driver.findElement(By.cssSelector("#contacts a.button")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-form")));
        driver.findElement(By.id("name")).sendKeys("邵小红");
        driver.findElement(By.id("idNumber")).sendKeys(idNumber());
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("exposureDate")),
                today.minusDays(1).toString());
        // (沙峁镇, whose sample villages no other test counts on)
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881113");
        waiting().until(d -> new Select(d.findElement(By.id("areaCode"))).getOptions().stream()
                .anyMatch(o -> "610881113202".equals(o.getAttribute("value"))));
        new Select(driver.findElement(By.id("areaCode"))).selectByValue("610881113202");
        noSideways();
        screenshot("chain-4-contact-picker");
        driver.findElement(By.id("submit-contact")).click();
        WebElement registered = waiting().until(d -> d.findElements(By.id("contact-registered")).isEmpty()
                ? d.findElements(By.id("contact-no-worker")).stream().findFirst().orElse(null)
                : d.findElement(By.id("contact-registered")));
        assertThat(registered.getText()).contains("密切接触者");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("密切接触者").contains("沙峁二村");

        // the case page lists the contact; the same page in English
        driver.get(caseUrl + "?lang=en");
        WebElement contacts = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("contacts")));
        assertThat(contacts.getText()).contains("Registered close contacts").contains("邵*红");
        assertThat(driver.findElement(By.id("tracing-status")).getText()).isEqualTo("Tracing");
        assertThat(driver.getPageSource()).doesNotContain("??");
        noSideways();
        screenshot("chain-5-case-en");
        driver.get(base() + "/isolations?all=true&lang=en");
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("isolation-list"))).getText()).contains("Confirmed");
        driver.get(base() + "/observation/sites?lang=zh_CN");
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sites-table"))).getText()).contains(site.name());
        noSideways();
    }


}
