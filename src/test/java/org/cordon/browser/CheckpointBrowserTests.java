package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The officer's flow in a real browser (Debian's Chromium, headless, phone-sized window): sign in,
 * register a car with two occupants (one at 37.8 °C), see the fever disposition and the passage in
 * today's list, switch the language. Skipped with a message when Chromium is not installed
 * ({@code .ci/run} installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CheckpointBrowserTests {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static WebDriver driver;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium or chromedriver missing (apt-get install chromium chromium-driver): browser test skipped");
        profile = Files.createTempDirectory("cordon-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void officerRegistersCarWithFeverishOccupantAndSwitchesLanguage() throws Exception {
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));

        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys("officer1");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
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

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
