package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.cordon.healthcode.Declared;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.cordon.observation.EpisodeKind;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.EpisodeReason;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The installable field app in a real browser (Chromium, 390×844; the network cut with the DevTools protocol's offline
 * emulation): three passages registered without network are kept on the phone, survive a reload that the service worker
 * answers from its copy, and are stored exactly once each when the network returns; a session that expires while the
 * officer types keeps the form, and signing in again sends it; a queued passage the server rejects comes back for
 * correction with the server's message; a grid worker's check entered offline is stored once; signing out with records
 * unsent asks first and then leaves nothing on the phone.
 */
class OfflineFieldAppBrowserTests extends BrowserTestSupport {

    static final String RESIDENCE = "610881106201";
    static final Pattern PASSAGE = Pattern.compile("/passages/(\\d+)");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegistryManagement registry;

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    HealthCodeManagement codes;

    final List<String> problems = new ArrayList<>();

    // ------------------------------------------------------------------ the page

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private void network(boolean offline) {
        setOffline(offline);
    }

    /** Console errors and policy refusals; a request refused while offline is what offline is. */
    private void collect(String page) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String m = entry.getMessage();
            if (m.contains("ERR_INTERNET_DISCONNECTED") || m.contains("Failed to fetch") || m.contains("/checkpoints/lookup")) {
                continue;
            }
            // a refused record: the script reads the 400 and keeps the record for correction
            if (m.contains("/queued - Failed to load resource: the server responded with a status of 400")) {
                continue;
            }
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || m.contains("Content Security Policy")
                    || m.contains("Refused to") || m.contains("Uncaught")) {
                problems.add(page + ": " + m);
            }
        }
    }

    private WebElement bar() {
        return driver.findElement(By.id("field-status"));
    }

    private int waitingOnThePhone() {
        String n = bar().getAttribute("data-waiting");
        return n == null ? -1 : Integer.parseInt(n);
    }

    /** Opens a field page online and waits until the service worker controls it and has kept it and its files. */
    private void openOnline(String path) {
        driver.get(base() + path);
        waiting().until(d -> "true".equals(bar().getAttribute("data-offline-ready")));
        waiting().until(d -> Boolean.TRUE.equals(js().executeScript("return !!navigator.serviceWorker.controller;")));
    }

    private void pickPlaces() {
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("6108");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCounty option[value='610802']")));
        new Select(driver.findElement(By.id("originCounty"))).selectByValue("610802");
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationArea option[value='" + RESIDENCE + "']")));
        new Select(driver.findElement(By.id("destinationArea"))).selectByValue(RESIDENCE);
    }

    private static String plate() {
        return "陕K" + (10000 + ThreadLocalRandom.current().nextInt(89999));
    }

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private void fill(String plate, String name, String idNumber, String temperature) {
        driver.findElement(By.id("plateNumber")).sendKeys(plate);
        driver.findElement(By.name("occupants[0].idNumber")).sendKeys(idNumber);
        driver.findElement(By.name("occupants[0].name")).sendKeys(name);
        driver.findElement(By.name("occupants[0].phone")).sendKeys(phone());
        driver.findElement(By.name("occupants[0].temperature")).sendKeys(temperature);
    }

    private String clientId() {
        return driver.findElement(By.name("clientId")).getAttribute("value");
    }

    /** The client ids of the records this page lists as kept on the phone (read at once: the list is redrawn as it changes). */
    @SuppressWarnings("unchecked")
    private List<String> queued() {
        return (List<String>) js().executeScript("return Array.prototype.map.call(document.querySelectorAll("
                + "'#offline-queue li[data-client-id]'), function (li) { return li.getAttribute('data-client-id'); });");
    }

    private long stored(String clientId) {
        return jdbc.sql("select count(*) from passage where client_id = ?::uuid").param(clientId).query(Long.class).single();
    }

    private long passageId() {
        Matcher m = PASSAGE.matcher(driver.getCurrentUrl());
        assertThat(m.find()).as(driver.getCurrentUrl()).isTrue();
        return Long.parseLong(m.group(1));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void threePassagesRegisteredOfflineSurviveAReloadAndAreStoredOnceEachWhenTheNetworkReturns() throws Exception {
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        driver.manage().logs().get(LogType.BROWSER);
        assertThat(bar().isDisplayed()).isTrue();
        assertThat(bar().findElement(By.className("fs-network")).getText()).isEqualTo("在线");
        int before = waitingOnThePhone();
        // the shift's first passage: the places are picked once, while the network is there
        pickPlaces();

        network(true);
        List<String> ids = new ArrayList<>();
        List<String> plates = new ArrayList<>();
        Instant cut = Instant.now();
        try {
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    // the form again, from the phone's copy, with this phone's last origin and destination filled in
                    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("places-remembered")));
                    assertThat(new Select(driver.findElement(By.id("originCounty"))).getFirstSelectedOption().getAttribute("value"))
                            .isEqualTo("610802");
                    assertThat(new Select(driver.findElement(By.id("destinationArea"))).getFirstSelectedOption().getAttribute("value"))
                            .isEqualTo(RESIDENCE);
                }
                String id = clientId();
                assertThat(ids).as("every form of the copy gets a new clientId").doesNotContain(id);
                ids.add(id);
                String plate = plate();
                plates.add(plate);
                fill(plate, "离线" + "甲乙丙".charAt(i), IntegrationTestSupport.randomIdNumber(), "36." + (4 + i));
                if (i == 0) {
                    screenshot("offline-1-form-offline");
                }
                driver.findElement(By.id("submit-passage")).click();
                int expected = before + i + 1;
                waiting().until(d -> {
                    try {
                        return waitingOnThePhone() == expected && !clientId().equals(id);
                    } catch (org.openqa.selenium.StaleElementReferenceException e) {
                        return false;
                    }
                });
                assertThat(bar().getAttribute("data-online")).isEqualTo("false");
                assertThat(driver.findElement(By.className("fs-message")).getText()).startsWith("网络不通：已保存在本机");
                assertThat(queued()).contains(id);
            }
            screenshot("offline-2-three-waiting");
            assertThat(bar().findElement(By.className("fs-count")).getText()).isEqualTo("本机待发送 " + (before + 3) + " 条");

            // the phone is reloaded without network: the service worker answers with its copy, the records are still there
            driver.navigate().refresh();
            waiting().until(d -> bar().isDisplayed() && waitingOnThePhone() == before + 3);
            waiting().until(d -> bar().findElement(By.className("fs-network")).getText().contains("本机保存的页面"));
            assertThat(bar().findElement(By.className("fs-network")).getText()).startsWith("离线");
            assertThat(queued()).containsAll(ids);
            assertThat(driver.findElement(By.id("offline-queue")).getText()).contains(plates.get(0)).contains("待发送");
            screenshot("offline-3-reloaded-offline");
            for (String id : ids) {
                assertThat(stored(id)).as("nothing reached the server while offline").isZero();
            }
        } finally {
            network(false);
        }
        Instant back = Instant.now();

        // the network returns: the page sends what it kept, each once
        waiting().until(d -> waitingOnThePhone() == before);
        long sentMillis = Duration.between(back, Instant.now()).toMillis();
        assertThat(driver.findElement(By.className("fs-message")).getText()).contains("已发送");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = jdbc.sql("select count(*) as n, min(plate_number) as plate, min(recorded_at) as at, min(recorded_by) as by "
                    + "from passage where client_id = ?::uuid").param(ids.get(i)).query().singleRow();
            assertThat(((Number) row.get("n")).longValue()).as("passage %d stored exactly once", i + 1).isEqualTo(1);
            assertThat(row.get("plate")).isEqualTo(plates.get(i));
            assertThat(row.get("by")).isEqualTo("officer1");
            Instant at = ((Timestamp) row.get("at")).toInstant();
            assertThat(at).as("the time it was captured, not sent").isBetween(cut.minusSeconds(5), back);
        }
        // sending again (another tab, a lost answer) changes nothing: the button sends nothing more, the server has each once
        js().executeScript("document.querySelector('.fs-send').hidden = false; document.querySelector('.fs-send').click();");
        Thread.sleep(500);
        for (String id : ids) {
            assertThat(stored(id)).isEqualTo(1);
        }
        driver.get(base() + "/checkpoints/KK01/passages");
        WebElement table = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("passages-table")));
        for (String plate : plates) {
            assertThat(table.getText()).contains(plate);
        }
        assertThat(driver.findElement(By.id("offline-queue")).isDisplayed()).isFalse();
        screenshot("offline-4-sent-list");
        System.out.println("Offline field app: 3 passages kept offline, the page reloaded offline from the service worker's copy, "
                + "network back → all 3 stored once each in " + sentMillis + " ms");
        collect("offline passages");
        assertThat(problems).isEmpty();
    }

    @Test
    void aSessionThatExpiresDuringEntryKeepsTheFormAndSendsItAfterSigningIn() throws Exception {
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        pickPlaces();
        String plate = plate();
        String id = IntegrationTestSupport.randomIdNumber();
        fill(plate, "会话过期", id, "36.7");
        String clientId = clientId();
        // the session ends while the officer types (its cookie is gone: as after a timeout or a server restart)
        driver.manage().deleteCookieNamed("JSESSIONID");
        driver.findElement(By.id("submit-passage")).click();
        WebElement prompt = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.className("fs-signin")));
        assertThat(prompt.getText()).contains("登录已过期");
        assertThat(driver.findElement(By.className("fs-message")).getText()).contains("已保存在本机，没有丢失");
        // nothing was lost: the form is as typed, the record kept on the phone
        assertThat(driver.getCurrentUrl()).endsWith("/checkpoints/KK01/passages/new");
        assertThat(driver.findElement(By.id("plateNumber")).getAttribute("value")).isEqualTo(plate);
        assertThat(driver.findElement(By.name("occupants[0].idNumber")).getAttribute("value")).isEqualTo(id);
        assertThat(driver.findElement(By.name("occupants[0].temperature")).getAttribute("value")).isEqualTo("36.7");
        assertThat(queued()).contains(clientId);
        assertThat(driver.findElement(By.cssSelector("#offline-queue li[data-client-id='" + clientId + "']")).getAttribute("data-state"))
                .isEqualTo("signin");
        assertThat(stored(clientId)).isZero();
        screenshot("offline-5-session-expired");

        // sign in again: back to the form, the record restored and sent
        prompt.findElement(By.tagName("a")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-kept")));
        driver.findElement(By.id("username")).sendKeys("officer1");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        long passage = passageId();
        Map<String, Object> row = jdbc.sql("select p.client_id::text as client, p.plate_number, o.temperature, o.name from passage p "
                + "join occupant o on o.passage_id = p.id where p.id = ?").param(passage).query().singleRow();
        assertThat(row.get("client")).isEqualTo(clientId);
        assertThat(row.get("plate_number")).isEqualTo(plate);
        assertThat(row.get("temperature").toString()).isEqualTo("36.7");
        assertThat(stored(clientId)).isEqualTo(1);
        waiting().until(d -> waitingOnThePhone() == 0 || !queued().contains(clientId));
        screenshot("offline-6-sent-after-sign-in");
    }

    @Test
    void aQueuedPassageTheServerRejectsComesBackForCorrection() throws Exception {
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        pickPlaces();
        network(true);
        String clientId;
        String plate = plate();
        Instant captured;
        try {
            clientId = clientId();
            // 45 °C: mistyped; only the server knows the valid range
            fill(plate, "退回修改", IntegrationTestSupport.randomIdNumber(), "45");
            captured = Instant.now();
            driver.findElement(By.id("submit-passage")).click();
            waiting().until(d -> {
                try {
                    return queued().contains(clientId);
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                }
            });
        } finally {
            network(false);
        }
        // sent when the network returns, and rejected: kept, marked for correction, with the server's message
        WebElement item = waiting().until(d -> {
            List<WebElement> li = d.findElements(By.cssSelector("#offline-queue li[data-client-id='" + clientId + "'][data-state='rejected']"));
            return li.isEmpty() ? null : li.get(0);
        });
        assertThat(item.getText()).contains("需修改").contains(plate).contains("体温");
        assertThat(bar().getText()).contains("服务器退回 1 条记录");
        assertThat(stored(clientId)).isZero();
        js().executeScript("arguments[0].scrollIntoView()", item);
        screenshot("offline-7-rejected");

        item.findElement(By.className("oq-correct")).click();
        WebElement message = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("occupants-0-temperature-error")));
        assertThat(message.getText()).isNotBlank();
        WebElement temperature = driver.findElement(By.name("occupants[0].temperature"));
        assertThat(temperature.getAttribute("value")).isEqualTo("45");
        assertThat(temperature.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(temperature.getAttribute("aria-describedby")).contains("occupants-0-temperature-error");
        assertThat(driver.findElement(By.id("form-errors")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("plateNumber")).getAttribute("value")).isEqualTo(plate);
        assertThat(clientId()).isEqualTo(clientId);
        waiting().until(d -> "610802".equals(new Select(d.findElement(By.id("originCounty"))).getFirstSelectedOption().getAttribute("value")));
        assertThat(new Select(driver.findElement(By.id("destinationArea"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(RESIDENCE);
        assertThat(bar().getText()).contains("正在修改本机保存的记录");
        screenshot("offline-8-correcting");

        temperature.clear();
        temperature.sendKeys("36.8");
        driver.findElement(By.id("submit-passage")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        Map<String, Object> row = jdbc.sql("select count(*) as n, min(recorded_at) as at from passage where client_id = ?::uuid")
                .param(clientId).query().singleRow();
        assertThat(((Number) row.get("n")).longValue()).isEqualTo(1);
        assertThat(((Timestamp) row.get("at")).toInstant()).as("corrected, it keeps the time it was captured")
                .isBetween(captured.minusSeconds(5), captured.plusSeconds(5));
        waiting().until(d -> waitingOnThePhone() == 0);
    }

    @Test
    void aGridWorkersCheckEnteredOfflineIsStoredOnce() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        CordonUser admin = new CordonUser(0, "test-setup", null, "test", Role.ADMIN, Jurisdiction.area("610881"), true);
        String name = "离" + "线" + (char) ('甲' + ThreadLocalRandom.current().nextInt(50));
        RegistryManagement.Registration r = registry.registerReturnee(admin, new ReturneeRequest(UUID.randomUUID().toString(), name,
                "RESIDENT_ID", IntegrationTestSupport.randomIdNumber(), null, phone(), "420102", null, today.minusDays(1), "TRAIN",
                "G402", null, RESIDENCE, null));
        long episode = episodes.startEpisode(r.returnee().person().id(), r.returnee().id(), EpisodeKind.HOME, null, RESIDENCE,
                EpisodeReason.RISK_ARRIVAL, today.minusDays(1), "grid1", "returnee:" + r.returnee().id());

        signIn("grid1", "demo");
        // the work list, online: it and the check pages it links to are kept on the phone
        openOnline("/observation");
        driver.manage().logs().get(LogType.BROWSER);
        network(true);
        String clientId;
        try {
            driver.get(base() + "/observation");
            waiting().until(d -> bar().isDisplayed() && "false".equals(bar().getAttribute("data-online")));
            driver.findElement(By.cssSelector("#work-list a[href$='/observation/episodes/" + episode + "']")).click();
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("check-form")));
            waiting().until(d -> bar().findElement(By.className("fs-network")).getText().contains("本机保存的页面"));
            new Select(driver.findElement(By.id("check-slot"))).selectByValue("EVENING");
            driver.findElement(By.id("check-temperature")).sendKeys("36.7");
            clientId = driver.findElement(By.cssSelector("#check-form input[name='clientId']")).getAttribute("value");
            driver.findElement(By.id("submit-check")).click();
            waiting().until(d -> queued().contains(clientId));
            assertThat(bar().getText()).contains("网络不通：已保存在本机");
            assertThat(driver.findElement(By.id("check-temperature")).getAttribute("value")).as("ready for the next").isEmpty();
            assertThat(driver.findElement(By.cssSelector("#check-form input[name='clientId']")).getAttribute("value")).isNotEqualTo(clientId);
            assertThat(driver.findElement(By.id("offline-queue")).getText()).contains("36.7").contains("待发送");
            screenshot("offline-9-check-offline");
            driver.navigate().refresh();
            waiting().until(d -> queued().contains(clientId));
        } finally {
            network(false);
        }
        waiting().until(d -> !queued().contains(clientId));
        Map<String, Object> row = jdbc.sql("select count(*) as n, min(temperature) as t, min(slot) as slot from observation_check "
                + "where client_id = ?::uuid and episode_id = ?").param(clientId).param(episode).query().singleRow();
        assertThat(((Number) row.get("n")).longValue()).isEqualTo(1);
        assertThat(row.get("t").toString()).isEqualTo("36.7");
        assertThat(row.get("slot")).isEqualTo("EVENING");
        assertThat(jdbc.sql("select count(*) from observation_check where episode_id = ? and not missed").param(episode).query(Long.class).single())
                .isEqualTo(1);
        driver.navigate().refresh();
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("checks-table"))).getText()).contains("36.7 °C");
        collect("offline check");
        assertThat(problems).isEmpty();
    }

    @Test
    void signingOutWithRecordsUnsentAsksFirstAndThenLeavesNothingOnThePhone() throws Exception {
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        pickPlaces();
        fill(plate(), "退出登录", IntegrationTestSupport.randomIdNumber(), "36.5");
        String clientId = clientId();
        driver.manage().deleteCookieNamed("JSESSIONID");
        driver.findElement(By.id("submit-passage")).click();
        waiting().until(d -> queued().contains(clientId));
        // the sign-in prompt stays; the officer signs out instead (earlier tests may have left records of their own)
        String unsent = (String) js().executeScript("return localStorage.getItem('cordon.offline.unsent');");
        assertThat(Integer.parseInt(unsent)).isGreaterThanOrEqualTo(1);
        driver.findElement(By.cssSelector("#sign-out button")).click();
        Alert question = new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).contains("本机还有 " + unsent + " 条尚未发送").contains("删除");
        question.dismiss();
        assertThat(driver.getCurrentUrl()).endsWith("/passages/new");
        assertThat(queued()).contains(clientId);
        driver.findElement(By.cssSelector("#sign-out button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.urlContains("/login"));
        Object left = ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                // what the caches hold now: the sign-in page may have had its files kept again, never a page
                var pages = caches.keys().then(function (names) {
                  return Promise.all(names.map(function (n) {
                    return caches.open(n).then(function (c) { return c.keys(); }).then(function (keys) {
                      return keys.map(function (k) { return new URL(k.url).pathname; });
                    });
                  }));
                }).then(function (lists) { return [].concat.apply([], lists); });
                Promise.all([indexedDB.databases(), pages]).then(function (r) {
                  done({databases: r[0].map(function (d) { return d.name; }), kept: r[1],
                        storage: Object.keys(localStorage).filter(function (k) { return k.indexOf('cordon.') === 0; })});
                });""");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> kept = (Map<String, List<String>>) left;
        assertThat(kept.get("databases")).doesNotContain("cordon-offline");
        assertThat(kept.get("kept")).as("files of the sign-in page at most")
                .allMatch(p -> p.matches("/(css|js|vendor|webjars|icons)/.*|/manifest\\.webmanifest"));
        assertThat(kept.get("storage")).isEmpty();
        assertThat(stored(clientId)).isZero();
    }

    @Test
    void aRecordKeptLongerThanTheKeepingTimeIsDeletedAndTheOfficerIsTold() throws Exception {
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        String old = UUID.randomUUID().toString();
        // a record captured eight days ago that never found a network (cordon.offline.keep is 7 days)
        Object put = js().executeAsyncScript("""
                var id = arguments[0];
                var done = arguments[arguments.length - 1];
                idb.openDB('cordon-offline', 1).then(function (db) {
                  return db.put('records', {clientId: id, kind: 'passage', target: 'KK01', user: 'officer1',
                    url: '/checkpoints/KK01/passages/queued', page: '/checkpoints/KK01/passages/new', fields: [], labels: {},
                    summary: {plate: '陕K00000', people: 1}, captured: Date.now() - 8 * 24 * 3600 * 1000, state: 'rejected',
                    errors: {}, message: 'x'}).then(function () { db.close(); });
                }).then(function () { done(true); }, function (e) { done(String(e)); });""", old);
        assertThat(put).isEqualTo(true);
        // in English this time
        try {
            driver.get(base() + "/checkpoints/KK01/passages/new?lang=en");
            WebElement message = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.className("fs-message")));
            assertThat(message.getText()).isEqualTo("1 kept on this phone for more than 7 days without being sent were deleted from it");
            assertThat(queued()).doesNotContain(old);
            assertThat(bar().getAttribute("data-keep")).isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
            assertThat(bar().findElement(By.className("fs-network")).getText()).isEqualTo("Online");
            assertThat(bar().findElement(By.className("fs-count")).getText()).matches("Nothing waiting to be sent|\\d+ waiting on this phone to be sent");
            screenshot("offline-10-expired-en");
        } finally {
            driver.get(base() + "/checkpoints/KK01/passages/new?lang=zh_CN");
        }
    }

    @Test
    void aHealthCodeScannedOfflineTravelsAsItsTokenAndTheServerResolvesItsHolder() throws Exception {
        String idNumber = IntegrationTestSupport.randomIdNumber();
        Declared declared = codes.declare(new HealthDeclarationRequest(UUID.randomUUID(), "码离线", "RESIDENT_ID", idNumber, phone(),
                RESIDENCE, List.of(), null, List.of()), "10.74.0." + ThreadLocalRandom.current().nextInt(1, 250));
        String token = declared.code().token();
        signIn("officer1", "demo");
        openOnline("/checkpoints/KK01/passages/new");
        // the page keeps the keys and revocations for offline verification
        waiting().until(d -> "true".equals(d.findElement(By.id("hc-sync")).getAttribute("data-synced")));
        pickPlaces();
        network(true);
        String clientId = clientId();
        try {
            // what qr-scan.js does when the camera has read a code
            WebElement card = driver.findElement(By.cssSelector("#occupants fieldset.occupant"));
            js().executeScript("document.dispatchEvent(new CustomEvent('cordon:code-scanned', {detail: {row: arguments[0], text: arguments[1]}}));",
                    card, token);
            WebElement result = waiting().until(d -> {
                List<WebElement> r = d.findElements(By.cssSelector(".hc-result[data-valid='true'][data-source='offline']"));
                return r.isEmpty() ? null : r.get(0);
            });
            assertThat(result.getAttribute("class")).contains("hc-GREEN");
            driver.findElement(By.name("occupants[0].temperature")).sendKeys("36.6");
            driver.findElement(By.id("submit-passage")).click();
            waiting().until(d -> {
                try {
                    return queued().contains(clientId);
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                }
            });
        } finally {
            network(false);
        }
        waiting().until(d -> !queued().contains(clientId));
        Map<String, Object> row = jdbc.sql("""
                        select o.name, o.health_code_color, o.health_code_id, p.vehicle_type from occupant o
                        join passage p on p.id = o.passage_id where p.client_id = ?::uuid""").param(clientId).query().singleRow();
        assertThat(row.get("name")).as("the holder, from the registry").isEqualTo("码离线");
        assertThat(row.get("health_code_color")).isEqualTo("GREEN");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        Matcher jti = Pattern.compile("\"jti\":\"([^\"]+)\"").matcher(claims);
        assertThat(jti.find()).isTrue();
        assertThat(row.get("health_code_id")).isEqualTo(jti.group(1));
        assertThat(row.get("vehicle_type")).as("no plate: a pedestrian").isEqualTo("PEDESTRIAN");
        assertThat(stored(clientId)).isEqualTo(1);
    }
}
