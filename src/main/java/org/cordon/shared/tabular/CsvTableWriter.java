package org.cordon.shared.tabular;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@link TabularWriter#csv}. */
final class CsvTableWriter extends TabularWriter {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CSVPrinter printer;
    private boolean written;
    private boolean finished;

    CsvTableWriter(OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        this.printer = new CSVPrinter(writer, FORMAT);
    }

    @Override
    public TabularFormat format() {
        return TabularFormat.CSV;
    }

    @Override
    public TabularWriter sheet(String name) {
        if (written) {
            throw new IllegalStateException("A CSV file holds one table");
        }
        return this;
    }

    @Override
    public TabularWriter header(List<TabularColumn> columns) throws IOException {
        List<String> headers = new ArrayList<>(columns.size());
        columns.forEach(c -> headers.add(c.header()));
        return row(headers);
    }

    @Override
    public TabularWriter row(List<?> values) throws IOException {
        if (finished) {
            throw new IllegalStateException("The CSV file is finished");
        }
        written = true;
        List<String> fields = new ArrayList<>(values.size());
        for (Object value : values) {
            fields.add(field(value));
        }
        printer.printRecord(fields);
        return this;
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime t) {
            return t.format(DATE_TIME);
        }
        return CsvText.protect(value.toString());
    }

    @Override
    public void finish() throws IOException {
        finished = true;
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        printer.close();
    }
}
