package org.cordon.area;

import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma-separated, double quotes around fields with commas, quotes or
 * line breaks, {@code ""} for a quote) one at a time, so a file is never held in memory. A leading
 * byte-order mark is skipped.
 */
final class CsvRecords implements Closeable {

    /** Thrown when a record exceeds {@link #MAX_RECORD_LENGTH} characters (e.g. an unclosed quote). */
    static final class RecordTooLongException extends IOException {
        final int record;

        RecordTooLongException(int record) {
            super("CSV record " + record + " is too long");
            this.record = record;
        }
    }

    static final int MAX_RECORD_LENGTH = 10_000;

    private final PushbackReader in;
    private int records;
    private boolean started;

    CsvRecords(Reader reader) {
        this.in = new PushbackReader(reader, 1);
    }

    /** Number of the record last returned (1 for the first). */
    int recordNumber() {
        return records;
    }

    /** The next record's fields, or null at the end of the input. A blank line gives one empty field. */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            int first = in.read();
            if (first != -1 && first != '\uFEFF') {
                in.unread(first);
            }
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        boolean any = false;
        int length = 0;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (++length > MAX_RECORD_LENGTH) {
                throw new RecordTooLongException(records + 1);
            }
            if (quoted) {
                if (c == '"') {
                    int d = in.read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (d != -1) {
                            in.unread(d);
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r') {
                int d = in.read();
                if (d != '\n' && d != -1) {
                    in.unread(d);
                }
                break;
            } else if (c == '\n') {
                break;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
        }
        if (!any) {
            return null;
        }
        fields.add(field.toString());
        records++;
        return fields;
    }

    /** A field for writing: quoted when it contains a comma, quote or line break. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would be run as a formula by spreadsheet programs
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
