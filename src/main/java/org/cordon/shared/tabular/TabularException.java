package org.cordon.shared.tabular;

import org.cordon.shared.FieldProblem;

/**
 * A file that cannot be read as a table, or one beyond the caller's {@link TabularLimits}. The caller turns it into
 * its own message code with {@link #code(String)} ({@code <prefix>.<kind>}, e.g. {@code area.import.encoding}); the
 * message arguments are {@link #row()} and {@link #limit()}.
 */
public final class TabularException extends RuntimeException {

    /** What is wrong with the file. */
    public enum Kind {
        /** No bytes at all. */
        EMPTY("empty"),
        /** An old Excel 97–2003 (.xls) workbook. */
        LEGACY_XLS("xls"),
        /** Neither CSV text nor a readable workbook (a broken zip, another binary file). */
        UNREADABLE("unreadable"),
        /** Text that is neither UTF-8 nor GB18030; {@link #row()} is (about) where decoding failed. */
        ENCODING("encoding"),
        /** More rows than {@link TabularLimits#maxRows()}. */
        TOO_MANY_ROWS("tooManyRows"),
        /** A row with more columns than {@link TabularLimits#maxColumns()}. */
        TOO_MANY_COLUMNS("tooManyColumns"),
        /** A cell longer than {@link TabularLimits#maxCellLength()} (in CSV often a quote that is not closed). */
        CELL_TOO_LONG("cellTooLong"),
        /**
         * A text in a workbook (a shared string, an inline string, a value) longer than
         * {@link TabularLimits#maxCellLength()}, found before any row is read ({@link #row()} 0).
         */
        TEXT_TOO_LONG("textTooLong"),
        /** A workbook (zip) of more entries than {@link ArchiveLimits#maxEntries()}. */
        TOO_MANY_ENTRIES("tooManyEntries"),
        /**
         * A workbook that unpacks to more than {@link ArchiveLimits#maxEntryBytes()} in one entry or
         * {@link ArchiveLimits#maxTotalBytes()} in all; {@link #limit()} is the limit exceeded in MB.
         */
        UNPACKED_TOO_LARGE("unpackedTooLarge"),
        /** A workbook entry compressed more than {@link ArchiveLimits#maxCompressionRatio()} times (a zip bomb). */
        COMPRESSION_RATIO("compressionRatio"),
        /**
         * A workbook whose XML declares a DOCTYPE or entities (which could read files or expand without end), or
         * that holds more formulas or longer ones than can be read in bounded time.
         */
        UNSAFE("unsafe");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The last part of the message code. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final int row;
    private final int limit;

    TabularException(Kind kind, int row, int limit, String message) {
        super(message);
        this.kind = kind;
        this.row = row;
        this.limit = limit;
    }

    TabularException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.row = 0;
        this.limit = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The row (as a spreadsheet numbers it) where reading stopped; 0 when the file failed before its first row. */
    public int row() {
        return row;
    }

    /** The limit that was exceeded; 0 for the kinds that are no limit. */
    public int limit() {
        return limit;
    }

    /** The message code {@code prefix + "." + kind}, e.g. {@code roster.file.tooManyRows}. */
    public String code(String prefix) {
        return prefix + "." + kind.code();
    }

    /**
     * The problem on a field: {@link #code(String)} with the arguments {@link #row()} (as text, so that a message
     * shows it without digit grouping) and {@link #limit()}.
     */
    public FieldProblem problem(String field, String prefix) {
        return new FieldProblem(field, code(prefix), String.valueOf(row), limit);
    }
}
