package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The passage form's camera scanner on a phone, with Chromium's fake camera filming a QR code made in the test
 * ({@link FakeCamera}): tapping "扫码" reads the code into the occupant's hidden {@code healthCode} input (the added
 * occupant's too), tells the page with a {@code cordon:code-scanned} event, and gives the camera back at once; cancelling
 * gives it back too; a refused camera leaves a message in the card and typing as before; all without a console error.
 * The texts filmed here are not health codes: the page's health-code check (health-code-scan.js, tested with real codes
 * in {@link HealthCodeScanBrowserTests}) refuses them and takes them out of the form again.
 */
class QrScanBrowserTests extends BrowserTestSupport {

    /** What the fake camera films; Chromium reopens it whenever a page starts the camera. */
    static Path video;

    final List<String> problems = new ArrayList<>();

    /** Hides BrowserTestSupport's: this class's Chromium has a fake camera. */
    @BeforeAll
    static void startBrowser() throws Exception {
        assumeChromium();
        video = Files.createTempDirectory("cordon-fake-camera").resolve("camera.y4m");
        FakeCamera.filmNothing(video);
        startChromium(FakeCamera.chromiumArguments(video));
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    /** Console errors and policy refusals of the page just used (the sign-in's are read and forgotten before). */
    private void collect(String page) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String m = entry.getMessage();
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || m.contains("Content Security Policy")
                    || m.contains("Permissions policy") || m.contains("Permissions-Policy") || m.contains("Refused to")
                    || m.contains("Uncaught")) {
                problems.add(page + ": " + m);
            }
        }
    }

    /**
     * Opens the passage form and records, in the page, every camera stream it gets ({@code window.cameraStreams}) and every
     * {@code cordon:code-scanned} event ({@code window.scanned}: the text, the card's sequence number and what the card's
     * hidden input held when the event came, before anything on the page reacted to it).
     */
    private void openForm(String query) {
        signIn("officer1", "demo");
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base() + "/checkpoints/KK01/passages/new" + query);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("fieldset.occupant .scan-code")));
        js().executeScript("""
                window.cameraStreams = [];
                window.scanned = [];
                var ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
                navigator.mediaDevices.getUserMedia = function (c) {
                  return ask(c).then(function (s) { window.cameraStreams.push(s); return s; });
                };
                window.addEventListener('cordon:code-scanned', function (e) {
                  var input = e.detail.row.querySelector('input.health-code');
                  window.scanned.push(e.detail.text + '@' + e.detail.row.querySelector('.seq').textContent
                      + (input.value === e.detail.text ? ' (in the input)' : ' (not in the input: ' + input.value + ')'));
                }, true);""");
    }

    private WebElement card(int index) {
        return driver.findElements(By.cssSelector("#occupants fieldset.occupant")).get(index);
    }

    private int scannedCount() {
        return ((Number) js().executeScript("return window.scanned.length;")).intValue();
    }

    private String healthCode(int index) {
        return driver.findElement(By.name("occupants[" + index + "].healthCode")).getAttribute("value");
    }

    private boolean cameraStopped() {
        return Boolean.TRUE.equals(js().executeScript("""
                var video = document.querySelector('#qr-scanner video');
                return video.srcObject === null && window.cameraStreams.length > 0 && window.cameraStreams.every(function (s) {
                  return s.getTracks().every(function (t) { return t.readyState === 'ended'; });
                });"""));
    }

    @Test
    void theOfficerScansAnOccupantsCodeAndTheCameraStopsAtOnce() throws Exception {
        // something of the shape of a compact JWS, but any text will do: the scanner does not read meaning into it
        String first = "eyJhbGciOiJFZERTQSJ9." + UUID.randomUUID() + "." + UUID.randomUUID().toString().replace("-", "_");
        FakeCamera.film(FakeCamera.qrCode(first), video);
        openForm("?lang=zh_CN");
        WebElement button = card(0).findElement(By.className("scan-code"));
        assertThat(button.getText()).isEqualTo("扫码");
        assertThat(button.getSize().getWidth()).as("a big button across the card").isGreaterThan(300);
        assertThat(button.getSize().getHeight()).isGreaterThanOrEqualTo(44);
        assertThat(card(0).findElement(By.className("remove-occupant")).isDisplayed()).as("one occupant: nothing to remove").isFalse();
        assertThat(healthCode(0)).isEmpty();

        long tapped = System.nanoTime();
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(8)).until(d -> scannedCount() == 1);
        long millis = (System.nanoTime() - tapped) / 1_000_000;
        assertThat(cameraStopped()).as("the camera is given back once the code is read").isTrue();
        assertThat(driver.findElement(By.id("qr-scanner")).isDisplayed()).isFalse();
        assertThat(js().executeScript("return window.scanned;")).isEqualTo(List.of(first + "@1 (in the input)"));
        // not a health code: refused, out of the form again, and typing the details is next
        WebElement refused = waiting().until(d -> {
            List<WebElement> r = card(0).findElements(By.cssSelector(".hc-result[data-problem]"));
            return r.isEmpty() ? null : r.get(0);
        });
        assertThat(refused.getAttribute("data-problem")).isEqualTo("MALFORMED");
        assertThat(refused.findElement(By.className("hc-reason")).getText()).isEqualTo("不是健康码");
        assertThat(healthCode(0)).isEmpty();
        assertThat(driver.switchTo().activeElement().getAttribute("name")).as("the ID number is next")
                .isEqualTo("occupants[0].idNumber");
        screenshot("qr-scan-1-read");
        System.out.println("QR code of " + first.length() + " characters (version " + (FakeCamera.qrCode(first).getWidth() - 17) / 4
                + ") read " + millis + " ms after the tap");

        // an occupant added from the template has the button too, and its code goes to its own row
        driver.findElement(By.id("add-occupant")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#occupants fieldset.occupant")).size() == 2);
        String second = "second occupant " + UUID.randomUUID();
        FakeCamera.film(FakeCamera.qrCode(second), video);
        card(1).findElement(By.className("scan-code")).click();
        new WebDriverWait(driver, Duration.ofSeconds(8)).until(d -> scannedCount() == 2);
        assertThat(cameraStopped()).isTrue();
        assertThat(js().executeScript("return window.scanned;")).isEqualTo(List.of(first + "@1 (in the input)", second + "@2 (in the input)"));
        waiting().until(d -> !card(1).findElements(By.cssSelector(".hc-result[data-problem='MALFORMED']")).isEmpty());
        assertThat(card(0).findElements(By.cssSelector(".hc-result[data-problem='MALFORMED']"))).as("the first card keeps its own").hasSize(1);
        // with two occupants each card has "remove" again, above the scan button rather than over it
        WebElement remove = card(1).findElement(By.className("remove-occupant"));
        WebElement scan = card(1).findElement(By.className("scan-code"));
        assertThat(remove.isDisplayed()).isTrue();
        assertThat(remove.getLocation().getY() + remove.getSize().getHeight()).isLessThanOrEqualTo(scan.getLocation().getY());
        js().executeScript("arguments[0].scrollIntoView();", card(1));
        screenshot("qr-scan-1b-second-occupant");
        collect("passage form");
        assertThat(problems).isEmpty();
    }

    @Test
    void cancellingTheScanGivesTheCameraBackAndLeavesTheRowAsItWas() throws Exception {
        FakeCamera.filmNothing(video);
        openForm("?lang=zh_CN");
        card(0).findElement(By.className("scan-code")).click();
        WebElement panel = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("qr-scanner")));
        // the camera's picture is on screen
        waiting().until(d -> ((Number) js().executeScript("return document.querySelector('#qr-scanner video').videoWidth;")).intValue() > 0);
        WebElement view = panel.findElement(By.className("qr-view"));
        assertThat(view.getSize().getWidth()).isGreaterThan(300);
        assertThat(view.getLocation().getY() + view.getSize().getHeight()).as("the view fits the phone's screen").isLessThan(844);
        WebElement cancel = panel.findElement(By.className("qr-cancel"));
        assertThat(cancel.getText()).isEqualTo("取消");
        screenshot("qr-scan-0-camera");
        cancel.click();
        waiting().until(ExpectedConditions.invisibilityOf(panel));
        assertThat(cameraStopped()).isTrue();
        assertThat(healthCode(0)).isEmpty();
        assertThat(js().executeScript("return window.scanned;")).isEqualTo(List.of());
        collect("passage form, cancelled");
        assertThat(problems).isEmpty();
    }

    @Test
    void inEnglishTheButtonShowsAndARefusedCameraLeavesAMessageAndTyping() throws Exception {
        openForm("?lang=en");
        WebElement button = card(0).findElement(By.className("scan-code"));
        assertThat(button.getText()).isEqualTo("Scan code");
        // the officer said no when the browser asked
        js().executeScript("navigator.mediaDevices.getUserMedia = function () {"
                + " return Promise.reject(new DOMException('Permission denied', 'NotAllowedError')); };");
        button.click();
        WebElement message = waiting().until(d -> {
            WebElement m = card(0).findElement(By.className("scan-message"));
            return m.getText().isEmpty() ? null : m;
        });
        assertThat(message.getText()).isEqualTo("The camera was not allowed: allow this page to use the camera in the browser's "
                + "settings, or type the ID number, name and phone.");
        assertThat(driver.findElement(By.id("qr-scanner")).isDisplayed()).isFalse();
        assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("occupants[0].idNumber");
        driver.switchTo().activeElement().sendKeys("11010519491231002X");
        assertThat(driver.findElement(By.name("occupants[0].idNumber")).getAttribute("value")).isEqualTo("11010519491231002X");
        assertThat(healthCode(0)).isEmpty();
        screenshot("qr-scan-2-refused-en");
        collect("passage form (en), camera refused");
        assertThat(problems).isEmpty();
    }
}
