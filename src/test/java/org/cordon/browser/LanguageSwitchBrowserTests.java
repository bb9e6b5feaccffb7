package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The language switch keeps the page, its query (filters) and what was typed in its forms, and keeps nothing typed
 * in the browser's storage once the page in the other language has it back; passwords are never kept.
 */
class LanguageSwitchBrowserTests extends BrowserTestSupport {

    @Test
    void switchingTheLanguageKeepsThePageItsFiltersAndTheTypedForm() throws Exception {
        signIn("coordinator", "demo");
        driver.get(base() + "/mobilization/duty?date=2031-05-06&lang=zh_CN");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("roster")));
        WebElement from = driver.findElement(By.id("c-from"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2031-04-29'", from);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("c-days"))).selectByValue("7");
        WebElement old = driver.findElement(By.id("roster"));
        driver.findElement(By.id("lang-en")).click();
        waiting().until(ExpectedConditions.stalenessOf(old));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("roster")));

        assertThat(driver.getCurrentUrl()).contains("/mobilization/duty").contains("date=2031-05-06").contains("lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Duty roster").contains("6 May 2031");
        waiting().until(d -> "2031-04-29".equals(d.findElement(By.id("c-from")).getAttribute("value")));
        assertThat(driver.findElement(By.id("c-days")).getAttribute("value")).isEqualTo("7");
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('cordon.langSwitch');"))
                .as("nothing typed is kept after the switch").isNull();
        screenshot("lang-switch-en");

        // a password is never kept: the password page in the other language comes back empty
        driver.get(base() + "/account/password");
        WebElement current = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=password]")));
        current.sendKeys("not-to-be-kept");
        WebElement page = driver.findElement(By.tagName("main"));
        driver.findElement(By.id("lang-zh")).click();
        waiting().until(ExpectedConditions.stalenessOf(page));
        WebElement again = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=password]")));
        assertThat(again.getAttribute("value")).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('cordon.langSwitch');")).isNull();
    }
}
