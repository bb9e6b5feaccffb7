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
 * lines the printable page shows. The first line's row index is {@link #FIRST_LINE_ROW}.
 */
final class DailyReportXlsx {

    /** Zero-based row of the first report line. */
    static final int FIRST_LINE_ROW = 4;

    private DailyReportXlsx() {
    }

    static void write(DashboardManagement.DailyReport report, MessageSource messages, Locale locale, OutputStream out)
            throws IOException {
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
        wb.finish();
    }
}
