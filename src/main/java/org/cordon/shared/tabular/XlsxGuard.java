package org.cordon.shared.tabular;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Checks an .xlsx file before fastexcel reads it, so that a small hostile upload cannot take the heap or the CPU:
 * fastexcel keeps every shared string (up to the highest one a cell refers to) in memory, builds each text and each
 * row whole, sizes a row by its highest column reference and re-parses shared formulas per cell. The guard unpacks
 * every entry once, counting the bytes actually inflated (never trusting the sizes the zip declares), and parses each
 * XML part with the same StAX parser fastexcel uses (Aalto, DTDs off), stopping at the first limit:
 * <ul>
 *   <li>the number of entries (from the zip's end record, before the directory is loaded), bytes per entry and in
 *       all, compression ratio per entry ({@link ArchiveLimits});</li>
 *   <li>no DOCTYPE or entity declaration or reference (an XML part is UTF-8: a UTF-16 part is refused, since byte
 *       checks could not see into it);</li>
 *   <li>no run of text longer than a cell allows or tag longer than {@link #MAX_TAG_BYTES} before the parser gathers
 *       it; no shared string, inline string or value longer than {@link TabularLimits#maxCellLength()};</li>
 *   <li>cell references within Excel's grid (16,384 columns, 1,048,576 rows), elements nested at most
 *       {@link #MAX_DEPTH} deep;</li>
 *   <li>formulas at most {@link #MAX_FORMULA_CHARS} long, at most {@link #MAX_ARRAY_FORMULAS} array formulas and a
 *       bounded amount of shared-formula work.</li>
 * </ul>
 * The file itself is read twice (once here, once by fastexcel); memory stays at a few buffers.
 */
final class XlsxGuard {

    /** Excel's grid. */
    static final int EXCEL_COLUMNS = 16_384;
    static final int EXCEL_ROWS = 1_048_576;
    /** Longest tag (with its attributes) accepted; Excel's are a few hundred bytes. */
    static final int MAX_TAG_BYTES = 1 << 20;
    /** Deepest element nesting accepted; a workbook's parts nest about ten deep. */
    static final int MAX_DEPTH = 256;
    /** Excel's own limit on the length of a formula. */
    static final int MAX_FORMULA_CHARS = 8192;
    /** fastexcel looks every non-formula cell up in the list of array formulas. */
    static final int MAX_ARRAY_FORMULAS = 100;
    /** Shared formulas kept (fastexcel keeps them all). */
    static final int MAX_SHARED_FORMULAS = 100_000;
    /**
     * fastexcel rewrites a shared formula for each cell that uses it in time that grows with the square of its length;
     * the bound holds for the whole workbook (all its sheets are read).
     */
    static final long MAX_SHARED_FORMULA_WORK = 1L << 33;

    private static final Set<String> VALUE_ELEMENTS = Set.of("si", "is", "v", "f");
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int EOCD_MIN = 22;
    private static final XMLInputFactory XML = xmlInputFactory();

    private final TabularLimits limits;
    private final ArchiveLimits archive;
    private final long maxTextBytes;
    private long total;
    /**
     * Shared-formula work of all sheets together: every sheet is read, so the bound is the workbook's, not a
     * sheet's.
     */
    private long sharedWork;

    private XlsxGuard(TabularLimits limits) {
        this.limits = limits;
        this.archive = limits.archive();
        // a cell's characters written as UTF-8 (up to 3 bytes) or as entities (&amp; is 5 bytes, &#x20000; 9 for 2 chars)
        this.maxTextBytes = Math.max(64 * 1024, 6L * limits.maxCellLength());
    }

    /**
     * Checks the workbook in {@code file}.
     *
     * @throws TabularException beyond a limit, or {@link TabularException.Kind#UNREADABLE} for a broken zip or XML
     */
    static void check(Path file, TabularLimits limits) throws IOException {
        new XlsxGuard(limits).check(file);
    }

    private static XMLInputFactory xmlInputFactory() {
        XMLInputFactory factory = new com.fasterxml.aalto.stax.InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        return factory;
    }

    private void check(Path file) throws IOException {
        int declared = declaredEntries(file);
        if (declared > archive.maxEntries()) {
            throw tooManyEntries();
        }
        long fileSize = java.nio.file.Files.size(file);
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            throw unreadable("Not a zip: " + e, e);
        }
        try (zip) {
            int entries = 0;
            for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > archive.maxEntries()) {
                    throw tooManyEntries();
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long compressed = entry.getCompressedSize() < 0 ? fileSize : Math.min(entry.getCompressedSize(), fileSize);
                try (InputStream raw = zip.getInputStream(entry)) {
                    if (raw == null) {
                        throw unreadable("Entry " + entry.getName() + " cannot be read", null);
                    }
                    scan(new BufferedInputStream(new Inflated(raw, compressed), 64 * 1024), entry.getName());
                }
            }
        } catch (TabularException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable("Broken zip: " + e, e);
        }
    }

    /** The entry count of the zip's end-of-central-directory record (0xFFFF, a zip64 file: counted while listing). */
    private static int declaredEntries(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, EOCD_MIN + 0xFFFF);
            ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, size - tail);
            for (int i = tail - EOCD_MIN; i >= 0; i--) {
                if (buffer.getInt(i) == EOCD_SIGNATURE) {
                    return Short.toUnsignedInt(buffer.getShort(i + 10));
                }
            }
        }
        throw unreadable("No end of central directory", null);
    }

    /** An XML part is checked while parsed; any other entry (an image) is only unpacked and counted. */
    private void scan(BufferedInputStream in, String name) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(16);
        in.reset();
        int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE || head[0] == 0 && head[1] == '<'
                || head[0] == '<' && head[1] == 0)) {
            throw unreadable("UTF-16 XML in " + name, null);
        }
        while (start < head.length && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r' || head[start] == '\n')) {
            start++;
        }
        if (start < head.length && head[start] == '<') {
            scanXml(new Markup(in, maxTextBytes), name);
        } else {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private void scanXml(InputStream in, String name) throws IOException {
        XMLStreamReader xml;
        try {
            xml = XML.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw unreadable("Not XML: " + name, e);
        }
        int depth = 0;
        int valueDepth = -1;
        boolean formula = false;
        long valueChars = 0;
        String sharedBase = null;
        int cellsInRow = 0;
        int arrayFormulas = 0;
        Map<String, Integer> sharedFormulas = new HashMap<>();
        try {
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                            throw unsafe("A DOCTYPE in " + name);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw unsafe("An entity reference in " + name);
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw unreadable("Elements nested deeper than " + MAX_DEPTH + " in " + name, null);
                        }
                        String local = xml.getLocalName();
                        switch (local) {
                            case "row" -> {
                                cellsInRow = 0;
                                String r = xml.getAttributeValue(null, "r");
                                if (r != null && !withinRows(r)) {
                                    throw unreadable("Row " + r + " beyond Excel's grid in " + name, null);
                                }
                            }
                            case "c" -> {
                                if (++cellsInRow > EXCEL_COLUMNS) {
                                    throw unreadable("A row of more than " + EXCEL_COLUMNS + " cells in " + name, null);
                                }
                                String r = xml.getAttributeValue(null, "r");
                                if (r != null && !withinGrid(r)) {
                                    throw unreadable("Cell " + abbreviated(r) + " beyond Excel's grid in " + name, null);
                                }
                            }
                            case "f" -> {
                                String t = xml.getAttributeValue(null, "t");
                                String si = xml.getAttributeValue(null, "si");
                                if ("array".equals(t) && ++arrayFormulas > MAX_ARRAY_FORMULAS) {
                                    throw unsafe("More than " + MAX_ARRAY_FORMULAS + " array formulas in " + name);
                                }
                                if ("shared".equals(t) && si != null) {
                                    if (xml.getAttributeValue(null, "ref") != null) {
                                        sharedBase = si;
                                    } else {
                                        Integer length = sharedFormulas.get(si);
                                        sharedWork += length == null ? 0 : (long) length * length;
                                        if (sharedWork > MAX_SHARED_FORMULA_WORK) {
                                            throw unsafe("Too much shared-formula work in the workbook (at " + name + ")");
                                        }
                                    }
                                }
                            }
                            default -> {
                            }
                        }
                        if (valueDepth < 0 && VALUE_ELEMENTS.contains(local)) {
                            valueDepth = depth;
                            valueChars = 0;
                            formula = "f".equals(local);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == valueDepth) {
                            if (formula && sharedBase != null) {
                                if (sharedFormulas.size() >= MAX_SHARED_FORMULAS) {
                                    throw unsafe("More than " + MAX_SHARED_FORMULAS + " shared formulas in " + name);
                                }
                                sharedFormulas.put(sharedBase, (int) valueChars);
                            }
                            sharedBase = null;
                            valueDepth = -1;
                        }
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (valueDepth >= 0) {
                            valueChars += xml.getTextLength();
                            if (formula && valueChars > MAX_FORMULA_CHARS) {
                                throw unsafe("A formula longer than " + MAX_FORMULA_CHARS + " characters in " + name);
                            }
                            if (!formula && valueChars > limits.maxCellLength()) {
                                throw new TabularException(TabularException.Kind.TEXT_TOO_LONG, 0, limits.maxCellLength(),
                                        "A text longer than " + limits.maxCellLength() + " characters in " + name);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw unreadable("Broken XML in " + name + ": " + e.getMessage(), e);
        } finally {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // the stream is closed by the caller
            }
        }
        // what follows the root element (nothing, in a workbook) is unpacked and counted too
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    /** A cell reference as fastexcel reads it: optional $, column letters, optional $, row digits. */
    static boolean withinGrid(String reference) {
        int i = 0;
        int n = reference.length();
        if (i < n && reference.charAt(i) == '$') {
            i++;
        }
        long column = 0;
        int letters = 0;
        for (; i < n; i++) {
            char c = reference.charAt(i);
            if (c == '$' || (c >= '0' && c <= '9')) {
                break;
            }
            if (++letters > 3 || !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
            column = column * 26 + (Character.toUpperCase(c) - 'A' + 1);
        }
        if (i < n && reference.charAt(i) == '$') {
            i++;
        }
        return column >= 1 && column <= EXCEL_COLUMNS && withinRows(reference.substring(i));
    }

    private static boolean withinRows(String row) {
        if (row.isEmpty() || row.length() > 7) {
            return false;
        }
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) < '0' || row.charAt(i) > '9') {
                return false;
            }
        }
        int number = Integer.parseInt(row);
        return number >= 1 && number <= EXCEL_ROWS;
    }

    private static String abbreviated(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    private TabularException tooManyEntries() {
        return new TabularException(TabularException.Kind.TOO_MANY_ENTRIES, 0, archive.maxEntries(),
                "More than " + archive.maxEntries() + " entries in the workbook");
    }

    private static TabularException unsafe(String message) {
        return new TabularException(TabularException.Kind.UNSAFE, 0, 0, message);
    }

    private static TabularException unreadable(String message, Throwable cause) {
        return new TabularException(TabularException.Kind.UNREADABLE, message, cause);
    }

    private static int megabytes(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes >> 20);
    }

    /**
     * The inflated bytes of one entry, counted against the entry's, the file's and the ratio limit. The ratio is of
     * the bytes inflated so far to the compressed bytes read so far (commons-compress counts both), so that a bomb is
     * stopped within its first megabytes, not after it has unpacked as much as its whole compressed size allows.
     */
    private final class Inflated extends FilterInputStream {
        private final InputStreamStatistics statistics;
        private final long compressedSize;
        private long count;

        Inflated(InputStream in, long compressedSize) {
            super(in);
            this.statistics = in instanceof InputStreamStatistics s ? s : null;
            this.compressedSize = compressedSize;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read, not skipped: every byte is counted
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        private long compressed() {
            return statistics == null ? compressedSize : Math.min(statistics.getCompressedCount(), compressedSize);
        }

        private void counted(int n) {
            count += n;
            total += n;
            if (count > archive.maxEntryBytes()) {
                throw new TabularException(TabularException.Kind.UNPACKED_TOO_LARGE, 0, megabytes(archive.maxEntryBytes()),
                        "An entry unpacks to more than " + archive.maxEntryBytes() + " bytes");
            }
            if (total > archive.maxTotalBytes()) {
                throw new TabularException(TabularException.Kind.UNPACKED_TOO_LARGE, 0, megabytes(archive.maxTotalBytes()),
                        "The workbook unpacks to more than " + archive.maxTotalBytes() + " bytes");
            }
            if (count > ArchiveLimits.RATIO_GRACE_BYTES
                    && count > Math.max(compressed(), 1) * archive.maxCompressionRatio()) {
                throw new TabularException(TabularException.Kind.COMPRESSION_RATIO, 0, archive.maxCompressionRatio(),
                        "An entry compressed more than " + archive.maxCompressionRatio() + " times");
            }
        }
    }

    /**
     * Between the inflater and the parser: stops a run of character data longer than a cell allows, or a tag longer
     * than {@link #MAX_TAG_BYTES}, before the parser gathers it into one string, and refuses a DOCTYPE or ENTITY
     * declaration whatever the parser would make of it. UTF-8 never has {@code <}, {@code >} or quotes inside a
     * multi-byte character, so bytes tell markup from text.
     */
    private static final class Markup extends FilterInputStream {
        private static final int TEXT = 0;
        private static final int TAG_START = 1;
        private static final int TAG = 2;
        private static final int QUOTED = 3;
        private static final int DECLARATION = 4;
        private static final byte[] DOCTYPE = "!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final byte[] ENTITY = "!ENTITY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private final long maxText;
        private int state = TEXT;
        private byte quote;
        private long run;
        private final byte[] declaration = new byte[DOCTYPE.length];
        private int declared;

        Markup(InputStream in, long maxText) {
            super(in);
            this.maxText = maxText;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                look((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                look(buffer[i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void look(byte b) {
            switch (state) {
                case TEXT -> {
                    if (b == '<') {
                        state = TAG_START;
                        run = 0;
                        declared = 0;
                    } else if (++run > maxText) {
                        throw new TabularException(TabularException.Kind.TEXT_TOO_LONG, 0, (int) Math.min(Integer.MAX_VALUE, maxText),
                                "A run of text longer than " + maxText + " bytes");
                    }
                }
                case TAG_START -> {
                    state = b == '!' || b == '?' ? DECLARATION : TAG;
                    inside(b);
                }
                default -> inside(b);
            }
        }

        private void inside(byte b) {
            if (++run > MAX_TAG_BYTES) {
                throw unreadable("A tag longer than " + MAX_TAG_BYTES + " bytes", null);
            }
            switch (state) {
                case TAG -> {
                    if (b == '"' || b == '\'') {
                        state = QUOTED;
                        quote = b;
                    } else if (b == '>') {
                        state = TEXT;
                        run = 0;
                    }
                }
                case QUOTED -> {
                    if (b == quote) {
                        state = TAG;
                    }
                }
                case DECLARATION -> {
                    if (declared < declaration.length) {
                        declaration[declared++] = b;
                        if (starts(DOCTYPE) || starts(ENTITY)) {
                            throw unsafe("A DOCTYPE or ENTITY declaration");
                        }
                    }
                    if (b == '>') {
                        state = TEXT;
                        run = 0;
                    }
                }
                default -> {
                }
            }
        }

        private boolean starts(byte[] keyword) {
            if (declared != keyword.length) {
                return false;
            }
            for (int i = 0; i < keyword.length; i++) {
                if (declaration[i] != keyword[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
