package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.healthcode.Declared;
import org.cordon.healthcode.HealthCodeKeyManagement;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthCodeQr;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The checkpoint officer scans a health code on a phone (390×844) with Chromium's fake camera filming the code's QR
 * image ({@link FakeCamera}, {@link HealthCodeQr}): the page verifies it (offline in the browser, then online), shows the
 * colour large with the holder's masked name and birth year and the proposed disposition, and the code stands in for
 * the holder's identity, so that a code holder is registered in three inputs — scan, temperature, submit — and stored
 * as the code's registered holder. Offline, with the keys and the revocation list the page cached, a code revoked by a
 * change of colour and a forged one are refused with their reasons, while a valid code still verifies.
 */
class HealthCodeScanBrowserTests extends BrowserTestSupport {

    static final String RESIDENCE = "610881106201";
    static final Pattern CODE_ID = Pattern.compile("\"jti\":\"([^\"]+)\"");
    static final Pattern NAME = Pattern.compile("\"nam\":\"([^\"]+)\"");

    /** What the fake camera films; Chromium reopens it whenever a page starts the camera. */
    static Path video;

    @Autowired
    HealthCodeManagement codes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthCodeKeyManagement keys;

    @Autowired
    AccountManagement accounts;

    final List<String> problems = new ArrayList<>();

    /** Hides BrowserTestSupport's: this class's Chromium has a fake camera. */
    @BeforeAll
    static void startBrowser() throws Exception {
        assumeChromium();
        video = Files.createTempDirectory("cordon-fake-camera").resolve("camera.y4m");
        FakeCamera.filmNothing(video);
        startChromium(FakeCamera.chromiumArguments(video));
    }

    // ------------------------------------------------------------------ people with codes

    record Person(String name, String idNumber, String phone, String token, String codeId, String maskedName, int birthYear) {
    }

    /** A person who declared on the portal (nothing but a residence: green unless symptoms are declared). */
    Person declare(String name, String idNumber, String phone, List<String> symptoms) {
        Declared d = codes.declare(new HealthDeclarationRequest(UUID.randomUUID(), name, "RESIDENT_ID", idNumber, phone, RESIDENCE,
                List.of(), null, symptoms), "127.0.0.1");
        String claims = claims(d.code().token());
        return new Person(name, idNumber, phone, d.code().token(), match(CODE_ID, claims), match(NAME, claims),
                Integer.parseInt(idNumber.substring(6, 10)));
    }

