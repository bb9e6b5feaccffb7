package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** Writing CSV (byte-order mark, quoting, formulas neutralised, long numbers kept as text) and .xlsx, read back. */
class TabularWriterTests {

    static final TabularLimits LIMITS = new TabularLimits(10_000, 50, 1000);

    static List<TabularRow> readBack(byte[] content) throws IOException {
        List<TabularRow> rows = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(content), LIMITS)) {
            for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> texts(TabularRow row) {
        return row.cells().stream().map(TabularCell::text).toList();
    }

    /** Values a spreadsheet would misread, and ordinary ones. */
    static final List<String> TRICKY = List.of("=HYPERLINK(\"http://x\",\"y\")", "+86 138 0013 8000", "-5", "@SUM(A1)", "\tx", "\rx",
            "110105194912310021", "11010519491231002X", "610881106201001", "610881106", "a, \"b\"", "line\nbreak", "中鸡一村", "'quoted");

    @Test
    void csvStartsWithAByteOrderMarkAndNeutralisesFormulas() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TabularWriter csv = TabularWriter.csv(out)) {
            csv.header(List.of(TabularColumn.of("姓名"), TabularColumn.of("值").width(30).note("ignored in CSV")));
            for (String value : TRICKY) {
                csv.row(value, "x");
            }
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF姓名,值\r\n");
        assertThat(text.split("\r\n"))
                .contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",x", "'+86 138 0013 8000,x", "'-5,x", "'@SUM(A1),x",
                        "\"=\"\"110105194912310021\"\"\",x", "\"=\"\"11010519491231002X\"\"\",x", "\"=\"\"610881106201001\"\"\",x",
                        "610881106,x", "\"a, \"\"b\"\"\",x", "中鸡一村,x", "'quoted,x");
        assertThat(text).contains("'\tx,x").contains("\"'\rx\",x").contains("\"line\nbreak\",x");
    }

    @Test
    void aCsvFileReadsBackAsWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter csv = TabularWriter.csv(out);
        csv.row(TRICKY);
        csv.row(List.of());
        csv.row(null, 42, new BigDecimal("1.50"), LocalDate.of(2020, 1, 25), LocalDateTime.of(2020, 1, 25, 8, 5), "");
        csv.finish();
        out.write("tail".getBytes(StandardCharsets.UTF_8));   // the stream stays open after finish()

        List<TabularRow> rows = readBack(out.toByteArray());
        assertThat(rows).hasSize(4);
        assertThat(texts(rows.get(0))).isEqualTo(TRICKY);
        assertThat(rows.get(1).blank()).isTrue();
        assertThat(texts(rows.get(2))).containsExactly("", "42", "1.50", "2020-01-25", "2020-01-25 08:05");
        assertThat(texts(rows.get(3))).containsExactly("tail");
    }

    @Test
    void aCsvFileHasOneTable() throws IOException {
        TabularWriter csv = TabularWriter.csv(new ByteArrayOutputStream());
        csv.sheet("名单").row("a");
        assertThatThrownBy(() -> csv.sheet("second")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWorkbookRoundTripsTextNumbersAndDatesOnItsFirstSheet() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter xlsx = TabularWriter.xlsx(out);
        xlsx.sheet("名单").header(List.of(TabularColumn.of("姓名").emphasised(true).note("name *"),
                TabularColumn.of("证件号码").width(22).content(TabularColumn.Content.TEXT),
                TabularColumn.of("抵达日期").content(TabularColumn.Content.DATE), TabularColumn.of("人数"), TabularColumn.of("登记时间")));
        xlsx.row("=1+1", "110105194912310021", LocalDate.of(2020, 1, 25), 3, LocalDateTime.of(2020, 1, 25, 8, 30));
        xlsx.row();
        xlsx.row("中鸡一村", null, null, new BigDecimal("2.50"));
        for (int i = 0; i < 2500; i++) {   // past two flushes
            xlsx.row("r" + i);
        }
        xlsx.sheet("说明").row("not read");
        xlsx.finish();

        List<TabularRow> rows = readBack(out.toByteArray());
        assertThat(rows.get(0).number()).isEqualTo(1);
        assertThat(texts(rows.get(0))).containsExactly("姓名", "证件号码", "抵达日期", "人数", "登记时间");
        TabularRow first = rows.get(1);
        assertThat(first.number()).isEqualTo(2);
        assertThat(first.text(0)).isEqualTo("=1+1");   // written as '=1+1 (FormulaInjectionTests), read back as it was
        assertThat(first.text(1)).isEqualTo("110105194912310021");
        assertThat(first.cell(2).date()).isEqualTo(LocalDate.of(2020, 1, 25));
        assertThat(first.cell(3).number()).isEqualByComparingTo("3");
        assertThat(first.text(3)).isEqualTo("3");
        assertThat(first.cell(4).date()).isEqualTo(LocalDate.of(2020, 1, 25));
        TabularRow third = rows.get(2);
        assertThat(third.number()).as("the blank row 3 is not in the sheet").isEqualTo(4);
        assertThat(texts(third)).containsExactly("中鸡一村", "", "", "2.5");
        assertThat(rows).hasSize(3 + 2500);
        assertThat(rows.get(rows.size() - 1).text(0)).isEqualTo("r2499");
        assertThat(rows.stream().noneMatch(r -> r.text(0).equals("not read"))).isTrue();

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheets().map(Sheet::getName)).containsExactly("名单", "说明");
        }
    }

    @Test
    void aWorkbookWithoutSheetsGetsOneAndNothingIsWrittenAfterFinish() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter xlsx = TabularWriter.xlsx(out);
        xlsx.finish();
        assertThat(readBack(out.toByteArray())).isEmpty();
        assertThatThrownBy(() -> xlsx.row("late")).isInstanceOf(IllegalStateException.class);
    }
}
