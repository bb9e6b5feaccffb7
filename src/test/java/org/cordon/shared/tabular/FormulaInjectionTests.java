package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CSV and .xlsx the platform writes neutralises text cells that a spreadsheet would run as a formula — those
 * starting with {@code = + - @}, a tab or a carriage return — with a leading apostrophe (OWASP), checked on the
 * bytes of the file as a spreadsheet program sees them (not through our own reader); numbers stay numbers; our
 * reader gives the text back as it was.
 */
class FormulaInjectionTests {

    static final TabularLimits LIMITS = new TabularLimits(1000, 50, 1000);

    /** A formula behind each of the six characters that start one. */
    static String formula(char start) {
        return start + "cmd|' /C calc'!A0";
    }

    @ParameterizedTest(name = "CSV: a text starting with U+{0} gets an apostrophe")
    @ValueSource(chars = {'=', '+', '-', '@', '\t', '\r'})
    void csvTextStartingLikeAFormulaGetsAnApostrophe(char start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TabularWriter csv = TabularWriter.csv(out)) {
            csv.header(List.of(TabularColumn.of(start + "header")));
            csv.row(formula(start), "safe");
        }
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(
                new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1))).getRecords();
        assertThat(records.get(0).get(0)).isEqualTo("'" + start + "header");
        assertThat(records.get(1).get(0)).isEqualTo("'" + formula(start));
        assertThat(records.get(1).get(1)).isEqualTo("safe");
        assertThat(readBack(out.toByteArray()).get(1).text(0)).isEqualTo(formula(start));
    }

    @ParameterizedTest(name = "xlsx: a text starting with U+{0} gets an apostrophe")
    @ValueSource(chars = {'=', '+', '-', '@', '\t', '\r'})
    void workbookTextStartingLikeAFormulaGetsAnApostrophe(char start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TabularWriter xlsx = TabularWriter.xlsx(out)) {
            xlsx.header(List.of(TabularColumn.of(start + "header"), TabularColumn.of("b")));
            xlsx.row(formula(start), "safe");
        }
        List<Row> rows = rawRows(out.toByteArray());
        assertThat(rows.get(0).getCell(0).asString()).isEqualTo("'" + start + "header");
        Cell cell = rows.get(1).getCell(0);
        assertThat(cell.getType()).isEqualTo(CellType.STRING);
        assertThat(cell.asString()).isEqualTo("'" + formula(start));
        assertThat(rows.get(1).getCell(1).asString()).isEqualTo("safe");
        assertThat(readBack(out.toByteArray()).get(1).text(0)).isEqualTo(formula(start));
    }

    @Test
    void numbersAreNoFormulasAndKeepTheirValueButTheTextMinusOnePlusOneIsGuarded() throws IOException {
        ByteArrayOutputStream xlsxBytes = new ByteArrayOutputStream();
        try (TabularWriter xlsx = TabularWriter.xlsx(xlsxBytes)) {
            xlsx.row(-1, new BigDecimal("-2.5"), "-1+1", "-", "a=b", "'quoted");
        }
        Row row = rawRows(xlsxBytes.toByteArray()).get(0);
        assertThat(row.getCell(0).getType()).isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(0).asNumber()).isEqualByComparingTo("-1");
        assertThat(row.getCell(1).getType()).isEqualTo(CellType.NUMBER);
        assertThat(row.getCell(1).asNumber()).isEqualByComparingTo("-2.5");
        assertThat(row.getCell(2).asString()).isEqualTo("'-1+1");
        assertThat(row.getCell(3).asString()).isEqualTo("'-");
        assertThat(row.getCell(4).asString()).as("only the first character counts").isEqualTo("a=b");
        assertThat(row.getCell(5).asString()).isEqualTo("'quoted");
        TabularRow back = readBack(xlsxBytes.toByteArray()).get(0);
        assertThat(back.cell(0).number()).isEqualByComparingTo("-1");
        assertThat(back.text(2)).isEqualTo("-1+1");
        assertThat(back.text(5)).as("an apostrophe before an ordinary character is the user's own").isEqualTo("'quoted");

        ByteArrayOutputStream csvBytes = new ByteArrayOutputStream();
        try (TabularWriter csv = TabularWriter.csv(csvBytes)) {
            csv.row(-1, new BigDecimal("-2.5"), "-1+1");
        }
        assertThat(new String(csvBytes.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("\uFEFF-1,-2.5,'-1+1\r\n");
    }

    static List<TabularRow> readBack(byte[] content) throws IOException {
        List<TabularRow> rows = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(content), LIMITS)) {
            for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The first sheet's rows as a spreadsheet program reads them. */
    static List<Row> rawRows(byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }
}
