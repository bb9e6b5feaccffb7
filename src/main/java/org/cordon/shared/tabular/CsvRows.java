package org.cordon.shared.tabular;

import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Records of a CSV file, parsed by Apache Commons CSV. The encoding is told from the first 64 KB: a UTF-8 byte-order
 * mark, else valid UTF-8, else valid GB18030; anything else fails at once ({@link TabularException.Kind#ENCODING}).
 * Bytes that do not decode further on stop reading at the row that holds them. A NUL character (a binary file)
 * makes the file {@link TabularException.Kind#UNREADABLE}.
 */
final class CsvRows implements TabularReader.RowSource {

    static final Charset GB18030 = Charset.forName("GB18030");
    /** Bytes looked at to tell the encoding. */
    static final int SNIFF_BYTES = 64 * 1024;
    /** What the decoder puts for bytes it cannot decode. */
    private static final char UNDECODABLE = '\uFFFD';

    /**
     * RFC 4180, read like a spreadsheet program reads it: blank lines are rows (the numbering follows the file),
     * text after a closing quote is kept, an unclosed quote ends with the file.
     */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .setLenientEof(true)
            .get();

    private final Charset charset;
    private final Guard guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    CsvRows(BufferedInputStream in, TabularLimits limits) throws IOException {
        this.charset = detect(in);
        Reader decoded = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(UNDECODABLE)));
        this.guard = new Guard(decoded, limits);
        this.parser = CSVParser.builder().setReader(guard).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    /** The encoding of the text (a NUL byte makes it a binary file); skips a UTF-8 byte-order mark. */
    static Charset detect(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        for (byte b : head) {
            if (b == 0) {
                throw new TabularException(TabularException.Kind.UNREADABLE, 0, 0, "A NUL byte: not a text file");
            }
        }
        boolean whole = head.length < SNIFF_BYTES;
        int utf8Error = firstError(StandardCharsets.UTF_8, head, whole);
        if (utf8Error < 0) {
            return StandardCharsets.UTF_8;
        }
        if (firstError(GB18030, head, whole) < 0) {
            return GB18030;
        }
        int line = 1;
        for (int i = 0; i < utf8Error; i++) {
            if (head[i] == '\n') {
                line++;
            }
        }
        throw new TabularException(TabularException.Kind.ENCODING, line, 0, "Neither UTF-8 nor GB18030 text");
    }

    /** The offset of the first byte that does not decode, or -1; a character cut off at the end of a sample is no error. */
    private static int firstError(Charset charset, byte[] bytes, boolean endOfInput) {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, endOfInput);
        return result.isError() ? in.position() : -1;
    }

    @Override
    public TabularRow next() throws IOException {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            // the parser wraps the reader's IOExceptions (a Guard's TabularException comes through as it is)
            if (e.getCause() instanceof CSVException syntax) {
                throw new TabularException(TabularException.Kind.UNREADABLE, "Not CSV: " + syntax.getMessage(), syntax);
            }
            throw e.getCause();
        }
        int number = (int) record.getRecordNumber();
        guard.recordStartsAt(record.getCharacterPosition(), number + 1);
        List<TabularCell> cells = new ArrayList<>(record.size());
        for (String value : record) {
            if (value.indexOf(UNDECODABLE) >= 0) {
                throw new TabularException(TabularException.Kind.ENCODING, number, 0,
                        "Row " + number + " holds bytes that are not " + charset);
            }
            cells.add(TabularCell.text(CsvText.unprotect(value)));
        }
        return TabularRow.trimmed(number, cells);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * Between the decoder and the parser: refuses NUL characters and stops a record that has grown beyond what the
     * limits allow (an unclosed quote would otherwise gather the rest of the file in memory).
     */
    private static final class Guard extends FilterReader {
        private final long maxRecordChars;
        private final TabularLimits limits;
        private long position;
        private long recordStart;
        private int nextRow = 1;

        Guard(Reader in, TabularLimits limits) {
            super(in);
            this.limits = limits;
            // quotes around every cell and every character a doubled quote, plus the parser's read-ahead
            this.maxRecordChars = 2 * (long) limits.maxColumns() * (2L * limits.maxCellLength() + 3) + 2 * SNIFF_BYTES;
        }

        void recordStartsAt(long start, int next) {
            recordStart = start;
            nextRow = next;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                if (buffer[i] == 0) {
                    throw new TabularException(TabularException.Kind.UNREADABLE, nextRow, 0, "A NUL character: not a text file");
                }
            }
            if (n > 0) {
                position += n;
                if (position - recordStart > maxRecordChars) {
                    throw TabularReader.cellTooLong(nextRow, limits);
                }
            }
            return n;
        }
    }
}
