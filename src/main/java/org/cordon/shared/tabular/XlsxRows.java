package org.cordon.shared.tabular;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Rows of the first sheet of an .xlsx file, streamed with fastexcel-reader from a file on disk (random access to
 * the zip; opening from a stream would copy the whole file into memory). A broken zip or sheet is
 * {@link TabularException.Kind#UNREADABLE}, where it is met.
 */
final class XlsxRows implements TabularReader.RowSource {

    /** Largest Excel date serial (9999-12-31). */
    private static final BigDecimal MAX_DATE_SERIAL = BigDecimal.valueOf(2_958_465);

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Path deleteOnClose;
    private int lastRow;

    private XlsxRows(ReadableWorkbook workbook, Stream<Row> stream, Path deleteOnClose) {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Opens the workbook's first sheet once {@link XlsxGuard} has found it within the limits; {@code deleteOnClose}
     * (may be null) is deleted when the rows are closed.
     */
    static XlsxRows open(Path file, Path deleteOnClose, TabularLimits limits) throws IOException {
        XlsxGuard.check(file, limits);
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(file.toFile());
        } catch (Exception e) {
            // a local file: failing to open it is a broken upload (a truncated zip, a zip that is no workbook)
            throw unreadable(0, e);
        }
        try {
            return new XlsxRows(workbook, workbook.getFirstSheet().openStream(), deleteOnClose);
        } catch (Exception e) {
            workbook.close();
            throw unreadable(0, e);
        }
    }

    private static TabularException unreadable(int afterRow, Exception cause) {
        return new TabularException(TabularException.Kind.UNREADABLE,
                "Unreadable workbook" + (afterRow > 0 ? " after row " + afterRow : "") + ": " + cause, cause);
    }

    @Override
    public TabularRow next() {
        Row row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (RuntimeException e) {
            // fastexcel's ExcelReaderException, or an XMLStreamException / IOException wrapped in a RuntimeException
            throw unreadable(lastRow, e);
        }
        lastRow = row.getRowNum();
        List<TabularCell> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(cell(row.getCell(i)));
        }
        return TabularRow.trimmed(row.getRowNum(), cells);
    }

    private static TabularCell cell(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return TabularCell.EMPTY;
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber();
            if (number == null) {
                return TabularCell.EMPTY;
            }
            LocalDate date = null;
            if (number.signum() > 0 && number.compareTo(MAX_DATE_SERIAL) <= 0) {
                try {
                    date = cell.asDate().toLocalDate();
                } catch (RuntimeException notADate) {
                    // left as a number
                }
            }
            return new TabularCell(number.stripTrailingZeros().toPlainString(), number, date);
        }
        // a text the platform wrote with an apostrophe against formula injection comes back as it was
        return TabularCell.text(FormulaGuard.restore(cell.getType() == CellType.STRING ? cell.asString() : cell.getText()));
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
            workbook.close();
        } finally {
            if (deleteOnClose != null) {
                Files.deleteIfExists(deleteOnClose);
            }
        }
    }
}
