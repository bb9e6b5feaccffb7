package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.tabular.HostileWorkbooks.workbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Hostile .xlsx files: each is refused with its kind before fastexcel reads it, quickly and in little memory, while a
 * normal workbook still reads.
 */
class XlsxGuardTests {

    static final TabularLimits LIMITS = new TabularLimits(1000, 20, 200);

    static List<List<String>> read(byte[] xlsx, TabularLimits limits) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(xlsx), limits)) {
            assertThat(reader.format()).isEqualTo(TabularFormat.XLSX);
            for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row.cells().stream().map(TabularCell::text).toList());
            }
        }
        return rows;
    }

    static TabularException refused(byte[] xlsx, TabularLimits limits) {
        try {
            read(xlsx, limits);
        } catch (TabularException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aPlainWorkbookBuiltPartByPartReads() throws IOException {
        assertThat(read(workbook().bytes(), LIMITS)).containsExactly(List.of("code"));
        byte[] twoRows = workbook().sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"XFD1\" t=\"inlineStr\"><is><t>far</t></is></c></row>"
                + "<row r=\"2\"><c r=\"B2\"><v>42</v></c></row>").bytes();
        List<List<String>> rows = read(twoRows, new TabularLimits(1000, 20_000, 200));
        assertThat(rows.get(0)).hasSize(16_384).startsWith("code").endsWith("far");
        assertThat(rows.get(1)).containsExactly("", "42");
    }

    @Test
    void aZipBombOfSixHundredMegabytesInOneSharedStringIsRefusedByItsRatioAtOnce() {
        long inflated = 600L << 20;
        byte[] bomb = workbook().hugeSharedString(inflated, 'a').bytes();
        assertThat(bomb.length).as("the upload is small").isLessThan(1 << 20);
        long started = System.nanoTime();
        TabularException e = refused(bomb, LIMITS);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.COMPRESSION_RATIO);
        assertThat(e.limit()).isEqualTo(100);
        assertThat(e.code("roster.file")).isEqualTo("roster.file.compressionRatio");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(5_000);
    }

    @Test
    void withoutTheRatioLimitTheSameBombStopsAtTheFirstLongRunOfTextAndAManyTaggedOneAtTheUnpackedSize() {
        TabularLimits noRatio = LIMITS.with(new ArchiveLimits(1000, 256L << 20, 256L << 20, 1_000_000));
        TabularException text = refused(workbook().hugeSharedString(600L << 20, 'a').bytes(), noRatio);
        assertThat(text.kind()).isEqualTo(TabularException.Kind.TEXT_TOO_LONG);

        byte[] items = "<si><t>a</t></si>".repeat(4000).getBytes(StandardCharsets.UTF_8);
        byte[] manyItems = workbook().part("xl/sharedStrings.xml", out -> {
            out.write(("<sst xmlns=\"" + HostileWorkbooks.MAIN + "\">").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < (300 << 20) / items.length; i++) {
                out.write(items);
            }
            out.write("</sst>".getBytes(StandardCharsets.UTF_8));
        }).bytes();
        assertThat(manyItems.length).isLessThan(2 << 20);

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        TabularException size = refused(manyItems, noRatio);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(size.kind()).isEqualTo(TabularException.Kind.UNPACKED_TOO_LARGE);
        assertThat(size.limit()).as("MB").isEqualTo(256);
        // 256 MB unpacked and parsed, but nothing of it kept: the peak stays far below what fastexcel would keep (GBs)
        assertThat((peak - before) >> 20).as("MB of heap above the start while refusing").isLessThan(200);

        TabularLimits smallTotal = LIMITS.with(new ArchiveLimits(1000, 256L << 20, 1L << 20, 1_000_000));
        TabularException total = refused(workbook().extraEntries(3).part("docProps/big.xml", out -> {
            out.write("<a>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200_000; i++) {
                out.write("<b>text</b>".getBytes(StandardCharsets.UTF_8));
            }
            out.write("</a>".getBytes(StandardCharsets.UTF_8));
        }).bytes(), smallTotal);
        assertThat(total.kind()).isEqualTo(TabularException.Kind.UNPACKED_TOO_LARGE);
        assertThat(total.limit()).isEqualTo(1);
    }

    @Test
    void aHighRatioEntryIsRefusedOnceBeyondTheGraceButSmallPartsThatCompressWellAreNot() throws IOException {
        String rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + "<row><c/></row>".repeat(998);
        assertThat(read(workbook().sheet(rows).bytes(), LIMITS)).hasSize(999);

        byte[] highRatio = workbook().sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row><c/></row>".repeat(300_000)).bytes();
        assertThat(refused(highRatio, LIMITS).kind()).isEqualTo(TabularException.Kind.COMPRESSION_RATIO);
    }

    @Test
    void aDoctypeExternalEntityOrEntityExpansionInAnyPartIsUnsafe() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<worksheet xmlns=\"" + HostileWorkbooks.MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
        TabularException sheet = refused(workbook().part("xl/worksheets/sheet1.xml", xxe).bytes(), LIMITS);
        assertThat(sheet.kind()).isEqualTo(TabularException.Kind.UNSAFE);
        assertThat(sheet.code("area.import")).isEqualTo("area.import.unsafe");

        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<sst xmlns=\"" + HostileWorkbooks.MAIN + "\"><si><t>&b;</t></si></sst>";
        assertThat(refused(workbook().part("xl/sharedStrings.xml", laughs).bytes(), LIMITS).kind())
                .isEqualTo(TabularException.Kind.UNSAFE);
        String doctypeOnly = "<!DOCTYPE Types><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
        assertThat(refused(workbook().part("[Content_Types].xml", doctypeOnly).bytes(), LIMITS).kind())
                .isEqualTo(TabularException.Kind.UNSAFE);
        String undeclared = "<sst xmlns=\"" + HostileWorkbooks.MAIN + "\"><si><t>&nbsp;</t></si></sst>";
        assertThat(refused(workbook().part("xl/sharedStrings.xml", undeclared).bytes(), LIMITS).kind())
                .isIn(TabularException.Kind.UNSAFE, TabularException.Kind.UNREADABLE);
    }

    @Test
    void tooManyEntriesAreRefusedFromTheZipsEndRecord() throws IOException {
        assertThat(read(workbook().extraEntries(990).bytes(), LIMITS)).hasSize(1);
        TabularException e = refused(workbook().extraEntries(1000).bytes(), LIMITS);
        assertThat(e.kind()).isEqualTo(TabularException.Kind.TOO_MANY_ENTRIES);
        assertThat(e.limit()).isEqualTo(1000);
        TabularLimits ten = LIMITS.with(new ArchiveLimits(10, 1 << 20, 1 << 20, 100));
        assertThat(refused(workbook().extraEntries(6).bytes(), ten).kind()).isEqualTo(TabularException.Kind.TOO_MANY_ENTRIES);
    }

    @Test
    void anOverlongSharedOrInlineStringIsRefusedBeforeItIsRead() throws IOException {
        String ok = "长".repeat(200);
        assertThat(read(workbook().sharedStrings("<si><t>" + ok + "</t></si>").bytes(), LIMITS)).containsExactly(List.of(ok));
        String entities = "&amp;".repeat(200);
        assertThat(read(workbook().sharedStrings("<si><t>" + entities + "</t></si>").bytes(), LIMITS))
                .containsExactly(List.of("&".repeat(200)));

        TabularException shared = refused(workbook().sharedStrings("<si><t>" + "x".repeat(201) + "</t></si>").bytes(), LIMITS);
        assertThat(shared.kind()).isEqualTo(TabularException.Kind.TEXT_TOO_LONG);
        assertThat(shared.limit()).isEqualTo(200);
        // rich text: the runs of one string together
        String runs = "<si><r><t>" + "x".repeat(150) + "</t></r><r><t>" + "y".repeat(150) + "</t></r></si>";
        assertThat(refused(workbook().sharedStrings(runs).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.TEXT_TOO_LONG);
        String inline = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "z".repeat(300) + "</t></is></c></row>";
        assertThat(refused(workbook().sheet(inline).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.TEXT_TOO_LONG);
    }

    @Test
    void cellsBeyondExcelsGridDeepNestingAndUtf16PartsAreUnreadable() {
        for (String reference : List.of("XFE1", "ZZZZZZZ1", "A1048577", "A0", "~~1")) {
            String row = "<row r=\"1\"><c r=\"" + reference + "\"><v>1</v></c></row>";
            assertThat(refused(workbook().sheet(row).bytes(), LIMITS).kind()).as(reference).isEqualTo(TabularException.Kind.UNREADABLE);
        }
        StringBuilder manyCells = new StringBuilder("<row r=\"1\">");
        for (int i = 0; i <= 16_384; i++) {
            manyCells.append("<c><v>").append(i * 7919L % 100_003).append("</v></c>");
        }
        manyCells.append("</row>");
        assertThat(refused(workbook().sheet(manyCells.toString()).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.UNREADABLE);
        assertThat(refused(workbook().sheet("<row r=\"99999999\"/>").bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.UNREADABLE);
        String deep = "<x>".repeat(300) + "</x>".repeat(300);
        assertThat(refused(workbook().sheet(deep).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.UNREADABLE);
        byte[] utf16 = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><sst xmlns=\"" + HostileWorkbooks.MAIN + "\"/>")
                .getBytes(StandardCharsets.UTF_16);
        assertThat(refused(workbook().part("xl/sharedStrings.xml", out -> out.write(utf16)).bytes(), LIMITS).kind())
                .isEqualTo(TabularException.Kind.UNREADABLE);
        java.util.Random random = new java.util.Random(12);
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 2 << 20; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        byte[] longTag = workbook().sheet("<row r=\"1\" x=\"" + letters + "\"/>").bytes();
        assertThat(refused(longTag, LIMITS).kind()).isEqualTo(TabularException.Kind.UNREADABLE);
    }

    @Test
    void formulasThatWouldTakeFastexcelUnboundedTimeAreUnsafe() throws IOException {
        String arrays = "<row r=\"1\">" + "<c><f t=\"array\" ref=\"A1\">1</f><v>1</v></c>".repeat(101) + "</row>";
        assertThat(refused(workbook().sheet(arrays).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.UNSAFE);
        String longFormula = "<row r=\"1\"><c r=\"A1\"><f>" + "A1+".repeat(3000) + "1</f><v>1</v></c></row>";
        assertThat(refused(workbook().sheet(longFormula).bytes(), LIMITS).kind()).isEqualTo(TabularException.Kind.UNSAFE);
        // one long shared formula used by many cells: fastexcel rewrites it for each of them
        StringBuilder shared = new StringBuilder("<row r=\"1\"><c r=\"A1\"><f t=\"shared\" ref=\"A1:A200000\" si=\"0\">"
                + "B1+".repeat(2700) + "1</f><v>1</v></c></row>");
        for (int r = 2; r <= 2000; r++) {
            shared.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><f t=\"shared\" si=\"0\"/><v>1</v></c></row>");
        }
        assertThat(refused(workbook().sheet(shared.toString()).bytes(), new TabularLimits(1_000_000, 20, 200)).kind())
                .isEqualTo(TabularException.Kind.UNSAFE);
        // the bound is the workbook's: every sheet is read, so two sheets under it each are over it together
        String base = "<row r=\"1\"><c r=\"A1\"><f t=\"shared\" ref=\"A1:A200\" si=\"0\">" + "B1+".repeat(2700) + "1</f><v>1</v></c></row>";
        StringBuilder uses = new StringBuilder(base);
        for (int r = 2; r <= 100; r++) {
            uses.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><f t=\"shared\" si=\"0\"/><v>1</v></c></row>");
        }
        TabularLimits roomy = new TabularLimits(1_000_000, 20, 200);
        assertThat(read(workbook().sheets(uses.toString()).bytes(), roomy)).hasSize(100);
        assertThat(refused(workbook().sheets(uses.toString(), uses.toString()).bytes(), roomy).kind())
                .isEqualTo(TabularException.Kind.UNSAFE);
        String someFormulas = "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:C1)</f><v>3</v></c><c r=\"B1\"><v>1</v></c><c r=\"C1\"><v>2</v></c></row>";
        assertThat(read(workbook().sheet(someFormulas).bytes(), LIMITS)).containsExactly(List.of("3", "1", "2"));
    }
}
