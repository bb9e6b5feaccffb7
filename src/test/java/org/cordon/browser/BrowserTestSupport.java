package org.cordon.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the browser tests: Debian's Chromium, headless, in a phone-sized window, against the
 * application on a random port. Skipped with a message when Chromium is not installed
 * ({@code .ci/run} installs it). All browser tests share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class BrowserTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    protected static WebDriver driver;

    @LocalServerPort
    protected int port;

    /**
     * Starts the class's browser. A test class that needs Chromium started differently (a fake camera: {@link FakeCamera})
     * declares its own {@code @BeforeAll static void startBrowser()}, which hides this one (JUnit then runs only the
     * subclass's), and calls {@link #startChromium(List)} from it.
     */
    @BeforeAll
    static void startBrowser() throws Exception {
        startChromium(List.of());
    }

    /** Skips the class when Chromium is missing, else starts it headless in a phone-sized window with these switches added. */
    protected static void startChromium(List<String> extraArguments) throws Exception {
        assumeChromium();
        Path profile = Files.createTempDirectory("cordon-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        // the console, to catch what the Content-Security-Policy or the Permissions-Policy refuses (CspBrowserTests)
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(0));
    }

    protected static void assumeChromium() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium or chromedriver missing (apt-get install chromium chromium-driver): browser test skipped");
    }

    @AfterAll
    static void stopBrowser() {
        offlineWorkers.clear();
        FieldPace.browserClosed();
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    protected void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get(base() + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** The DevTools sessions of the service workers cut off by {@link #setOffline}, to put them back online. */
    private static final java.util.Map<String, String> offlineWorkers = new java.util.HashMap<>();

    /**
     * Cuts the network (or gives it back) the way a phone loses it: the page's requests and those of its service workers
     * (DevTools offline emulation; the page's emulation alone does not reach a service worker, which runs in its own
     * target, so each is attached and emulated too). Waits until the page's {@code navigator.onLine} says so.
     */
    protected void setOffline(boolean offline) {
        org.openqa.selenium.chromium.ChromiumDriver chromium = (org.openqa.selenium.chromium.ChromiumDriver) driver;
        if (offline) {
            org.openqa.selenium.chromium.ChromiumNetworkConditions conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
            conditions.setOffline(true);
            ((org.openqa.selenium.chromium.HasNetworkConditions) driver).setNetworkConditions(conditions);
        } else {
            ((org.openqa.selenium.chromium.HasNetworkConditions) driver).deleteNetworkConditions();
        }
        java.util.Map<String, Object> targets = chromium.executeCdpCommand("Target.getTargets", java.util.Map.of());
        for (Object t : (List<?>) targets.get("targetInfos")) {
            java.util.Map<?, ?> info = (java.util.Map<?, ?>) t;
            if (!"service_worker".equals(info.get("type"))) {
                continue;
            }
            String target = (String) info.get("targetId");
            String session = offlineWorkers.get(target);
            if (session == null && offline) {
                session = (String) chromium.executeCdpCommand("Target.attachToTarget", java.util.Map.of("targetId", target, "flatten", false))
                        .get("sessionId");
                offlineWorkers.put(target, session);
                workerCommand(session, 1, "Network.enable", "{}");
            }
            if (session != null) {
                workerCommand(session, 2, "Network.emulateNetworkConditions",
                        "{\"offline\":" + offline + ",\"latency\":0,\"downloadThroughput\":-1,\"uploadThroughput\":-1}");
            }
        }
        Boolean expected = !offline;
        waiting().until(d -> expected.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return navigator.onLine;")));
    }

    private static void workerCommand(String session, int id, String method, String params) {
        ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Target.sendMessageToTarget", java.util.Map.of(
                "sessionId", session, "message", "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}"));
    }

    /** A valid resident ID number never handed out before in this JVM (the integration tests' generator). */
    protected static String idNumber() {
        return org.cordon.IntegrationTestSupport.randomIdNumber();
    }

    /** Nothing of the page sticks out sideways on the 390-px phone. */
    protected void noSideways() {
        Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        org.assertj.core.api.Assertions.assertThat(width.intValue()).as("page width on a 390 px phone: " + driver.getCurrentUrl())
                .isLessThanOrEqualTo(390);
    }

    protected void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
