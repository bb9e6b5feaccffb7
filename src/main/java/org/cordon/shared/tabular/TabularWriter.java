package org.cordon.shared.tabular;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a table, row by row, as CSV or .xlsx; nothing but the current row is kept in memory.
 *
 * <p>Cell values: {@code null} and {@code ""} leave the cell empty; a {@link String} is text; a {@link Number}, a
 * {@link java.time.LocalDate} ({@code yyyy-mm-dd}) and a {@link java.time.LocalDateTime} ({@code yyyy-mm-dd hh:mm})
 * are typed cells of a workbook and written in those forms to CSV; anything else is written as its
 * {@code toString()}.
 *
 * <ul>
 * <li>{@link #csv}: UTF-8 with a byte-order mark (so that office suites open it as UTF-8), CRLF line ends, fields
 *     quoted when needed (RFC 4180, Apache Commons CSV). Text that a spreadsheet would run as a formula (starting
 *     with {@code = + - @}, a tab or a carriage return) gets a leading {@code '}; a digit string of 12 or more
 *     characters (an ID number, a phone, a 12- or 15-digit area code) is written as {@code ="…"} so that a
 *     spreadsheet does not turn it into a rounded number. {@link TabularReader} undoes both.</li>
 * <li>{@link #xlsx}: a fastexcel workbook streamed to the output (inline strings, flushed every
 *     {@value XlsxTableWriter#FLUSH_ROWS} rows); headers bold on a light fill with their notes as comments, the
 *     panes frozen below them. Text cells starting like a formula get a leading {@code '} as in CSV
 *     ({@link FormulaGuard}); numbers and dates are typed cells and never guarded.</li>
 * </ul>
 *
 * <p>{@link #finish()} completes the file and leaves the stream open (a servlet response); {@link #close()} also
 * closes it (a file).
 */
public abstract class TabularWriter implements Closeable {

    TabularWriter() {
    }

    /** A CSV file on this stream; the byte-order mark is written at once. */
    public static TabularWriter csv(OutputStream out) throws IOException {
        return new CsvTableWriter(out);
    }

    /** A workbook on this stream. */
    public static TabularWriter xlsx(OutputStream out) {
        return new XlsxTableWriter(out);
    }

    public abstract TabularFormat format();

    /**
     * Starts a sheet with this name (a workbook: a new worksheet after the current one; the first row written
     * without one starts a sheet "Sheet1"). A CSV file holds one table: the name is not written, and a sheet after
     * rows were written is refused.
     */
    public abstract TabularWriter sheet(String name) throws IOException;

    /** Writes a header row: the columns' headers (a workbook also takes their widths, notes and formats). */
    public abstract TabularWriter header(List<TabularColumn> columns) throws IOException;

    /** Writes a row of cells (see the class comment for the values); no values write a blank row. */
    public abstract TabularWriter row(List<?> values) throws IOException;

    public final TabularWriter row(Object... values) throws IOException {
        return row(Arrays.asList(values));
    }

    /** Completes the file and flushes it; the stream stays open. Writing after it is refused. */
    public abstract void finish() throws IOException;

    /** {@link #finish()}, then closes the stream. */
    @Override
    public abstract void close() throws IOException;
}
