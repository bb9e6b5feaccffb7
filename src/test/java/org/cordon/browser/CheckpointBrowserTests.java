package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The officer's flow in a real browser: sign in, register a car with two occupants (one at 37.8 °C),
 * see the fever disposition and the passage in today's list, switch the language.
 */
class CheckpointBrowserTests extends BrowserTestSupport {

    @Test
    void officerRegistersCarWithFeverishOccupantAndSwitchesLanguage() throws Exception {
        String base = base();
        WebDriverWait wait = waiting();
        signIn("officer1", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-KK01"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-form")));
        String plate = "陕K" + (10000 + (int) (Math.random() * 89999));
        driver.findElement(By.id("plateNumber")).sendKeys(plate);
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("6108");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCounty option[value='610802']")));
        new Select(driver.findElement(By.id("originCounty"))).selectByValue("610802");
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationArea option[value='610881106201']")));
        new Select(driver.findElement(By.id("destinationArea"))).selectByValue("610881106201");
        driver.findElement(By.id("disinfected1")).click();

        fillOccupant(0, "11010519491231002X", "张三", "13800138000", "36.5");
        driver.findElement(By.id("add-occupant")).click();
        wait.until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == 2);
        fillOccupant(1, "440524188001010014", "李四", "13900139000", "37.8");
        screenshot("1-form");
        driver.findElement(By.id("submit-passage")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        screenshot("2-result");
        List<WebElement> results = driver.findElements(By.cssSelector(".occupant-results .result"));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).getAttribute("class")).contains("disp-RELEASED");
        assertThat(results.get(1).getAttribute("class")).contains("disp-FEVER_REFERRAL");
        assertThat(results.get(1).findElement(By.className("disposition")).getText()).isEqualTo("发热转诊");
        assertThat(results.get(1).findElement(By.className("occupant-id")).getText()).isEqualTo("440524********0014");

        driver.get(base + "/checkpoints/KK01/passages");
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passages-table")));
        assertThat(table.getText()).contains(plate).contains("发热转诊").doesNotContain("440524188001010014");

        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passages-table"), "Fever referral"));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Checkpoints").contains("Fever referrals").contains("New passage");
        screenshot("3-list-en");
        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passages-table"), "发热转诊"));
    }

    private void fillOccupant(int index, String id, String name, String phone, String temperature) {
        String p = "occupants[" + index + "].";
        driver.findElement(By.name(p + "idNumber")).sendKeys(id);
        driver.findElement(By.name(p + "name")).sendKeys(name);
        driver.findElement(By.name(p + "phone")).sendKeys(phone);
        driver.findElement(By.name(p + "temperature")).sendKeys(temperature);
    }
}
