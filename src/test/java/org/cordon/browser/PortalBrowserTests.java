package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The public portal in a real browser: the commander publishes a closure notice for 石峁遗址 and an
 * anonymous visitor sees it closed by that notice; a returning person self-reports and the grid worker of
 * the village finds the report on their list, waiting for confirmation.
 */
class PortalBrowserTests extends BrowserTestSupport {

    @Test
    void aPublishedClosureShowsOnThePortalAndASelfReportReachesTheGridWorker() throws Exception {
        // the commander writes and publishes a venue-closure notice
        signIn("commander", "demo");
        driver.get(base() + "/notices/new");
        String title = "关于关闭石峁遗址的通告 " + UUID.randomUUID().toString().substring(0, 6);
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("body")).sendKeys("为做好疫情防控工作，自即日起关闭石峁遗址，恢复开放时间另行通知。");
        click(driver.findElement(By.id("category-VENUE_CLOSURE")));
        click(driver.findElement(By.xpath("//label[span[text()='石峁遗址']]/input")));
        driver.findElement(By.id("save-notice")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("succeeded"), "已保存"));
        driver.findElement(By.id("publish-notice")).click();
        // publishing cannot be undone: the page asks first
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("succeeded"), "已发布"));
        String number = driver.findElement(By.id("notice-number")).getText().trim();
        assertThat(number).matches("\\d{4}年第\\d+号");
        screenshot("portal-1-notice-published");

        // anyone, without signing in, sees the venue closed by that notice
        driver.manage().deleteAllCookies();
        driver.get(base() + "/portal");
        WebElement closed = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("closed-venues")));
        WebElement venue = closed.findElement(By.xpath(".//li[strong[text()='石峁遗址']]"));
        assertThat(venue.getText()).contains(number).contains("起关闭");
        assertThat(driver.findElement(By.id("current-notices")).getText()).contains(title);
        screenshot("portal-2-closed-venues");

        // a person back from Wuhan reports their return
        String name = "周" + (char) ('甲' + (int) (Math.random() * 50)) + "华";
        String id = idNumber();
        driver.get(base() + "/portal/self-report");
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("idNumber")).sendKeys(id);
        driver.findElement(By.id("phone")).sendKeys("13711113333");
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("42");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        setValue(driver.findElement(By.id("arrivedOn")), today.minusDays(1).toString());
        new Select(driver.findElement(By.id("transportMode"))).selectByValue("TRAIN");
        new Select(driver.findElement(By.id("destinationCode"))).selectByValue("610881106201");
        click(driver.findElement(By.id("submit-self-report")));
        WebElement confirmation = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-number")));
        assertThat(confirmation.getText()).matches("[A-Z0-9]{8}");
        assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(id).doesNotContain("13711113333");
        screenshot("portal-3-self-report-done");

        // the grid worker of the village sees it, waiting for confirmation
        signIn("grid1", "demo");
        driver.get(base() + "/returnees?status=UNVERIFIED");
        WebElement table = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("returnees-table")));
        String maskedId = id.substring(0, 6) + "********" + id.substring(14);
        WebElement row = table.findElement(By.xpath(".//tr[.//span[text()='" + maskedId + "']]"));
        assertThat(row.getText()).contains(name.charAt(0) + "*" + name.charAt(2)).contains("待核实");
        screenshot("portal-4-grid-worker-list");
    }

    private static void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void setValue(WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input, value);
    }

}
