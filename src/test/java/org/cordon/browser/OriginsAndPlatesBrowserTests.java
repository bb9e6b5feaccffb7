package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * On a phone: an officer registers a consulate car from abroad (境外 → 日本), sees the plate kind on the result and
 * the tag in the day's list, in Chinese and English.
 */
class OriginsAndPlatesBrowserTests extends BrowserTestSupport {

    @Test
    void aConsulateCarFromJapanIsRegisteredWithItsKindAndOrigin() throws Exception {
        WebDriverWait wait = waiting();
        signIn("officer1", "demo");
        driver.get(base() + "/checkpoints/KK01/passages/new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-form")));
        String plate = "沪A" + (1000 + (int) (Math.random() * 8999)) + "领";
        driver.findElement(By.id("plateNumber")).sendKeys(plate);
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("ISO");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='ISO:JP']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("ISO:JP");
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationArea option[value='610881106201']")));
        new Select(driver.findElement(By.id("destinationArea"))).selectByValue("610881106201");
        new Select(driver.findElement(By.name("occupants[0].idType"))).selectByValue("PASSPORT");
        driver.findElement(By.name("occupants[0].idNumber")).sendKeys("TR" + (1000000 + (int) (Math.random() * 8999999)));
        driver.findElement(By.name("occupants[0].name")).sendKeys("田中");
        driver.findElement(By.name("occupants[0].temperature")).sendKeys("36.6");
        screenshot("origins-1-form-abroad");
        driver.findElement(By.id("submit-passage")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        assertThat(driver.findElement(By.id("plate-kind")).getText()).isEqualTo("领馆");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains(plate).contains("境外 日本");
        screenshot("origins-2-result");

        driver.get(base() + "/checkpoints/KK01/passages?lang=en");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passages-table")));
        assertThat(driver.findElement(By.id("passages-table")).getText()).contains(plate).contains("Consulate")
                .contains("Abroad Japan");
        screenshot("origins-3-list-en");
        driver.get(base() + "/checkpoints/KK01/passages?lang=zh-CN");
    }
}
