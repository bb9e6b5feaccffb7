package org.cordon.shared.tabular;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * The rows of an uploaded CSV or .xlsx file, one at a time, so that a file of any length is never held in memory
 * (see the {@linkplain org.cordon.shared.tabular package} for what is read and how). The format is told by the
 * content: a zip is a workbook, an OLE2 file an old .xls workbook (refused), anything else CSV text.
 *
 * <p>Everything wrong with the file as a whole — empty, .xls, unreadable, an encoding that is neither UTF-8 nor
 * GB18030, beyond the {@link TabularLimits} — is a {@link TabularException}, thrown by {@code open} or by the
 * {@link #next()} that reaches the problem; an {@link IOException} is a failure of the input itself.
 */
public final class TabularReader implements Closeable {

    /** Bytes looked at to tell the format. */
    private static final int SIGNATURE = 8;
    private static final int BUFFER = 64 * 1024;

    /** Where the rows come from. */
    interface RowSource extends Closeable {
        /** The next row of the current sheet (blank rows included, trailing empty cells left off), or null at its end. */
        TabularRow next() throws IOException;

        /** Moves to the next sheet; false when there is none (a CSV file has one table). */
        default boolean nextSheet() throws IOException {
            return false;
        }

        /** The current sheet's name; null for CSV. */
        default String sheetName() {
            return null;
        }

        /** Whether the current sheet is hidden in the workbook. */
        default boolean sheetHidden() {
            return false;
        }
    }

    private final TabularFormat format;
    private final RowSource source;
    private final TabularLimits limits;
    /** Rows of the sheets before the current one (their highest row numbers), for {@link TabularLimits#maxRows()}. */
    private long rowsBefore;
    private int lastRow;

    private TabularReader(TabularFormat format, RowSource source, TabularLimits limits) {
        this.format = format;
        this.source = source;
        this.limits = limits;
    }

    /** Reads a file on disk (a workbook with random access to its zip). The file is not modified. */
    public static TabularReader open(Path file, TabularLimits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            if (format(in) == TabularFormat.XLSX) {
                in.close();
                return new TabularReader(TabularFormat.XLSX, XlsxRows.open(file, null, limits), limits);
            }
            return new TabularReader(TabularFormat.CSV, new CsvRows(in, limits), limits);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads a stream (an upload), which is closed with the reader. CSV is read straight from it; a workbook is first
     * copied to a temporary file (a zip needs random access), deleted on {@link #close()}.
     */
    public static TabularReader open(InputStream content, TabularLimits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(content, BUFFER);
        try {
            if (format(in) == TabularFormat.XLSX) {
                Path copy = Files.createTempFile("cordon-tabular-", ".xlsx");
                try (in) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    return new TabularReader(TabularFormat.XLSX, XlsxRows.open(copy, copy, limits), limits);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(copy);
                    throw e;
                }
            }
            return new TabularReader(TabularFormat.CSV, new CsvRows(in, limits), limits);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static TabularFormat format(BufferedInputStream in) throws IOException {
        in.mark(SIGNATURE);
        byte[] head = in.readNBytes(SIGNATURE);
        in.reset();
        if (head.length == 0) {
            throw new TabularException(TabularException.Kind.EMPTY, 0, 0, "The file is empty");
        }
        byte[] signature = Arrays.copyOf(head, SIGNATURE);
        if (ReadableWorkbook.isOLE2Header(signature)) {
            throw new TabularException(TabularException.Kind.LEGACY_XLS, 0, 0, "An Excel 97-2003 workbook");
        }
        return ReadableWorkbook.isOOXMLZipHeader(signature) ? TabularFormat.XLSX : TabularFormat.CSV;
    }

    public TabularFormat format() {
        return format;
    }

    /**
     * The current sheet's name (a workbook starts at its first sheet); null for CSV, which has one unnamed table.
     */
    public String sheet() {
        return source.sheetName();
    }

    /** Whether the current sheet is hidden (a workbook's lists for drop-downs often are); false for CSV. */
    public boolean sheetHidden() {
        return source.sheetHidden();
    }

    /**
     * Moves to the next sheet of a workbook, so that {@link #next()} reads its rows; false (and {@link #next()} null)
     * when there is none, and always for CSV. The rows of all sheets together count against
     * {@link TabularLimits#maxRows()}.
     */
    public boolean nextSheet() throws IOException {
        rowsBefore += lastRow;
        lastRow = 0;
        return source.nextSheet();
    }

    /**
     * The next row of the current sheet, blank rows included, or null at the end of the sheet (of the file, for
     * CSV). Row numbers start again at 1 on each sheet.
     *
     * @throws TabularException when the file turns out unreadable here or the row is beyond the limits (for
     *                          {@link TabularLimits#maxRows()}, the rows of the sheets before count too)
     */
    public TabularRow next() throws IOException {
        TabularRow row = source.next();
        if (row == null) {
            return null;
        }
        lastRow = row.number();
        if (rowsBefore + row.number() > limits.maxRows()) {
            throw new TabularException(TabularException.Kind.TOO_MANY_ROWS, row.number(), limits.maxRows(),
                    "More than " + limits.maxRows() + " rows");
        }
        if (row.cells().size() > limits.maxColumns()) {
            throw new TabularException(TabularException.Kind.TOO_MANY_COLUMNS, row.number(), limits.maxColumns(),
                    "Row " + row.number() + " has more than " + limits.maxColumns() + " columns");
        }
        for (TabularCell cell : row.cells()) {
            if (cell.text().length() > limits.maxCellLength()) {
                throw cellTooLong(row.number(), limits);
            }
        }
        return row;
    }

    static TabularException cellTooLong(int row, TabularLimits limits) {
        return new TabularException(TabularException.Kind.CELL_TOO_LONG, row, limits.maxCellLength(),
                "A cell of row " + row + " is longer than " + limits.maxCellLength() + " characters");
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
