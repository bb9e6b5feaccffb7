package org.cordon.dashboard.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import org.cordon.dashboard.DashboardManagement;
import org.cordon.shared.tabular.TabularColumn;
import org.cordon.shared.tabular.TabularWriter;
import org.springframework.context.MessageSource;

/**
 * Writes the daily report as .xlsx ({@link TabularWriter#xlsx}): title rows, then one row per report line (label in
 * column A, the number in column B) in the order of {@link DashboardManagement.DailyReport#lines()} — the same
 * lines the printable page shows. The first line's row index is {@link #FIRST_LINE_ROW}. A second sheet has the page's
 * table per town ({@link DashboardManagement.AreaRow}): one row per town, the area's total last.
 */
final class DailyReportXlsx {

    /** Zero-based row of the first report line. */
    static final int FIRST_LINE_ROW = 4;

    private DailyReportXlsx() {
    }

    static void write(DashboardManagement.DailyReport report, List<DashboardManagement.AreaRow> areaRows, MessageSource messages,
                      Locale locale, OutputStream out) throws IOException {
        TabularWriter wb = TabularWriter.xlsx(out);
        wb.sheet(messages.getMessage("daily.sheet", null, locale));
        wb.row(messages.getMessage("daily.title", null, locale));
        wb.row(messages.getMessage("daily.area", null, locale), report.areaName() + " (" + report.areaCode() + ")");
        wb.row(messages.getMessage("daily.date", null, locale), report.date().toString() + " " + report.cutoff());
        wb.header(List.of(TabularColumn.of(messages.getMessage("daily.item", null, locale)).width(28),
                TabularColumn.of(messages.getMessage("daily.value", null, locale)).width(24)));
        for (DashboardManagement.ReportLine line : report.lines()) {
            wb.row(messages.getMessage(line.key(), null, locale), line.value());
        }
        if (areaRows.size() > 1) {
            wb.sheet(messages.getMessage("daily.byArea", null, locale));
            List<TabularColumn> columns = new java.util.ArrayList<>();
            columns.add(TabularColumn.of(messages.getMessage("daily.townColumn", null, locale)).width(20));
            areaRows.get(0).figures().keySet().forEach(k -> columns.add(TabularColumn.of(messages.getMessage(k, null, locale)).width(12)));
            wb.header(columns);
            for (DashboardManagement.AreaRow r : areaRows) {
                List<Object> cells = new java.util.ArrayList<>();
                cells.add(r.total() ? messages.getMessage("daily.total", new Object[] {r.areaName()}, locale) : r.areaName());
                cells.addAll(r.figures().values());
                wb.row(cells);
            }
        }
        wb.finish();
    }
}
