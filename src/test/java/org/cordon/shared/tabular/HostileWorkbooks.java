package org.cordon.shared.tabular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small .xlsx files built part by part (with {@link ZipOutputStream}, so that any part can be hostile): a zip bomb,
 * a DOCTYPE, too many entries, a huge string. The parts are the least fastexcel reads: content types, workbook, its
 * relationships, one sheet and the shared strings.
 */
public final class HostileWorkbooks {

    public static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>""";
    private static final String WORKBOOK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN + "\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    private static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            + "Target=\"worksheets/sheet1.xml\"/></Relationships>";

    /** Writes a part's content. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private final Map<String, Content> parts = new LinkedHashMap<>();

    private HostileWorkbooks() {
        part("[Content_Types].xml", CONTENT_TYPES);
        part("xl/workbook.xml", WORKBOOK);
        part("xl/_rels/workbook.xml.rels", RELS);
        sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
        sharedStrings("<si><t>code</t></si>");
    }

    /** A workbook whose first sheet has one cell (A1, shared string 0, "code"). */
    public static HostileWorkbooks workbook() {
        return new HostileWorkbooks();
    }

    /** The sheet's {@code sheetData} content. */
    public HostileWorkbooks sheet(String rows) {
        return part("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
                + "\"><sheetData>" + rows + "</sheetData></worksheet>");
    }

    /**
     * Makes the workbook's sheets these, named Sheet1, Sheet2, … in order, each given by its {@code sheetData}
     * content.
     */
    public HostileWorkbooks sheets(String... rows) {
        StringBuilder types = new StringBuilder(CONTENT_TYPES.substring(0, CONTENT_TYPES.indexOf("<Override PartName=\"/xl/worksheets")));
        StringBuilder sheets = new StringBuilder();
        StringBuilder rels = new StringBuilder();
        for (int i = 1; i <= rows.length; i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\"application/")
                    .append("vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            sheets.append("<sheet name=\"Sheet").append(i).append("\" sheetId=\"").append(i).append("\" r:id=\"rId").append(i)
                    .append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/")
                    .append("2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
            part("xl/worksheets/sheet" + i + ".xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
                    + "\"><sheetData>" + rows[i - 1] + "</sheetData></worksheet>");
        }
        types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/")
                .append("vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
        part("[Content_Types].xml", types.toString());
        part("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN + "\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" + sheets
                + "</sheets></workbook>");
        return part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels
                + "</Relationships>");
    }

    /** The shared strings' {@code sst} content. */
    public HostileWorkbooks sharedStrings(String items) {
        return part("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">" + items + "</sst>");
    }

    public HostileWorkbooks part(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return part(name, out -> out.write(bytes));
    }

    public HostileWorkbooks part(String name, Content content) {
        parts.put(name, content);
        return this;
    }

    /**
     * Shared strings whose first item is {@code prefix}, then {@code count} bytes of {@code filler}, then
     * {@code suffix}: deflated about 1,000 times.
     */
    public HostileWorkbooks hugeSharedString(long count, char filler) {
        return part("xl/sharedStrings.xml", out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\"><si><t>").getBytes(StandardCharsets.UTF_8));
            repeat(out, (byte) filler, count);
            out.write("</t></si></sst>".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Writes {@code count} copies of {@code b}. */
    public static void repeat(OutputStream out, byte b, long count) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, b);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
    }

    /** {@code sheetData} content of rows of inline strings, numbered from 1. */
    public static String inlineRows(java.util.List<java.util.List<String>> rows) {
        StringBuilder xml = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            xml.append("<row r=\"").append(r + 1).append("\">");
            for (int c = 0; c < rows.get(r).size(); c++) {
                String text = rows.get(r).get(c).replace("&", "&amp;").replace("<", "&lt;");
                xml.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append("\" t=\"inlineStr\"><is><t>")
                        .append(text).append("</t></is></c>");
            }
            xml.append("</row>");
        }
        return xml.toString();
    }

    /** Adds {@code count} small entries. */
    public HostileWorkbooks extraEntries(int count) {
        for (int i = 0; i < count; i++) {
            part("customXml/item" + i + ".xml", "<a/>");
        }
        return this;
    }

    /** The zip, deflated at the best compression. */
    public byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, Content> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                part.getValue().write(zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
