package org.cordon.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.cordon.CordonApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Slow-network benchmark (not a test; run with {@code ./bench/slow-network [rounds]}): the main pages on an emulated
 * slow 3G link — Chromium's {@code Network.emulateNetworkConditions} through the DevTools protocol, 400 kbit/s down
 * and up, 400 ms latency — in headless Chromium on a phone-sized window (390×844).
 *
 * <p>Starts Cordon (demo profile) on a fresh embedded PostgreSQL (target/bench-slow-network-data) twice, on the same
 * data: first "before", with this changes switched off by properties ({@code server.compression.enabled=false},
 * {@code cordon.assets.fingerprint=false}: plain asset names and Spring Security's {@code no-store},
 * {@code cordon.dashboard.full-chart-library=true}: the whole ECharts), then "after" with the defaults. For each page
 * — the officer's passage form (officer1), the grid worker's work list (grid1), the public portal (nobody signed
 * in), the dashboard (commander) — it signs in without throttling, empties the browser's cache, switches the
 * throttling on and measures a first visit and then a repeat visit: the time from asking for the page until it is
 * usable (the load event, and on the dashboard all four charts drawn), and the bytes transferred (Resource Timing).
 * Medians over the rounds (default 3); ratios after / before and the targets (first visit below 3 s, repeat below
 * 1 s; dashboard below 5 s and 1.5 s).
 */
public final class SlowNetworkBenchmark {

    static final int LATENCY_MS = 400;
    static final int THROUGHPUT_BYTES = 400_000 / 8;   // 400 kbit/s

    record Page(String name, String user, String path, String loaded, double firstTarget, double repeatTarget) {
    }

    static final List<Page> PAGES = List.of(
            new Page("officer page (officer1, /checkpoints/KK01/passages/new)", "officer1", "/checkpoints/KK01/passages/new", "#passage-form", 3, 1),
            new Page("work list (grid1, /observation)", "grid1", "/observation", "main", 3, 1),
            new Page("portal (/portal)", null, "/portal", "#current-notices", 3, 1),
            new Page("dashboard (commander, /dashboard)", "commander", "/dashboard", "#dashboard", 5, 1.5));

    record Figures(double firstS, double repeatS, long firstBytes, long repeatBytes) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path data = Path.of("target", "bench-slow-network-data");
        Map<String, Map<Page, Figures>> results = new LinkedHashMap<>();
        results.put("before", run(data, true, rounds, List.of("--server.compression.enabled=false",
                "--cordon.assets.fingerprint=false", "--cordon.dashboard.full-chart-library=true")));
        results.put("after", run(data, false, rounds, List.of()));

        System.out.printf(Locale.ROOT, "%nSlow 3G (%d kbit/s down and up, %d ms latency), headless Chromium 390x844, median of %d rounds%n",
                THROUGHPUT_BYTES * 8 / 1000, LATENCY_MS, rounds);
        System.out.printf(Locale.ROOT, "%-58s %-7s %9s %10s %12s %13s%n", "page", "", "first s", "repeat s", "first bytes", "repeat bytes");
        for (Page page : PAGES) {
            for (String mode : results.keySet()) {
                Figures f = results.get(mode).get(page);
                System.out.printf(Locale.ROOT, "%-58s %-7s %9.2f %10.2f %,12d %,13d%n", page.name(), mode, f.firstS(), f.repeatS(),
                        f.firstBytes(), f.repeatBytes());
            }
            Figures before = results.get("before").get(page);
            Figures after = results.get("after").get(page);
            System.out.printf(Locale.ROOT, "%-58s %-7s %9.2f %10.2f %12.2f %13.2f   targets %.1f s / %.1f s: %s%n", "", "ratio",
                    after.firstS() / before.firstS(), after.repeatS() / before.repeatS(),
                    (double) after.firstBytes() / before.firstBytes(), (double) after.repeatBytes() / before.repeatBytes(),
                    page.firstTarget(), page.repeatTarget(),
                    after.firstS() < page.firstTarget() && after.repeatS() < page.repeatTarget() ? "met" : "MISSED");
        }
    }

    private static Map<Page, Figures> run(Path data, boolean fresh, int rounds, List<String> switches) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--cordon.data-dir=" + data,
                "--cordon.embedded-db.clean=" + fresh, "--logging.level.root=WARN",
                "--cordon.crypto.key=" + Base64.getEncoder().encodeToString(new byte[32])));
        args.addAll(switches);
        SpringApplication app = new SpringApplication(CordonApplication.class);
        app.setAdditionalProfiles("demo");
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        ChromeDriver driver = chromium();
        try {
            System.out.printf(Locale.ROOT, "%n%s %s%n", switches.isEmpty() ? "after (defaults)" : "before:", String.join(" ", switches));
            Map<Page, Figures> figures = new LinkedHashMap<>();
            for (Page page : PAGES) {
                List<Double> first = new ArrayList<>();
                List<Double> repeat = new ArrayList<>();
                List<Long> firstBytes = new ArrayList<>();
                List<Long> repeatBytes = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    throttle(driver, false);
                    driver.manage().deleteAllCookies();
                    if (page.user() != null) {
                        signIn(driver, base, page.user());
                    }
                    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                    driver.executeCdpCommand("Storage.clearDataForOrigin",
                            Map.of("origin", base, "storageTypes", "cache_storage,service_workers"));
                    throttle(driver, true);
                    first.add(visit(driver, base, page));
                    firstBytes.add(transferred(driver));
                    repeat.add(visit(driver, base, page));
                    repeatBytes.add(transferred(driver));
                    System.out.printf(Locale.ROOT, "  %s round %d: first %.2f s (%,d B), repeat %.2f s (%,d B)%n", page.name(), round + 1,
                            first.get(round), firstBytes.get(round), repeat.get(round), repeatBytes.get(round));
                }
                figures.put(page, new Figures(median(first), median(repeat), (long) median(firstBytes.stream().map(Long::doubleValue).toList()),
                        (long) median(repeatBytes.stream().map(Long::doubleValue).toList())));
            }
            return figures;
        } finally {
            driver.quit();
            context.close();
        }
    }

    private static ChromeDriver chromium() throws Exception {
        Path profile = Files.createTempDirectory("cordon-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.executeCdpCommand("Network.enable", Map.of());
        return driver;
    }

    private static void throttle(ChromeDriver driver, boolean on) {
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", on ? LATENCY_MS : 0, "downloadThroughput", on ? THROUGHPUT_BYTES : -1,
                "uploadThroughput", on ? THROUGHPUT_BYTES : -1));
    }

    private static void signIn(ChromeDriver driver, String base, String user) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** Seconds from asking for the page until it is usable: loaded, and on the dashboard its four charts drawn. */
    private static double visit(ChromeDriver driver, String base, Page page) {
        long t = System.nanoTime();
        driver.get(base + page.path());   // returns after the load event
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(20));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(page.loaded())));
        if (page.path().equals("/dashboard")) {
            wait.until(d -> d.findElements(By.cssSelector(".dash-chart canvas")).size() == 4);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** Bytes the page's visit transferred: the document and everything it loaded, headers included. */
    private static long transferred(ChromeDriver driver) {
        String json = (String) ((JavascriptExecutor) driver).executeScript("""
                var nav = performance.getEntriesByType('navigation')[0];
                return JSON.stringify([nav.transferSize].concat(performance.getEntriesByType('resource')
                  .map(function (r) { return r.transferSize; })));""");
        List<Number> sizes = JsonPath.read(json, "$");
        return sizes.stream().mapToLong(Number::longValue).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
