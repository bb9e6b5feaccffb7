package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Forms that forgive (issue 16) on a 390×844 phone: the passage form with three occupants and an error on the third
 * (summary at the top, the third occupant's ID box scrolled to and focused, all 18 characters visible), removing a
 * filled occupant undone, and the screening rules page: a risk area picked by name, confirmation before ending it,
 * a success message after each change.
 */
class ForgivingFormsBrowserTests extends BrowserTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void passageFormShowsAndFocusesTheThirdOccupantsErrorAndUndoesARemoval() throws Exception {
        WebDriverWait wait = waiting();
        signIn("officer1", "demo");
        driver.get(base() + "/checkpoints/KK01/passages/new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-form")));
        driver.findElement(By.id("plateNumber")).sendKeys("陕K" + (10000 + (int) (Math.random() * 89999)));
        new Select(driver.findElement(By.id("originProvince"))).selectByValue("61");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCity option[value='6108']")));
        new Select(driver.findElement(By.id("originCity"))).selectByValue("6108");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#originCounty option[value='610802']")));
        new Select(driver.findElement(By.id("originCounty"))).selectByValue("610802");
        new Select(driver.findElement(By.id("destinationTown"))).selectByValue("610881106");
        fill(0, "11010519491231002X", "张三", "13800138000", "36.5");
        addOccupant(2);
        fill(1, "440524188001010014", "李四", "13900139000", "36.6");
        addOccupant(3);
        fill(2, "340524198001010011", "王五", "13700137000", "36.4");   // wrong check character (…001X)

        // all 18 characters of an ID number fit the box on a 390 px phone
        WebElement id = driver.findElement(By.name("occupants[0].idNumber"));
        Boolean fits = (Boolean) js("return arguments[0].scrollWidth <= arguments[0].clientWidth;", id);
        assertThat(fits).isTrue();
        assertThat(id.getSize().getWidth()).isGreaterThan(300);

        // remove the filled second occupant, then undo: nothing lost
        driver.findElements(By.cssSelector("fieldset.occupant")).get(1).findElement(By.className("remove-occupant")).click();
        wait.until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == 2);
        WebElement undo = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("undo-bar")));
        assertThat(undo.getText()).contains("已移除人员 2");
        undo.findElement(By.className("undo-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == 3);
        assertThat(driver.findElement(By.name("occupants[1].name")).getAttribute("value")).isEqualTo("李四");
        assertThat(driver.findElement(By.name("occupants[2].name")).getAttribute("value")).isEqualTo("王五");
        assertThat(driver.findElement(By.id("undo-bar")).isDisplayed()).isFalse();

        driver.findElement(By.id("submit-passage")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(summary.getText()).contains("人员 3").contains("证件号码");
        WebElement third = driver.findElement(By.name("occupants[2].idNumber"));
        assertThat(third.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(third.getAttribute("aria-describedby")).contains("occupants-2-idNumber-error");
        wait.until(d -> third.equals(d.switchTo().activeElement()));
        assertThat(inViewport(third)).isTrue();
        assertThat(driver.findElements(By.cssSelector("fieldset.occupant"))).hasSize(3);
        screenshot("forgiving-passage-error-third");
        js("window.scrollTo(0, 0);");
        screenshot("forgiving-passage-summary");

        // the summary's link brings the officer back to the field from anywhere on the page
        js("window.scrollTo(0, 0); document.activeElement.blur();");
        driver.findElement(By.cssSelector("#error-summary a.error-link")).click();
        wait.until(d -> third.equals(d.switchTo().activeElement()));

        driver.get(base() + "/checkpoints/KK01/passages/new?lang=en");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passage-form")));
        screenshot("forgiving-passage-en");
        driver.get(base() + "/checkpoints/KK01/passages/new?lang=zh_CN");
    }

    @Test
    void riskAreaPickedByNameEndedAfterConfirmation() throws Exception {
        WebDriverWait wait = waiting();
        signIn("commander", "demo");
        driver.get(base() + "/rules");
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("codePrefix")));
        box.sendKeys("hg");   // 韩国 (Republic of Korea) by its pinyin initials
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#codePrefix-options [data-code='ISO:KR']"))).click();
        assertThat(box.getAttribute("value")).isEqualTo("韩国");
        assertThat(driver.findElement(By.cssSelector("#risk-area-form input[type=hidden][name=codePrefix]")).getAttribute("value"))
                .isEqualTo("ISO:KR");
        js("arguments[0].value = '2020-02-20';", driver.findElement(By.id("validFrom")));
        screenshot("forgiving-rules-picker");
        driver.findElement(By.cssSelector("#risk-area-form button[type=submit]")).click();
        WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded")));
        assertThat(done.getText()).contains("已新增风险地区");
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("table tr")).stream()
                .filter(r -> r.getText().contains("韩国")).reduce((a, b) -> b).orElse(null));
        // ending it asks first: dismissed, nothing changes
        js("arguments[0].value = '2020-03-20';", row.findElement(By.cssSelector("input[name=validTo]")));
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains("韩国");
        driver.switchTo().alert().dismiss();
        assertThat(driver.findElements(By.id("succeeded"))).isNotEmpty();   // still the page of the add
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("succeeded"), "截止日期"));
        List<WebElement> rows = driver.findElements(By.cssSelector("table tr"));
        assertThat(rows.stream().filter(r -> r.getText().contains("韩国")).reduce((a, b) -> b).orElseThrow().getText()).contains("2020-03-20");
    }

    @Test
    void anAccountGetsItsAreaPickedAndItsCheckpointsChosenAndIsDisabledAfterConfirmation() throws Exception {
        WebDriverWait wait = waiting();
        signIn("admin", "demo");
        driver.get(base() + "/admin/accounts?lang=en");
        String username = "picker" + System.nanoTime() % 1_000_000;
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-form")));
        form.findElement(By.id("username")).sendKeys(username);
        form.findElement(By.id("displayName")).sendKeys("Picker test");
        form.findElement(By.id("password")).sendKeys("a-long-password-for-the-test");
        new Select(form.findElement(By.id("role"))).selectByValue("GRID_WORKER");
        WebElement area = form.findElement(By.id("areaCode"));
        area.sendKeys("zjyc");   // 中鸡一村 by its pinyin initials
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#areaCode-options [data-code='610881106201']")));
        js("arguments[0].scrollIntoView({block: 'center'});", area);
        screenshot("forgiving-accounts-picker-en");
        assertThat(option.getText()).contains("中鸡一村").contains("中鸡镇");
        option.click();
        assertThat(form.findElement(By.cssSelector("input[type=hidden][name=areaCode]")).getAttribute("value")).isEqualTo("610881106201");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("succeeded")));
        assertThat(done.getText()).isEqualTo("Account " + username + " created.");
        assertThat(jdbc.sql("select area_code from account where username = ?").param(username).query(String.class).single())
                .isEqualTo("610881106201");

        // an officer posted to two checkpoints: ticked, not typed
        driver.get(base() + "/admin/accounts?lang=en");
        String officer = username + "k";
        form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-form")));
        form.findElement(By.id("username")).sendKeys(officer);
        form.findElement(By.id("displayName")).sendKeys("Picker officer");
        form.findElement(By.id("password")).sendKeys("a-long-password-for-the-test");
        new Select(form.findElement(By.id("role"))).selectByValue("OFFICER");
        for (String code : List.of("KK01", "KK02")) {
            WebElement box = form.findElement(By.cssSelector("input[name=checkpointCodes][value='" + code + "']"));
            js("arguments[0].click();", box);
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("succeeded"), officer));
        WebElement row = driver.findElements(By.cssSelector("#accounts-table tbody tr")).stream()
                .filter(r -> r.getText().contains(officer)).findFirst().orElseThrow();
        assertThat(row.getText()).contains("KK01").contains("KK02");

        // disabling asks first
        js("arguments[0].scrollIntoView({block: 'center'});", row);
        row.findElement(By.cssSelector("form[action$='/enabled'] button")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains(officer);
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("succeeded"), "Account disabled."));
        screenshot("forgiving-accounts-en");
    }


    private void addOccupant(int rows) {
        driver.findElement(By.id("add-occupant")).click();
        waiting().until(d -> d.findElements(By.cssSelector("fieldset.occupant")).size() == rows);
    }

    private void fill(int index, String id, String name, String phone, String temperature) {
        String p = "occupants[" + index + "].";
        driver.findElement(By.name(p + "idNumber")).sendKeys(id);
        driver.findElement(By.name(p + "name")).sendKeys(name);
        driver.findElement(By.name(p + "phone")).sendKeys(phone);
        driver.findElement(By.name(p + "temperature")).sendKeys(temperature);
    }

    private boolean inViewport(WebElement element) {
        return (Boolean) js("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", element);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
