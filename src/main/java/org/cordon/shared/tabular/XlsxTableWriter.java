package org.cordon.shared.tabular;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** {@link TabularWriter#xlsx}. */
final class XlsxTableWriter extends TabularWriter {

    /** Rows written between flushes of a sheet to the stream. */
    static final int FLUSH_ROWS = 1000;
    private static final String HEADER_FILL = "EEF1F6";
    private static final String EMPHASIS_FILL = "F4E1DF";
    private static final String DATE = "yyyy-mm-dd";
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm";

    private final OutputStream out;
    private final Workbook workbook;
    private Worksheet sheet;
    private int row;
    private boolean finished;

    XlsxTableWriter(OutputStream out) {
        this.out = out;
        this.workbook = new Workbook(out, "Cordon", "1.0");
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.XLSX;
    }

    @Override
    public TabularWriter sheet(String name) throws IOException {
        requireOpen();
        if (sheet != null) {
            sheet.finish();
        }
        sheet = workbook.newWorksheet(name);
        row = 0;
        return this;
    }

    private Worksheet current() throws IOException {
        requireOpen();
        if (sheet == null) {
            sheet("Sheet1");
        }
        return sheet;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("The workbook is finished");
        }
    }

    @Override
    public TabularWriter header(List<TabularColumn> columns) throws IOException {
        Worksheet ws = current();
        for (int c = 0; c < columns.size(); c++) {
            TabularColumn column = columns.get(c);
            ws.inlineString(row, c, FormulaGuard.neutralise(column.header()));
            ws.style(row, c).bold().fillColor(column.emphasised() ? EMPHASIS_FILL : HEADER_FILL).set();
            if (column.note() != null) {
                ws.comment(row, c, column.note());
            }
            if (column.width() > 0) {
                ws.width(c, column.width());
            }
            switch (column.content()) {
                case TEXT -> ws.style(c).format("@").set();
                case DATE -> ws.style(c).format(DATE).set();
                case GENERAL -> {
                }
            }
        }
        ws.freezePane(0, row + 1);
        return next();
    }

    @Override
    public TabularWriter row(List<?> values) throws IOException {
        Worksheet ws = current();
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value == null) {
                continue;
            }
            if (value instanceof Number n) {
                ws.value(row, c, n);
            } else if (value instanceof LocalDate d) {
                ws.value(row, c, d);
                ws.style(row, c).format(DATE).set();
            } else if (value instanceof LocalDateTime t) {
                ws.value(row, c, t);
                ws.style(row, c).format(DATE_TIME).set();
            } else {
                String text = value.toString();
                if (!text.isEmpty()) {
                    // inline strings: a shared-strings table would keep every value in memory
                    ws.inlineString(row, c, FormulaGuard.neutralise(text));
                }
            }
        }
        return next();
    }

    private TabularWriter next() throws IOException {
        row++;
        if (row % FLUSH_ROWS == 0) {
            sheet.flush();
        }
        return this;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        current();
        finished = true;
        workbook.finish();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
