package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The commander's dashboard on a 390-px phone (issue 16): the checkpoint and area charts are horizontal bars whose
 * labels fit (no label wider than its room), a checkpoint's bar opens that checkpoint's passages of the chosen day, an
 * area's bar that area's dashboard, and the tiles open their lists with the same area and date.
 */
class DashboardChartsBrowserTests extends BrowserTestSupport {

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void awaitChart(String id) {
        waiting().until(d -> Boolean.TRUE.equals(js("var el = document.getElementById(arguments[0]);"
                + " return !!(window.echarts && el && echarts.getInstanceByDom(el) && el.querySelector('canvas'));", id)));
    }

    /** Clicks the bar of the first row with one (the middle series) of a horizontal bar chart. */
    private void clickFirstBar(String id) {
        // the bars grow from nothing when the chart is drawn: tap once ECharts says the drawing is finished (or after 3 s,
        // when it finished before this listened)
        ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                var timer = setTimeout(function () { done(true); }, 3000);
                c.on('finished', function () { clearTimeout(timer); done(true); });""", id);
        WebElement el = driver.findElement(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", el);
        @SuppressWarnings("unchecked")
        java.util.List<Number> at = (java.util.List<Number>) js("""
                var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                var data = c.getOption().series[1].data;
                // the middle series' bar of the first row that has one (a row of 0 has no bar to tap), half-way along
                var row = 0;
                while (row < data.length - 1 && !(data[row] > 0)) { row++; }
                return c.convertToPixel({seriesIndex: 1}, [data[row] / 2, row]);""", id);
        int w = el.getSize().getWidth();
        int h = el.getSize().getHeight();
        new Actions(driver).moveToElement(el, at.get(0).intValue() - w / 2, at.get(1).intValue() - h / 2).click().perform();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void chartsAreReadableOnAPhoneAndOpenTheListsBehindThem() throws Exception {
        // a day of its own with passages at every checkpoint (the read model's fact rows, as the listeners write them)
        LocalDate day = LocalDate.of(2019, 3, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(300));
        jdbc.sql("""
                insert into dash_daily(day, hour, area_code, checkpoint_code, passages, people, fever_referrals)
                select ?, 9, c.town_code, c.code, 3 + length(c.name) % 7, 5 + length(c.name) % 11, length(c.code) % 2 from checkpoint c where c.active
                on conflict (day, hour, area_code, checkpoint_code) do nothing""").param(day).update();
        try {
            check(day);
        } finally {
            jdbc.sql("delete from dash_daily where day = ? and hour = 9").param(day).update();
        }
    }

    @Test
    void theDailyReportHasARowPerTownAndPrintsWithoutNavigationOrButtons() throws Exception {
        signIn("commander", "demo");
        driver.get(base() + "/dashboard/daily?lang=en");
        WebElement towns = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("daily-towns")));
        assertThat(towns.findElements(By.cssSelector("tbody tr")).size()).isGreaterThanOrEqualTo(21); // 20 towns and street offices + total
        screenshot("daily-report-en");
        ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        try {
            assertThat(js("return getComputedStyle(document.querySelector('.topbar')).display;")).isEqualTo("none");
            assertThat(js("return getComputedStyle(document.getElementById('daily-xlsx')).display;")).isEqualTo("none");
            assertThat(js("return getComputedStyle(document.querySelector('[data-print]')).display;")).isEqualTo("none");
            assertThat(js("return getComputedStyle(document.querySelector('#daily-towns tbody tr')).breakInside;")).isEqualTo("avoid");
            assertThat(js("return getComputedStyle(document.getElementById('daily-towns')).display;")).isNotEqualTo("none");
            screenshot("daily-report-print");
        } finally {
            ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        }
    }

    private void check(LocalDate day) throws Exception {
        signIn("commander", "demo");
        driver.get(base() + "/dashboard?date=" + day + "&lang=en");
        awaitChart("chart-checkpoints");
        awaitChart("chart-areas");
        awaitChart("chart-funnel");

        // one row per checkpoint, tall enough for all of them; names truncated to their room, never overlapping
        Number rows = (Number) js("return echarts.getInstanceByDom(document.getElementById('chart-checkpoints')).getOption().yAxis[0].data.length;");
        assertThat(rows.intValue()).isGreaterThanOrEqualTo(14);
        assertThat(driver.findElement(By.id("chart-checkpoints")).getSize().getHeight()).isGreaterThanOrEqualTo(rows.intValue() * 30);
        Object labelWidth = js("return echarts.getInstanceByDom(document.getElementById('chart-checkpoints')).getOption().yAxis[0].axisLabel.width;");
        assertThat(((Number) labelWidth).intValue()).isLessThanOrEqualTo(150);
        WebElement checkpoints = driver.findElement(By.id("chart-checkpoints"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", checkpoints);
        screenshot("dashboard-checkpoints-en");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("chart-funnel")));
        screenshot("dashboard-funnel-en");
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-funnel')).getOption().series[0].label.position;"))
                .isEqualTo("inside");

        // the tiles open their lists for the same area and date
        assertThat(driver.findElement(By.cssSelector("#fig-checkpoints a")).getAttribute("href")).contains("date=" + day);
        assertThat(driver.findElement(By.xpath("//dd[@id='fig-fever']/ancestor::a")).getAttribute("href"))
                .contains("/referrals").contains("area=610881").contains("date=" + day);

        // a checkpoint's bar: that checkpoint's passages of that day
        clickFirstBar("chart-checkpoints");
        waiting().until(ExpectedConditions.urlContains("/passages"));
        assertThat(driver.getCurrentUrl()).matches(".*/checkpoints/KK\\d+/passages\\?date=" + day + ".*");

        // an area's bar: the dashboard of that area, same day
        driver.get(base() + "/dashboard?date=" + day);
        awaitChart("chart-areas");
        clickFirstBar("chart-areas");
        waiting().until(ExpectedConditions.urlMatches(".*/dashboard\\?area=610881\\d{3}&date=" + day));
        awaitChart("chart-checkpoints");
        assertThat(driver.findElement(By.id("dash-area")).getAttribute("value")).matches("610881\\d{3}");
    }
}
