package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading CSV: encodings, byte-order mark, quoting and line breaks, blank rows, limits, files that are no CSV. */
class TabularReaderTests {

    static final TabularLimits LIMITS = new TabularLimits(1000, 20, 200);
    static final Charset GB18030 = Charset.forName("GB18030");

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static List<TabularRow> rows(byte[] content, TabularLimits limits) throws IOException {
        List<TabularRow> rows = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(content), limits)) {
            assertThat(reader.format()).isEqualTo(TabularFormat.CSV);
            for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    static List<List<String>> texts(String content) throws IOException {
        return texts(content.getBytes(StandardCharsets.UTF_8));
    }

    static List<List<String>> texts(byte[] content) throws IOException {
        return rows(content, LIMITS).stream().map(r -> r.cells().stream().map(TabularCell::text).toList()).toList();
    }

    static TabularException refused(byte[] content, TabularLimits limits) {
        try {
            rows(content, limits);
        } catch (TabularException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    // ------------------------------------------------------------------ encodings

    static final String CHINESE = "姓名,详细地址\r\n欧阳明华,\"中鸡镇 1 号, 东\"\r\n𠮷野,锦界镇\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-8 BOM", "GB18030", "GBK", "GB2312"})
    void utf8WithOrWithoutBomAndGb18030WithItsSubsetsAreRead(String encoding) throws IOException {
        String text = encoding.equals("GBK") || encoding.equals("GB2312") ? CHINESE.replace("𠮷野", "吉野") : CHINESE;
        byte[] content = switch (encoding) {
            case "UTF-8" -> text.getBytes(StandardCharsets.UTF_8);
            case "UTF-8 BOM" -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            default -> text.getBytes(Charset.forName(encoding));
        };
        assertThat(texts(content)).containsExactly(List.of("姓名", "详细地址"), List.of("欧阳明华", "中鸡镇 1 号, 东"),
                List.of(text.contains("𠮷") ? "𠮷野" : "吉野", "锦界镇"));
    }

    @Test
    void theByteOrderMarkIsNotPartOfTheFirstCellAndAFileOfOnlyAMarkHasNoRows() throws IOException {
        assertThat(texts("\uFEFFcode,name\r\n").get(0).get(0)).isEqualTo("code");
        assertThat(texts("\uFEFF")).isEmpty();
    }

    @Test
    void textInNeitherEncodingIsRefusedAtOnceWithItsLine() {
        byte[] content = concat("a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), new byte[]{'x', (byte) 0xFF, (byte) 0xFF, '\r', '\n'});
        TabularException e = refused(content, LIMITS);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.ENCODING);
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.code("area.import")).isEqualTo("area.import.encoding");
    }

    @Test
    void bytesThatDoNotDecodeBeyondTheSampleStopAtTheirRow() throws IOException {
        StringBuilder csv = new StringBuilder("name\r\n");
        for (int i = 0; i < 8000; i++) {
            csv.append("第").append(i).append("组\r\n");   // about 100 KB of UTF-8
        }
        int bad = 8000 + 2 + 199;
        for (int i = 0; i < 1000; i++) {
            csv.append(i == 199 ? "\u0001" : "x").append("\r\n");
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(content.length).isGreaterThan(CsvRows.SNIFF_BYTES);
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == 1) {
                content[i] = (byte) 0xC3;   // a truncated UTF-8 sequence
            }
        }
        TabularException e = refused(content, new TabularLimits(100_000, 5, 100));
        assertThat(e.kind()).isEqualTo(TabularException.Kind.ENCODING);
        assertThat(e.row()).isEqualTo(bad);
    }

    // ------------------------------------------------------------------ CSV syntax

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndRowsAreNumberedLikeASpreadsheet() throws IOException {
        List<TabularRow> rows = rows("code,name\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,\"x\r\ny\"\r\n3,z\r\n".getBytes(StandardCharsets.UTF_8), LIMITS);
        assertThat(rows).extracting(TabularRow::number).containsExactly(1, 2, 3, 4);
        assertThat(rows.get(1).text(1)).isEqualTo("a, \"b\"\nc");
        assertThat(rows.get(2).text(1)).isEqualTo("x\r\ny");
        assertThat(rows.get(3).text(0)).isEqualTo("3");
    }

    @Test
    void blankLinesAreRowsAndEmptyTrailingLinesAndCellsAreLeftOff() throws IOException {
        List<TabularRow> rows = rows("h1,h2,,\n\na,b,,\n,,\n\n".getBytes(StandardCharsets.UTF_8), LIMITS);
        assertThat(rows).extracting(TabularRow::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(rows.get(0).cells()).hasSize(2);
        assertThat(rows.get(1).blank()).isTrue();
        assertThat(rows.get(2).cells()).extracting(TabularCell::text).containsExactly("a", "b");
        assertThat(rows.get(3).blank()).isTrue();
        assertThat(rows.get(2).text(7)).isEmpty();
        assertThat(rows.get(2).cell(7)).isSameAs(TabularCell.EMPTY);
    }

    @Test
    void lineEndsMayBeCrlfLfOrCr() throws IOException {
        assertThat(texts("a\r\nb\nc\rd")).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void quotesAreReadLikeASpreadsheetReadsThem() throws IOException {
        // a quote inside an unquoted field is text; text after a closing quote is kept; an unclosed quote runs to the end
        assertThat(texts("ab\"c,\"d\"e,\" f \"\r\n")).containsExactly(List.of("ab\"c", "de", " f "));
        assertThat(texts("a,\"open\nrest")).containsExactly(List.of("a", "open\nrest"));
    }

    @Test
    void onlyTheCommaSeparates() throws IOException {
        assertThat(texts("a;b\tc,d\r\n")).containsExactly(List.of("a;b\tc", "d"));
    }

    @Test
    void theWritersProtectionsAreUndone() throws IOException {
        assertThat(texts("'=SUM(A1),'+8613812345678,'-5,'@x,\"=\"\"110105194912310021\"\"\",'x,=1+1\r\n"))
                .containsExactly(List.of("=SUM(A1)", "+8613812345678", "-5", "@x", "110105194912310021", "'x", "=1+1"));
    }

    // ------------------------------------------------------------------ limits

    @Test
    void rowsBeyondTheLimitAreRefusedWithTheRowAndTheLimit() throws IOException {
        TabularLimits three = new TabularLimits(3, 20, 200);
        assertThat(rows("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), three)).hasSize(3);
        TabularException e = refused("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8), three);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.TOO_MANY_ROWS);
        assertThat(e.row()).isEqualTo(4);
        assertThat(e.limit()).isEqualTo(3);
        assertThat(e.problem("file", "roster.file")).satisfies(p -> {
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.code()).isEqualTo("roster.file.tooManyRows");
            assertThat(p.args()).containsExactly("4", 3);
        });
    }

    @Test
    void columnsBeyondTheLimitAreRefusedButEmptyTrailingCellsDoNotCount() throws IOException {
        TabularLimits two = new TabularLimits(100, 2, 200);
        assertThat(rows("a,b,,,,\n".getBytes(StandardCharsets.UTF_8), two)).hasSize(1);
        TabularException e = refused("a,b\nc,d,e\n".getBytes(StandardCharsets.UTF_8), two);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.TOO_MANY_COLUMNS);
        assertThat(e.row()).isEqualTo(2);
    }

    @Test
    void aCellBeyondTheLimitIsRefused() throws IOException {
        TabularLimits ten = new TabularLimits(100, 5, 10);
        assertThat(rows("0123456789\n".getBytes(StandardCharsets.UTF_8), ten)).hasSize(1);
        TabularException e = refused("h\n0123456789\n\"0123456789\n\"\n".getBytes(StandardCharsets.UTF_8), ten);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.CELL_TOO_LONG);
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.limit()).isEqualTo(10);
    }

    @Test
    void anUnclosedQuoteStopsOnceTheRecordOutgrowsTheLimitsNotAtTheEndOfTheFile() {
        TabularLimits small = new TabularLimits(1_000_000, 10, 100);
        int[] served = {0};
        byte[] line = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,yyyyyyyyyyyyyyy\n".getBytes(StandardCharsets.US_ASCII);
        // an endless stream after an unclosed quote in row 2
        InputStream endless = new InputStream() {
            final byte[] head = "h\na,\"".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                int i = served[0]++;
                return i < head.length ? head[i] : line[(i - head.length) % line.length];
            }
        };
        assertThatThrownBy(() -> {
            try (TabularReader reader = TabularReader.open(endless, small)) {
                while (reader.next() != null) {
                    // read on
                }
            }
        }).isInstanceOfSatisfying(TabularException.class, e -> {
            assertThat(e.kind()).isEqualTo(TabularException.Kind.CELL_TOO_LONG);
            assertThat(e.row()).isEqualTo(2);
        });
        assertThat(served[0]).isLessThan(1_000_000);
    }

    // ------------------------------------------------------------------ not CSV

    @Test
    void emptyOldExcelBrokenZipAndBinaryFilesAreRefusedByContent(@TempDir Path dir) throws IOException {
        assertThat(refused(new byte[0], LIMITS).kind()).isEqualTo(TabularException.Kind.EMPTY);
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(refused(ole2, LIMITS).kind()).isEqualTo(TabularException.Kind.LEGACY_XLS);
        assertThat(refused(new byte[]{'%', 'P', 'D', 'F', 0, 1, 2}, LIMITS).kind()).isEqualTo(TabularException.Kind.UNREADABLE);

        java.util.Set<String> tempBefore = tabularTempFiles();
        byte[] brokenZip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertThatThrownBy(() -> TabularReader.open(new ByteArrayInputStream(brokenZip), LIMITS))
                .isInstanceOfSatisfying(TabularException.class, e -> assertThat(e.kind()).isEqualTo(TabularException.Kind.UNREADABLE));
        Path file = dir.resolve("broken.xlsx");
        Files.write(file, brokenZip);
        assertThatThrownBy(() -> TabularReader.open(file, LIMITS))
                .isInstanceOfSatisfying(TabularException.class, e -> assertThat(e.kind()).isEqualTo(TabularException.Kind.UNREADABLE));
        assertThat(tabularTempFiles()).as("the copy of the upload is deleted").isSubsetOf(tempBefore);
    }

    static java.util.Set<String> tabularTempFiles() throws IOException {
        try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cordon-tabular-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aNulCharacterLaterInTheFileMakesItUnreadable() {
        byte[] content = concat("a,b\r\n".repeat(20_000).getBytes(StandardCharsets.UTF_8), new byte[]{'c', 0, '\r', '\n'});
        assertThat(refused(content, new TabularLimits(100_000, 5, 10)).kind()).isEqualTo(TabularException.Kind.UNREADABLE);
    }

    @Test
    void aFileOnDiskIsReadLikeAStream(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.write(file, CHINESE.getBytes(GB18030));
        try (TabularReader reader = TabularReader.open(file, LIMITS)) {
            assertThat(reader.format()).isEqualTo(TabularFormat.CSV);
            assertThat(reader.next().text(0)).isEqualTo("姓名");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(CHINESE.getBytes(GB18030));
    }
}
