package org.cordon.dashboard.web;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Locale;

import org.cordon.dashboard.DashboardManagement;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;

/**
 * Writes the daily report as .xlsx: title rows, then one row per report line (label in column A, the
 * number in column B) in the order of {@link DashboardManagement.DailyReport#lines()} — the same
 * lines the printable page shows. The first line's row index is {@link #FIRST_LINE_ROW}.
 */
final class DailyReportXlsx {

    /** Zero-based row of the first report line. */
    static final int FIRST_LINE_ROW = 4;

    private DailyReportXlsx() {
    }

    static void write(DashboardManagement.DailyReport report, MessageSource messages, Locale locale, OutputStream out)
            throws IOException {
        Workbook wb = new Workbook(out, "Cordon", "1.0");
        Worksheet ws = wb.newWorksheet(messages.getMessage("daily.sheet", null, locale));
        ws.value(0, 0, messages.getMessage("daily.title", null, locale));
        ws.value(1, 0, messages.getMessage("daily.area", null, locale));
        ws.value(1, 1, report.areaName() + " (" + report.areaCode() + ")");
        ws.value(2, 0, messages.getMessage("daily.date", null, locale));
        ws.value(2, 1, report.date().toString() + " " + report.cutoff());
        ws.value(3, 0, messages.getMessage("daily.item", null, locale));
        ws.value(3, 1, messages.getMessage("daily.value", null, locale));
        int row = FIRST_LINE_ROW;
        for (DashboardManagement.ReportLine line : report.lines()) {
            ws.value(row, 0, messages.getMessage(line.key(), null, locale));
            if (line.value() instanceof BigDecimal d) {
                ws.value(row, 1, d);
            } else {
                ws.value(row, 1, line.value().longValue());
            }
            row++;
        }
        ws.width(0, 28);
        ws.width(1, 24);
        wb.finish();
    }
}
