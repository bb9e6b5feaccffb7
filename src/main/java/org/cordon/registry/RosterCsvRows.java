package org.cordon.registry;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a CSV file (RFC 4180: comma-separated, fields with commas, quotes or line breaks in double
 * quotes, {@code ""} for a quote), read record by record through a {@link BufferedReader}. The
 * encoding is UTF-8 (with or without byte-order mark) or, when the start of the file is not valid
 * UTF-8, GB18030 — what Excel writes when a Chinese user saves "CSV (comma delimited)".
 * Row numbers count records, as a spreadsheet opening the file shows them.
 */
final class RosterCsvRows implements RosterRows {

    /** A record longer than this (an unclosed quote, a binary file) stops the import. */
    static final int MAX_RECORD_LENGTH = 100_000;
    private static final int SNIFF_BYTES = 64 * 1024;

    /** The file is not a CSV file this reader can make sense of. */
    static final class UnreadableException extends IOException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private final BufferedReader in;
    private int record;

    RosterCsvRows(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), SNIFF_BYTES);
        try {
            Charset charset = detect(raw);
            this.in = new BufferedReader(new InputStreamReader(raw, charset), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Skips a UTF-8 byte-order mark; tells UTF-8 from GB18030 on the first 64 KB. */
    private static Charset detect(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head);
        CharBuffer chars = CharBuffer.allocate(head.length);
        // endOfInput=false: a character cut at the end of the sample is not an error
        var result = utf8.decode(bytes, chars, false);
        if (result.isError()) {
            return Charset.forName("GB18030");
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public Row next() throws IOException {
        List<Value> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int length = 0;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (++length > MAX_RECORD_LENGTH) {
                throw new UnreadableException("CSV record " + (record + 1) + " is too long");
            }
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(Value.text(field.toString()));
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                break;
            } else {
                field.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        fields.add(Value.text(field.toString()));
        return new Row(++record, fields);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

}
