package org.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/** The daily report's Excel file carries exactly the numbers of the printable page, and exports are audited. */
class DailyReportIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    DashboardManagement dashboard;

    @Test
    void aTownsDashboardAndDailyReportShowTheCityWideDonations() throws Exception {
        CordonUser commander = (CordonUser) accounts.loadUserByUsername("commander");
        CordonUser town = (CordonUser) accounts.loadUserByUsername("town1");
        LocalDate day = LocalDate.of(2019, 6, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(200));
        String city = jdbc.sql(DashboardSql.CITY_CODE).query(String.class).single();
        // a donation is recorded for the city (it has no town), as DashboardListeners does
        jdbc.sql("""
                insert into dash_daily(day, hour, area_code, checkpoint_code, donations, donation_amount) values (?, 0, ?, '', 1, 500)
                on conflict (day, hour, area_code, checkpoint_code) do update set donations = dash_daily.donations + 1,
                  donation_amount = dash_daily.donation_amount + 500""").params(day, city).update();
        try {
            DashboardManagement.Figures cityFigures = dashboard.figures(commander, null, day);
            DashboardManagement.Figures townFigures = dashboard.figures(town, null, day);
            assertThat(cityFigures.day().donations()).isPositive();
            assertThat(townFigures.areaCode()).isEqualTo("610881106");
            assertThat(townFigures.day().donations()).isEqualTo(cityFigures.day().donations());
            assertThat(townFigures.day().donationAmount()).isEqualByComparingTo(cityFigures.day().donationAmount());
            DashboardManagement.DailyReport cityReport = dashboard.dailyReport(commander, null, day, null);
            DashboardManagement.DailyReport townReport = dashboard.dailyReport(town, null, day, null);
            assertThat(lineValue(townReport, "daily.donations")).isEqualTo(lineValue(cityReport, "daily.donations")).isPositive();
            MvcResult page = mvc.perform(get("/dashboard/daily").param("date", day.toString()).with(user(town))).andReturn();
            assertThat(lineValue((DashboardManagement.DailyReport) page.getModelAndView().getModel().get("report"), "daily.donations"))
                    .isEqualTo(cityFigures.day().donations());
        } finally {
            jdbc.sql("update dash_daily set donations = donations - 1, donation_amount = donation_amount - 500 where day = ? and hour = 0 "
                    + "and area_code = ? and checkpoint_code = ''").params(day, city).update();
        }
    }

    @Test
    void theCitysDailyReportHasARowPerTownAndTheTotal() throws Exception {
        CordonUser commander = (CordonUser) accounts.loadUserByUsername("commander");
        LocalDate day = LocalDate.of(2018, 6, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(200));
        jdbc.sql("""
                insert into dash_daily(day, hour, area_code, checkpoint_code, passages, people) values (?, 9, '610881106', 'KK01', 3, 7),
                  (?, 10, '610881104', 'KK02', 2, 4)
                on conflict (day, hour, area_code, checkpoint_code) do update set passages = dash_daily.passages + excluded.passages,
                  people = dash_daily.people + excluded.people""").params(day, day).update();
        try {
            List<DashboardManagement.AreaRow> rows = dashboard.dailyReportByArea(commander, null, day, null);
            long towns = count("select count(*) from area where parent_code = (" + DashboardSql.CITY_CODE + ")");
            assertThat(rows).hasSize((int) towns + 1);
            DashboardManagement.AreaRow zhongji = rows.stream().filter(r -> r.areaCode().equals("610881106")).findFirst().orElseThrow();
            assertThat(zhongji.passages()).isEqualTo(3);
            assertThat(zhongji.people()).isEqualTo(7);
            DashboardManagement.AreaRow total = rows.get(rows.size() - 1);
            assertThat(total.total()).isTrue();
            assertThat(total.passages()).isEqualTo(lineValue(dashboard.dailyReport(commander, null, day, null), "daily.passages")).isEqualTo(5);
            // the cut-off applies to the rows as to the lines
            assertThat(dashboard.dailyReportByArea(commander, null, day, java.time.LocalTime.of(10, 0)).stream()
                    .filter(r -> r.areaCode().equals("610881104")).findFirst().orElseThrow().passages()).isZero();
            String page = body(mvc.perform(get("/dashboard/daily").param("date", day.toString()).param("lang", "en").with(user(commander)))
                    .andExpect(status().isOk()).andReturn());
            assertThat(page).contains("id=\"daily-towns\"").contains("data-area=\"610881106\"").contains("By town and street office");
            // the Excel file: the same rows on its second sheet
            MvcResult file = mvc.perform(get("/dashboard/daily.xlsx").param("date", day.toString()).with(user(commander)))
                    .andExpect(status().isOk()).andReturn();
            try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(file.getResponse().getContentAsByteArray()))) {
                List<Row> sheet = wb.getSheets().skip(1).findFirst().orElseThrow().read();
                assertThat(sheet).hasSize(rows.size() + 1);
                Row zhongjiRow = sheet.stream().filter(r -> r.getCellText(0).equals(zhongji.areaName())).findFirst().orElseThrow();
                assertThat(zhongjiRow.getCellAsNumber(1).orElseThrow()).isEqualByComparingTo(new BigDecimal(3));
                assertThat(sheet.get(sheet.size() - 1).getCellAsNumber(1).orElseThrow()).isEqualByComparingTo(new BigDecimal(5));
            }
        } finally {
            jdbc.sql("delete from dash_daily where day = ? and hour in (9, 10) and checkpoint_code in ('KK01', 'KK02')").param(day).update();
        }
    }

    @Test
    void theExcelFileHasTheSameNumbersAsThePage() throws Exception {
        CordonUser commander = (CordonUser) accounts.loadUserByUsername("commander");
        LocalDate day = today();
        // a fact row of its own so the report has non-zero numbers whatever else the shared database holds
        jdbc.sql("""
                insert into dash_daily(day, hour, area_code, checkpoint_code, passages, people, fever_referrals)
                values (?, 8, '610881106', 'KK01', 5, 9, 1), (?, 20, '610881106', 'KK01', 2, 2, 0)
                on conflict (day, hour, area_code, checkpoint_code) do update set passages = dash_daily.passages + excluded.passages,
                  people = dash_daily.people + excluded.people, fever_referrals = dash_daily.fever_referrals + excluded.fever_referrals""")
                .params(day, day).update();
        try {
            MvcResult page = mvc.perform(get("/dashboard/daily").param("date", day.toString()).param("cutoff", "18:30")
                    .with(user(commander))).andExpect(status().isOk()).andReturn();
            DashboardManagement.DailyReport model = (DashboardManagement.DailyReport) page.getModelAndView().getModel().get("report");
            assertThat(model.cutoffHour()).isEqualTo(18);
            DashboardManagement.DailyReport whole = dashboard.dailyReport(commander, null, day, null);
            long before = lineValue(model, "daily.passages");
            assertThat(lineValue(whole, "daily.passages")).as("the cut-off leaves out the evening's passages")
                    .isGreaterThanOrEqualTo(before + 2);
            for (DashboardManagement.ReportLine line : model.lines()) {
                assertThat(body(page)).contains("data-key=\"" + line.key() + "\"");
            }

            int exportsBefore = (int) count("select count(*) from audit_entry where action = 'EXPORT' and record_type = 'daily-report'");
            MvcResult file = mvc.perform(get("/dashboard/daily.xlsx").param("date", day.toString()).param("cutoff", "18:30")
                    .with(user(commander))).andExpect(status().isOk()).andReturn();
            List<BigDecimal> cells;
            try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(file.getResponse().getContentAsByteArray()))) {
                List<Row> rows = wb.getFirstSheet().read();
                cells = rows.stream().skip(4).map(r -> r.getCellAsNumber(1).orElseThrow()).collect(Collectors.toList());
            }
            assertThat(cells).hasSize(model.lines().size());
            for (int i = 0; i < cells.size(); i++) {
                assertThat(cells.get(i)).as(model.lines().get(i).key())
                        .isEqualByComparingTo(new BigDecimal(model.lines().get(i).value().toString()));
            }
            assertThat(count("select count(*) from audit_entry where action = 'EXPORT' and record_type = 'daily-report'"))
                    .isEqualTo(exportsBefore + 1);
            mvc.perform(get("/dashboard/daily").with(user(accounts.loadUserByUsername("officer1")))).andExpect(status().isForbidden());
            mvc.perform(get("/dashboard/daily.xlsx").param("area", "610881102").with(user(accounts.loadUserByUsername("town1"))))
                    .andExpect(status().isForbidden());
        } finally {
            jdbc.sql("""
                    update dash_daily set passages = passages - case hour when 8 then 5 else 2 end,
                      people = people - case hour when 8 then 9 else 2 end, fever_referrals = fever_referrals - case hour when 8 then 1 else 0 end
                    where day = ? and hour in (8, 20) and area_code = '610881106' and checkpoint_code = 'KK01'""").param(day).update();
            jdbc.sql("""
                    delete from dash_daily where day = ? and hour in (8, 20) and area_code = '610881106' and checkpoint_code = 'KK01'
                      and passages = 0 and people = 0 and vehicles = 0 and disinfected = 0 and fever_referrals = 0 and risk_arrivals = 0""")
                    .param(day).update();
        }
    }

    static long lineValue(DashboardManagement.DailyReport report, String key) {
        return report.lines().stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow().value().longValue();
    }
}
