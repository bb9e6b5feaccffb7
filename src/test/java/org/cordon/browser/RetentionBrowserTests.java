package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administrators' data retention page on the phone (390×844), in Chinese and English: the rules, the stored
 * months with their drop dates, the persons due, the last runs; "run now" asks first and does nothing when the
 * question is dismissed. Screenshots: target/screenshots/retention-zh.png and retention-en.png.
 */
class RetentionBrowserTests extends BrowserTestSupport {

    @Autowired
    JdbcClient jdbc;

    int runs() {
        return jdbc.sql("select count(*) from audit_entry where action = 'RETENTION_RUN'").query(Integer.class).single();
    }

    @Test
    void theAdministratorSeesWhatExpiresWhenInBothLanguagesAndRunsItAfterConfirming() throws Exception {
        YearMonth current = YearMonth.from(LocalDate.now(ZoneId.of("Asia/Shanghai")));
        signIn("admin", "demo");
        driver.get(base() + "/admin/retention?lang=zh_CN");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("数据保存期限");
        assertThat(driver.findElement(By.cssSelector("a[href='/admin/retention']")).getText()).isEqualTo("数据保存期限");
        String row = driver.findElement(By.cssSelector("#retention-months tr[data-month='" + current + "']")).getText();
        LocalDate dropOn = current.plusMonths(3).atDay(1);
        assertThat(row).contains(current.toString())
                .contains(dropOn.getYear() + "年" + dropOn.getMonthValue() + "月" + dropOn.getDayOfMonth() + "日");
        assertThat(driver.findElement(By.id("retention-settings")).getText()).contains("30 天后匿名化");
        noSideways();
        screenshot("retention-zh");

        driver.get(base() + "/admin/retention?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Data retention");
        assertThat(driver.findElement(By.id("retention-settings")).getText())
                .contains("anonymised 30 days after their follow-up ended");
        assertThat(driver.findElement(By.id("retention-kept")).getText()).contains("Kept for people under follow-up");
        noSideways();
        screenshot("retention-en");

        int before = runs();
        driver.findElement(By.id("retention-run")).click();
        waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains("cannot be undone");
        driver.switchTo().alert().dismiss();
        assertThat(runs()).as("dismissed: nothing ran").isEqualTo(before);

        driver.findElement(By.id("retention-run")).click();
        waiting().until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().accept();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("retention-message")));
        assertThat(driver.findElement(By.id("retention-message")).getText()).startsWith("Done:");
        assertThat(runs()).isEqualTo(before + 1);
        assertThat(driver.findElement(By.id("retention-runs")).getText()).contains("admin").contains("persons anonymised");
        noSideways();
    }
}