    Person newPerson(String name) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = withCheck(String.format("610881%d%02d%02d%03d", 1950 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000)));
        String phone = "139" + String.format("%08d", r.nextInt(100_000_000));
        return declare(name, id, phone, List.of());
    }

    static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text).isTrue();
        return m.group(1);
    }

    static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    // ------------------------------------------------------------------ the page

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    /** Console errors and policy refusals of the page just used; a refused request while offline is what offline is. */
    private void collect(String page) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String m = entry.getMessage();
            if (m.contains("ERR_INTERNET_DISCONNECTED")) {
                continue;
            }
            // a form the server refuses: the page's script (offline.js) reads the 400 and shows the form again
            if (m.contains("/passages/queued - Failed to load resource: the server responded with a status of 400")) {
                continue;
            }
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || m.contains("Content Security Policy")
                    || m.contains("Refused to") || m.contains("Uncaught")) {
                problems.add(page + ": " + m);
            }
        }
    }

    /** Opens the passage form with this phone's storage empty and waits until keys and revocations are cached. */
    private void openForm(String query) {
        driver.get(base() + "/checkpoints/KK01/passages/new" + query);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("fieldset.occupant .scan-code")));
        waitForSync();
    }

    private void waitForSync() {
        waiting().until(d -> "true".equals(d.findElement(By.id("hc-sync")).getAttribute("data-synced")));
    }

    /**
     * Counts, in the page, what the officer does from now on: every tap (a trusted pointerdown), every choice in a list
     * and every field typed into (trusted keys; a field counts once). Kept in the tab's sessionStorage, so the submitting tap is counted too.
     */
    private void countInputs() {
        js().executeScript("""
                sessionStorage.setItem('inputs', '[]');
                var typed = {};
                function note(what) {
                  var list = JSON.parse(sessionStorage.getItem('inputs') || '[]');
                  list.push(what);
                  sessionStorage.setItem('inputs', JSON.stringify(list));
                }
                document.addEventListener('pointerdown', function (e) {
                  if (e.isTrusted) { note('tap ' + (e.target.id || e.target.name || e.target.className || e.target.tagName)); }
                }, true);
                // a choice in a list (Selenium picks an option without a trusted tap): the page's own restoring of the
                // last origin and destination happened before counting started
                document.addEventListener('change', function (e) {
                  if (e.target.tagName === 'SELECT') { note('pick ' + (e.target.id || e.target.name)); }
                }, true);
                document.addEventListener('keydown', function (e) {
                  var field = e.target.name || e.target.id;
                  if (e.isTrusted && !typed[field]) { typed[field] = true; note('type ' + field); }
                }, true);""");
    }

    @SuppressWarnings("unchecked")
    private List<String> inputs() {
        Object json = js().executeScript("return JSON.parse(sessionStorage.getItem('inputs') || '[]');");
        return (List<String>) json;
    }

    private WebElement card(int index) {
        return driver.findElements(By.cssSelector("#occupants fieldset.occupant")).get(index);
    }

    private String healthCode(int index) {
        return driver.findElement(By.name("occupants[" + index + "].healthCode")).getAttribute("value");
    }

    /** Taps "scan" in a card and waits for the result of the code's check (not the "checking" state). */
    private WebElement scan(int index) {
        String before = card(index).getAttribute("data-checks");
        int checks = before == null ? 0 : Integer.parseInt(before);
        card(index).findElement(By.className("scan-code")).click();
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            String now = card(index).getAttribute("data-checks");
            if (now == null || Integer.parseInt(now) <= checks) {
                return null;
            }
            List<WebElement> r = card(index).findElements(By.cssSelector(".hc-result[data-valid]:not(.hc-pending)"));
            return r.isEmpty() ? null : r.get(0);
        });
    }

    private boolean identityShown(int index) {
        return card(index).findElement(By.className("identity")).isDisplayed()
                && card(index).findElement(By.className("id-number")).isEnabled();
    }

    private String focused() {
        return driver.switchTo().activeElement().getAttribute("name");
    }

    private void pickPlaces() {
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("6108");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCounty option[value='610802']")));
        new Select(driver.findElement(By.id("originCounty"))).selectByValue("610802");
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationArea option[value='610881106201']")));
        new Select(driver.findElement(By.id("destinationArea"))).selectByValue("610881106201");
    }

    private long submit() {
        driver.findElement(By.id("submit-passage")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        Matcher m = Pattern.compile("/passages/(\\d+)").matcher(driver.getCurrentUrl());
        assertThat(m.find()).as(driver.getCurrentUrl()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private Map<String, Object> stored(long passageId) {
        return jdbc.sql("""
                        select o.name, o.health_code_id, o.health_code_color, o.disposition, o.temperature, p.vehicle_type,
                               p.plate_number, p.direction, p.origin_code, p.destination_code, p.recorded_by
                        from occupant o join passage p on p.id = o.passage_id where p.id = ?""")
                .param(passageId).query().singleRow();
    }

    private void network(boolean offline) {
        HasNetworkConditions network = (HasNetworkConditions) driver;
        if (offline) {
            ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            network.setNetworkConditions(conditions);
        } else {
            network.deleteNetworkConditions();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aCodeHolderIsRegisteredWithThreeInputsScanTemperatureSubmit() throws Exception {
        Person first = newPerson("赵建国");
        Person holder = newPerson("钱秀英");
        signIn("officer1", "demo");
        driver.get(base() + "/checkpoints/KK01/passages/new");
        js().executeScript("localStorage.clear();");
        driver.manage().logs().get(LogType.BROWSER);
        openForm("");

        // the shift's first passage: the officer picks where people come from and go to, once
        countInputs();
        pickPlaces();
        FakeCamera.film(HealthCodeQr.matrix(first.token()), video);
        WebElement result = scan(0);
        assertThat(result.getAttribute("data-valid")).isEqualTo("true");
        assertThat(result.getAttribute("data-source")).as("online, the server's answer stands").isEqualTo("online");
        assertThat(result.findElement(By.className("hc-colour-name")).getText()).isEqualTo("绿码");
        driver.findElement(By.name("occupants[0].temperature")).sendKeys("36.5");
        long firstPassage = submit();
        List<String> firstInputs = inputs();
        assertThat(firstInputs).containsExactly("pick originProvince", "pick originCity", "pick originCounty", "pick destinationTown",
                "pick destinationArea", "tap scan-code big", "type occupants[0].temperature", "tap submit-passage");
        Map<String, Object> row = stored(firstPassage);
        assertThat(row.get("name")).isEqualTo(first.name());
        assertThat(row.get("health_code_id")).isEqualTo(first.codeId());
        assertThat(row.get("origin_code")).isEqualTo("610802");
        assertThat(row.get("destination_code")).isEqualTo(RESIDENCE);

        // the next person: origin and destination come from this phone's last passage
        driver.findElement(By.id("next-passage")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("places-remembered")));
        assertThat(driver.findElement(By.id("places-remembered")).getText()).isEqualTo("已填入本机上次登记的来源地和目的地，请核对");
        assertThat(new Select(driver.findElement(By.id("originCounty"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("610802");
        assertThat(new Select(driver.findElement(By.id("destinationArea"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(RESIDENCE);
        waitForSync();
        assertThat(driver.findElement(By.id("hc-sync")).getText()).startsWith("离线核验数据（公钥、作废名单）更新于 ");
        assertThat(identityShown(0)).isTrue();
        assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("CAR");
        FakeCamera.film(HealthCodeQr.matrix(holder.token()), video);
        countInputs();

        // 1: scan
        long tapped = System.nanoTime();
        result = scan(0);
        long shownMillis = (System.nanoTime() - tapped) / 1_000_000;
        String offlineMillis = card(0).getAttribute("data-offline-ms");
        assertThat(result.getAttribute("data-valid")).isEqualTo("true");
        assertThat(result.getAttribute("class")).contains("hc-GREEN");
        assertThat(result.findElement(By.className("hc-colour-name")).getText()).isEqualTo("绿码");
        assertThat(result.findElement(By.className("hc-verdict")).getText()).isEqualTo("健康码有效");
        assertThat(result.findElement(By.className("hc-disposition")).getText()).isEqualTo("体温正常即放行");
        assertThat(result.findElement(By.className("hc-facts")).getText())
                .contains("持码人").contains(holder.maskedName()).contains("出生年份").contains(String.valueOf(holder.birthYear()))
                .contains("有效期至").doesNotContain(holder.idNumber()).doesNotContain(holder.phone());
        assertThat(holder.maskedName()).isNotEqualTo(holder.name());
        assertThat(result.findElement(By.className("hc-source")).getText()).isEqualTo("联网核验");
        assertThat(result.findElement(By.className("hc-colour")).getSize().getHeight()).as("a large colour block").isGreaterThanOrEqualTo(50);
        assertThat(healthCode(0)).as("the code goes with the form").isEqualTo(holder.token());
        assertThat(identityShown(0)).as("name, ID and phone come from the registry").isFalse();
        assertThat(card(0).findElement(By.className("hc-type-instead")).getText()).isEqualTo("改为手动填写");
        assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value"))
                .as("no plate typed: a pedestrian").isEqualTo("PEDESTRIAN");
        assertThat(focused()).as("the temperature is next").isEqualTo("occupants[0].temperature");
        screenshot("health-code-1-green-scanned");

        // 2: the temperature, into the focused field
        driver.switchTo().activeElement().sendKeys("36.6");
        // 3: submit
        long passage = submit();
        long storedMillis = (System.nanoTime() - tapped) / 1_000_000;
        screenshot("health-code-2-registered");
        List<String> counted = inputs();
        assertThat(counted).as("the officer's inputs").hasSizeLessThanOrEqualTo(3)
                .containsExactly("tap scan-code big", "type occupants[0].temperature", "tap submit-passage");

        row = stored(passage);
        assertThat(row.get("name")).as("the registered holder").isEqualTo(holder.name());
        assertThat(row.get("health_code_id")).isEqualTo(holder.codeId());
        assertThat(row.get("health_code_color")).isEqualTo("GREEN");
        assertThat(row.get("disposition")).isEqualTo("RELEASED");
        assertThat(row.get("temperature").toString()).isEqualTo("36.6");
        assertThat(row.get("vehicle_type")).isEqualTo("PEDESTRIAN");
        assertThat(row.get("plate_number")).isNull();
        assertThat(row.get("direction")).isEqualTo("ENTERING");
        assertThat(row.get("origin_code")).isEqualTo("610802");
        assertThat(row.get("destination_code")).isEqualTo(RESIDENCE);
        assertThat(row.get("recorded_by")).isEqualTo("officer1");
        assertThat(driver.findElement(By.cssSelector(".occupant-results .result")).getAttribute("class")).contains("disp-RELEASED");

        System.out.println("Health code scan: first passage of the shift " + firstInputs.size() + " inputs " + firstInputs
                + "; code holder " + counted.size() + " inputs " + counted + "; tap → colour shown " + shownMillis
                + " ms (of which the offline check " + offlineMillis + " ms), tap → passage stored " + storedMillis + " ms; token "
                + holder.token().length() + " characters, QR version " + HealthCodeQr.version(holder.token()));
        collect("passage form with a scanned code");
        assertThat(problems).isEmpty();
    }

    @Test
    void offlineTheCachedKeysAndRevocationsRefuseARevokedOrForgedCodeAndAValidOneStillVerifies() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = withCheck(String.format("610881%d%02d%02d%03d", 1950 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000)));
        String phone = "137" + String.format("%08d", r.nextInt(100_000_000));
        Person green = declare("孙丽华", id, phone, List.of());
        // the same person declares a fever: red, and the green code is revoked
        Person red = declare("孙丽华", id, phone, List.of("FEVER"));
        assertThat(red.codeId()).isNotEqualTo(green.codeId());
        assertThat(claims(red.token())).contains("\"col\":\"red\"");
        assertThat(codes.verify(green.token()).problem()).as("the server's view").isEqualTo("REVOKED");
        // a red holder's forgery: the payload made green, the signature kept
        String[] parts = red.token().split("\\.");
        String forgedClaims = claims(red.token()).replace("\"col\":\"red\"", "\"col\":\"green\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forgedClaims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(codes.verify(forged).problem()).isEqualTo("BAD_SIGNATURE");

        signIn("officer1", "demo");
        driver.get(base() + "/checkpoints/KK01/passages/new?lang=en");
        js().executeScript("localStorage.clear();");
        driver.manage().logs().get(LogType.BROWSER);
        // online, the page caches the keys and the revocations (the green code's id among them)
        openForm("?lang=en");
        assertThat(driver.findElement(By.id("hc-sync")).getText()).startsWith("Offline verification data (keys, revoked codes) as of ");
        pickPlaces();

        network(true);
        String offlineMillis;
        try {
            offlineMillis = offline(green, red, forged);
        } finally {
            network(false);
        }

        // back online, a car with a plate (the vehicle type follows), registered: the fever clinic
        waiting().until(d -> Boolean.TRUE.equals(js().executeScript("return navigator.onLine;")));
        String plate = "陕K" + (10000 + r.nextInt(89999));
        driver.findElement(By.id("plateNumber")).sendKeys(plate);
        assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value"))
                .as("a plate typed: the vehicle type the form had").isEqualTo("CAR");
        // a mistyped temperature: the form comes back, and the page checks its code again (online now)
        driver.findElement(By.name("occupants[0].temperature")).sendKeys("45");
        driver.findElement(By.id("submit-passage")).click();
        // the page's script sends the form first (offline.js) and, refused, posts it so that the server shows it again
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        WebElement again = waiting().until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("fieldset.occupant .hc-result[data-valid]:not(.hc-pending)"));
            return shown.isEmpty() ? null : shown.get(0);
        });
        assertThat(driver.findElement(By.id("form-errors")).isDisplayed()).isTrue();
        assertThat(again.getAttribute("data-source")).isEqualTo("online");
        assertThat(again.getAttribute("class")).contains("hc-RED");
        assertThat(healthCode(0)).isEqualTo(red.token());
        assertThat(identityShown(0)).isFalse();
        assertThat(driver.findElement(By.id("plateNumber")).getAttribute("value")).isEqualTo(plate);
        screenshot("health-code-6-form-again-en");
        WebElement temperature = driver.findElement(By.name("occupants[0].temperature"));
        temperature.clear();
        temperature.sendKeys("36.4");
        long passage = submit();
        screenshot("health-code-7-red-registered-en");
        Map<String, Object> row = stored(passage);
        assertThat(row.get("name")).isEqualTo(red.name());
        assertThat(row.get("health_code_id")).isEqualTo(red.codeId());
        assertThat(row.get("health_code_color")).isEqualTo("RED");
        assertThat(row.get("disposition")).as("a red code: the fever clinic, whatever the temperature").isEqualTo("FEVER_REFERRAL");
        assertThat(row.get("vehicle_type")).isEqualTo("CAR");
        assertThat(row.get("plate_number")).isEqualTo(plate);
        System.out.println("Health code scan offline: the red code verified in the browser in " + offlineMillis + " ms");
        collect("passage form offline (en)");
        assertThat(problems).isEmpty();
    }

    @Test
    void aValidCodeOfATrustedCityIsShownWithItsIssuerButNotSentAndOfflineItCannotBeVerified() throws Exception {
        // another city's issuer, trusted by the administrator from its published key
        KeyPair city = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = city.getPublic().getEncoded();   // X.509: the raw 32-byte key is at the end
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        String kid = "yl-" + UUID.randomUUID().toString().substring(0, 8);
        String issuer = "CN-610800-TEST-" + kid;
        CordonUser admin = accounts.loadUserByUsername("admin");
        List<HealthCodeKeyManagement.TrustedKeyView> trusted = keys.trust(admin, issuer, "榆林市健康码（测试）",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\"" + x + "\"}]}");
        assertThat(trusted).hasSize(1);
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}");
        String payload = b64("{\"iss\":\"" + issuer + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"col\":\"yellow\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"nam\":\"周*\",\"yob\":1985}");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(city.getPrivate());
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String token = header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        try {
            assertThat(codes.verify(token).valid()).as("the server's view").isTrue();
            signIn("officer1", "demo");
            driver.get(base() + "/checkpoints/KK01/passages/new");
            js().executeScript("localStorage.clear();");
            driver.manage().logs().get(LogType.BROWSER);
            openForm("");
            FakeCamera.film(HealthCodeQr.matrix(token), video);
            WebElement result = scan(0);
            assertThat(result.getAttribute("data-valid")).isEqualTo("true");
            assertThat(result.getAttribute("data-source")).isEqualTo("online");
            assertThat(result.getAttribute("class")).contains("hc-YELLOW");
            assertThat(result.findElement(By.className("hc-colour-name")).getText()).isEqualTo("黄码");
            assertThat(result.findElement(By.className("hc-tag")).getText()).isEqualTo("外地健康码");
            assertThat(result.findElement(By.className("hc-disposition")).getText()).isEqualTo("居家医学观察，移交目的地网格员");
            assertThat(result.findElement(By.className("hc-facts")).getText()).contains("发码方").contains("榆林市健康码（测试）")
                    .contains("周*").contains("1985");
            assertThat(result.findElement(By.className("hc-reason")).getText()).isEqualTo("外地健康码有效，但持码人未在本市登记：请手动填写身份信息");
            assertThat(result.findElements(By.className("hc-type-instead"))).isEmpty();
            assertThat(healthCode(0)).as("its holder is not registered here: not sent").isEmpty();
            assertThat(identityShown(0)).isTrue();
            assertThat(focused()).isEqualTo("occupants[0].idNumber");
            assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("CAR");
            // leaving the city, a yellow code proposes nothing more than release
            driver.findElement(By.cssSelector("input[name='direction'][value='LEAVING']")).click();
            assertThat(card(0).findElement(By.className("hc-disposition")).getText()).isEqualTo("体温正常即放行");
            screenshot("health-code-8-other-city");

            network(true);
            try {
                waiting().until(d -> Boolean.FALSE.equals(js().executeScript("return navigator.onLine;")));
                result = scan(0);
                assertThat(result.getAttribute("data-problem")).isEqualTo("FOREIGN_OFFLINE");
                assertThat(result.findElement(By.className("hc-reason")).getText())
                        .isEqualTo("外地健康码只能联网核验：请联网后重新扫码，或手动填写身份信息");
                assertThat(result.findElement(By.className("hc-source")).getText()).isEqualTo("离线核验");
                assertThat(healthCode(0)).isEmpty();
            } finally {
                network(false);
            }
            collect("passage form, another city's code");
            assertThat(problems).isEmpty();
        } finally {
            keys.distrust(admin, trusted.get(0).id());
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Offline: the valid red code verifies, "type instead", the revoked green code and the forgery are refused. */
    private String offline(Person green, Person red, String forged) throws Exception {
        waiting().until(d -> Boolean.FALSE.equals(js().executeScript("return navigator.onLine;")));
        // the valid red code verifies offline
        FakeCamera.film(HealthCodeQr.matrix(red.token()), video);
        WebElement result = scan(0);
        assertThat(result.getAttribute("data-valid")).isEqualTo("true");
        assertThat(result.getAttribute("data-source")).isEqualTo("offline");
        assertThat(result.getAttribute("class")).contains("hc-RED");
        assertThat(result.findElement(By.className("hc-colour-name")).getText()).isEqualTo("Red");
        assertThat(result.findElement(By.className("hc-verdict")).getText()).isEqualTo("Code valid");
        assertThat(result.findElement(By.className("hc-disposition")).getText()).isEqualTo("Refer to the fever clinic (escorted)");
        assertThat(result.findElement(By.className("hc-facts")).getText()).contains("Holder").contains(red.maskedName())
                .contains("Year of birth").contains(String.valueOf(red.birthYear())).contains("Valid until");
        assertThat(result.findElement(By.className("hc-source")).getText()).isEqualTo("Verified offline");
        assertThat(healthCode(0)).isEqualTo(red.token());
        assertThat(identityShown(0)).isFalse();
        String offlineMillis = card(0).getAttribute("data-offline-ms");
        screenshot("health-code-3-red-offline-en");

        // "type instead" gives the inputs back and takes the code out of the form
        card(0).findElement(By.className("hc-type-instead")).click();
        assertThat(card(0).findElements(By.className("hc-result"))).isEmpty();
        assertThat(healthCode(0)).isEmpty();
        assertThat(identityShown(0)).isTrue();
        assertThat(focused()).isEqualTo("occupants[0].idNumber");
        assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value"))
                .as("no code holder left: the vehicle type the form had").isEqualTo("CAR");

        // the revoked green code is refused offline, from the cached revocation list
        FakeCamera.film(HealthCodeQr.matrix(green.token()), video);
        result = scan(0);
        assertThat(result.getAttribute("data-valid")).isEqualTo("false");
        assertThat(result.getAttribute("data-problem")).isEqualTo("REVOKED");
        assertThat(result.getAttribute("data-source")).isEqualTo("offline");
        assertThat(result.getAttribute("class")).contains("hc-refused").doesNotContain("hc-GREEN");
        assertThat(result.findElements(By.className("hc-colour-name"))).as("a refused code shows no colour").isEmpty();
        assertThat(result.findElement(By.className("hc-verdict")).getText()).isEqualTo("Code refused");
        assertThat(result.findElement(By.className("hc-reason")).getText())
                .isEqualTo("The code was revoked (its colour changed); the holder must refresh it");
        assertThat(result.findElement(By.className("hc-source")).getText()).isEqualTo("Verified offline");
        assertThat(healthCode(0)).as("a refused code is not sent").isEmpty();
        assertThat(identityShown(0)).as("typing stays").isTrue();
        assertThat(focused()).isEqualTo("occupants[0].idNumber");
        screenshot("health-code-4-revoked-offline-en");

        // the forged one: a bad signature
        FakeCamera.film(HealthCodeQr.matrix(forged), video);
        result = scan(0);
        assertThat(result.getAttribute("data-problem")).isEqualTo("BAD_SIGNATURE");
        assertThat(result.findElement(By.className("hc-reason")).getText()).isEqualTo("Invalid signature: the code was tampered with");
        assertThat(result.findElement(By.className("hc-source")).getText()).isEqualTo("Verified offline");
        assertThat(healthCode(0)).isEmpty();
        screenshot("health-code-5-forged-offline-en");

        // the red code again, to be registered
        FakeCamera.film(HealthCodeQr.matrix(red.token()), video);
        result = scan(0);
        assertThat(result.getAttribute("data-source")).isEqualTo("offline");
        assertThat(healthCode(0)).isEqualTo(red.token());
        assertThat(new Select(driver.findElement(By.id("vehicleType"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("PEDESTRIAN");
        return offlineMillis;
    }
}
