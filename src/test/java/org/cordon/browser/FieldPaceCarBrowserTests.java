package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Field pace at the checkpoint: officer1 at KK01 records a car with three occupants (driver and two passengers, typed
 * identities and temperatures, origin and destination picked), counted by {@link FieldPace}: inputs, page loads and
 * submits, from the checkpoint list to the registered passage.
 */
class FieldPaceCarBrowserTests extends BrowserTestSupport {

    private static final String[][] OCCUPANTS = {
            {"11010519491231002X", "张三", "13800138000", "36.5"},
            {"440524188001010014", "李四", "13900139000", "36.7"},
            {"34052419800101001X", "王五", "13700137000", "36.4"}};

    @Test
    void carWithThreeOccupants() throws Exception {
        signIn("officer1", "demo");
        driver.get(base() + "/checkpoints");
        FieldPace pace = FieldPace.start(driver, "checkpoint-car");

        // the old way, still there: origin by province → city → county, destination by town → village (5 choices)
        forgetRememberedPlaces();
        openForm(pace);
        pickPlacesFromSelects(pace);
        occupantsAndSubmit(pace);
        pace.keep("before.");
        int before = pace.inputs();

        // the new way: the search boxes over the same selects (a name or pinyin initials, one choice each)
        forgetRememberedPlaces();
        driver.get(base() + "/checkpoints");
        pace.reset();
        openForm(pace);
        pickPlacesBySearch(pace);
        occupantsAndSubmit(pace);
        pace.keep("");
        pace.figure("occupants", 3);
        pace.record();

        assertThat(pace.submits()).isEqualTo(1);
        assertThat(pace.pageLoads()).isLessThanOrEqualTo(2);
        assertThat(pace.inputs()).isLessThan(before);
    }

    private void openForm(FieldPace pace) {
        WebDriverWait wait = waiting();
        pace.tap(wait.until(ExpectedConditions.elementToBeClickable(By.id("new-KK01"))));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-form")));
        pace.type(driver.findElement(By.id("plateNumber")), plate());
    }

    private void pickPlacesFromSelects(FieldPace pace) {
        WebDriverWait wait = waiting();
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("6108");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCounty option[value='610802']")));
        new Select(driver.findElement(By.id("originCounty"))).selectByValue("610802");
        pace.input(3);
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationArea option[value='610881106201']")));
        new Select(driver.findElement(By.id("destinationArea"))).selectByValue("610881106201");
        pace.input(2);
    }

    private void pickPlacesBySearch(FieldPace pace) {
        WebDriverWait wait = waiting();
        // a name or its initials, then on to the next field: the only place found is taken and fills the selects in
        pace.type(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("originSearch"))), "榆阳");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originSearch-options [data-code='610802']")));
        pace.type(driver.findElement(By.id("destinationSearch")), "zjyc");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#destinationSearch-options [data-code='610881106201']")));
        wait.until(d -> "610802".equals(valueOf("originCounty")));
        assertThat(driver.findElement(By.id("originSearch")).getAttribute("value")).isEqualTo("榆阳区");
        assertThat(valueOf("originProvince")).isEqualTo("61");
        assertThat(valueOf("originCity")).isEqualTo("6108");
    }

    /** The destination is taken when the officer leaves its box (here: for the "disinfected" box). */
    private void destinationTaken() {
        waiting().until(d -> "610881106201".equals(valueOf("destinationArea")));
        assertThat(valueOf("destinationTown")).isEqualTo("610881106");
        assertThat(driver.findElement(By.id("destinationSearch")).getAttribute("value")).isEqualTo("中鸡一村〔示例〕");
    }

    private void occupantsAndSubmit(FieldPace pace) {
        WebDriverWait wait = waiting();
        pace.tap(driver.findElement(By.id("disinfected1")));
        if (!driver.findElements(By.id("destinationSearch")).isEmpty() && !driver.findElement(By.id("destinationSearch")).getAttribute("value").isEmpty()) {
            destinationTaken();
        }
        for (int i = 0; i < OCCUPANTS.length; i++) {
            if (i > 0) {
                pace.tap(driver.findElement(By.id("add-occupant")));
                int rows = i + 1;
                wait.until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == rows);
            }
            fillOccupant(pace, i, OCCUPANTS[i]);
        }
        pace.tap(driver.findElement(By.id("submit-passage")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        List<WebElement> results = driver.findElements(By.cssSelector(".occupant-results .result"));
        assertThat(results).hasSize(3);
    }

    /** A control's value, read afresh (htmx replaces the selects it loads). */
    private String valueOf(String id) {
        Object v = ((JavascriptExecutor) driver).executeScript("var e = document.getElementById(arguments[0]); return e ? e.value : null;", id);
        return v == null ? null : v.toString();
    }

    /** The form fills in this phone's last origin and destination (health-code-scan.js): each flow starts without them. */
    private void forgetRememberedPlaces() {
        ((JavascriptExecutor) driver).executeScript(
                "Object.keys(localStorage).filter(function (k) { return k.indexOf('cordon.') === 0; }).forEach(function (k) { localStorage.removeItem(k); });");
    }

    private void fillOccupant(FieldPace pace, int index, String[] occupant) {
        String p = "occupants[" + index + "].";
        pace.type(driver.findElement(By.name(p + "idNumber")), occupant[0]);
        pace.type(driver.findElement(By.name(p + "name")), occupant[1]);
        pace.type(driver.findElement(By.name(p + "phone")), occupant[2]);
        pace.type(driver.findElement(By.name(p + "temperature")), occupant[3]);
    }

    private static String plate() {
        return "陕K" + (10000 + (int) (Math.random() * 89999));
    }
}
