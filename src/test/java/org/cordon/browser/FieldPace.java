package org.cordon.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Counts what a flow costs a person in the browser — the figures of {@code bench/field-pace}: <b>inputs</b> (one tap,
 * one choice or one field filled in; the test calls {@link #tap}, {@link #type} or {@link #input} for each) and
 * <b>page loads</b> (top-level documents loaded, counted by a script DevTools puts in every new document of the
 * session, so htmx or fetch requests are not page loads) and <b>submits</b> (forms sent, whether as a page load or by
 * htmx/fetch: counted by the same script on the {@code submit} event).
 *
 * <p>{@link #record} prints a line {@code FIELD-PACE flow metric value} and writes {@code target/field-pace/FLOW.properties},
 * which {@code bench/field-pace} collects into its table. A flow measured the old way and the new way in the same run
 * records both, e.g. {@code before.pageLoads} and {@code pageLoads}.
 */
final class FieldPace {

    private static final String COUNTER = """
            (function () {
              if (window.top !== window) { return; }
              try {
                var n = Number(sessionStorage.getItem('fieldPace.loads') || '0');
                sessionStorage.setItem('fieldPace.loads', String(n + 1));
                window.__fieldPaceSubmits = true;
                document.addEventListener('submit', function () {
                  var s = Number(sessionStorage.getItem('fieldPace.submits') || '0');
                  sessionStorage.setItem('fieldPace.submits', String(s + 1));
                }, true);
              } catch (e) { /* storage refused: the counts stay at zero and the test's assertions say so */ }
            })();
            """;

    private static boolean installed;

    private final WebDriver driver;
    private final String flow;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private int inputs;

    private FieldPace(WebDriver driver, String flow) {
        this.driver = driver;
        this.flow = flow;
    }

    /**
     * Starts counting a flow in this browser (the counter script is installed once per browser session; the counts are
     * kept in the tab's session storage, so call this after the first page of the origin has loaded).
     */
    /**
     * Whether the old way is measured too: by {@code bench/field-pace} ({@code -Dcordon.field-pace.before=true}), which
     * prints before and after from one run. In the test suite only the new way runs and its target is asserted (the old
     * ways of the round and the roster took three and a half minutes of the suite's time).
     */
    static boolean measuresBefore() {
        return Boolean.getBoolean("cordon.field-pace.before");
    }

    static FieldPace start(WebDriver driver, String flow) {
        synchronized (FieldPace.class) {
            if (!installed) {
                ((ChromiumDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COUNTER));
                installed = true;
            }
        }
        FieldPace pace = new FieldPace(driver, flow);
        pace.reset();
        return pace;
    }

    /** Forgets the browser session's counter script (a new browser needs it again): call from {@code @AfterAll}. */
    static synchronized void browserClosed() {
        installed = false;
    }

    /** Sets inputs, page loads and submits back to zero, e.g. between the old way and the new way of one flow. */
    void reset() {
        inputs = 0;
        ((JavascriptExecutor) driver).executeScript(
                "try { sessionStorage.setItem('fieldPace.loads', '0'); sessionStorage.setItem('fieldPace.submits', '0'); } catch (e) {}"
                        + "if (!window.__fieldPaceSubmits) { window.__fieldPaceSubmits = true;"
                        + " document.addEventListener('submit', function () { var s = Number(sessionStorage.getItem('fieldPace.submits') || '0');"
                        + " sessionStorage.setItem('fieldPace.submits', String(s + 1)); }, true); }");
    }

    /** One tap on this element, counted. */
    void tap(WebElement element) {
        element.click();
        inputs++;
    }

    /** One field filled in (however many characters), counted. */
    void type(WebElement element, CharSequence... text) {
        element.sendKeys(text);
        inputs++;
    }

    /** Counts inputs the test made itself (a choice in a select, a key on a keyboard). */
    void input(int count) {
        inputs += count;
    }

    int inputs() {
        return inputs;
    }

    int pageLoads() {
        return counter("fieldPace.loads");
    }

    int submits() {
        return counter("fieldPace.submits");
    }

    private int counter(String key) {
        Object value = ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem(arguments[0]);", key);
        return value == null ? 0 : Integer.parseInt(value.toString());
    }

    /** Keeps the counts so far under a prefix ({@code ""} or {@code "before."}) with the flow's size (e.g. checks: 40). */
    void keep(String prefix) {
        // every flow measured loads a page and sends a form: a count of zero means the counter script did not run, and an
        // "at most 3 page loads" target must not pass on a counter that counts nothing
        if (pageLoads() < 1 || submits() < 1) {
            throw new AssertionError("the field-pace counter counted " + pageLoads() + " page loads and " + submits()
                    + " submits for " + flow + " " + prefix + ": the script DevTools puts in every page did not run");
        }
        figures.put(prefix + "inputs", inputs());
        figures.put(prefix + "pageLoads", pageLoads());
        figures.put(prefix + "submits", submits());
    }

    /** Any other figure of the flow (its size: {@code checks=40}, {@code occupants=3}). */
    void figure(String name, Object value) {
        figures.put(name, value);
    }

    /** Prints and writes the figures kept ({@code target/field-pace/FLOW.properties}). */
    void record() {
        StringBuilder file = new StringBuilder("# " + flow + ", measured by the browser tests\n");
        figures.forEach((name, value) -> {
            System.out.println("FIELD-PACE " + flow + " " + name + " " + value);
            file.append(name).append('=').append(value).append('\n');
        });
        try {
            Path dir = Path.of("target", "field-pace");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(flow + ".properties"), file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
