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
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * Rows of the sheets of an .xlsx file, one sheet after the other in the workbook's order, streamed with
 * fastexcel-reader from a file on disk (random access to the zip; opening from a stream would copy the whole file
 * into memory). A broken zip or sheet is {@link TabularException.Kind#UNREADABLE}, where it is met.
 */
final class XlsxRows implements TabularReader.RowSource {

    /** Largest Excel date serial (9999-12-31). */
    private static final BigDecimal MAX_DATE_SERIAL = BigDecimal.valueOf(2_958_465);

    private final ReadableWorkbook workbook;
    private final List<Sheet> sheets;
    private final Path deleteOnClose;
    private int sheet = -1;
    private Stream<Row> stream;
    private Iterator<Row> rows;
    private int lastRow;

    private XlsxRows(ReadableWorkbook workbook, List<Sheet> sheets, Path deleteOnClose) {
        this.workbook = workbook;
        this.sheets = sheets;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Opens the workbook at its first sheet once {@link XlsxGuard} has found all of it within the limits;
     * {@code deleteOnClose} (may be null) is deleted when the rows are closed.
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
            XlsxRows rows = new XlsxRows(workbook, workbook.getSheets().toList(), deleteOnClose);
            if (!rows.nextSheet()) {
                throw new IllegalStateException("A workbook without sheets");
            }
            return rows;
        } catch (Exception e) {
            workbook.close();
            throw unreadable(0, e);
        }
    }

    @Override
    public boolean nextSheet() {
        if (stream != null) {
            stream.close();
            stream = null;
            rows = null;
        }
        if (sheet + 1 >= sheets.size()) {
            sheet = sheets.size();
            return false;
        }
        sheet++;
        lastRow = 0;
        try {
            stream = sheets.get(sheet).openStream();
            rows = stream.iterator();
        } catch (Exception e) {
            throw unreadable(0, e);
        }
        return true;
    }

    @Override
    public String sheetName() {
        return sheet >= 0 && sheet < sheets.size() ? sheets.get(sheet).getName() : null;
    }

    @Override
    public boolean sheetHidden() {
        return sheet >= 0 && sheet < sheets.size() && sheets.get(sheet).getVisibility() != SheetVisibility.VISIBLE;
    }

    private static TabularException unreadable(int afterRow, Exception cause) {
        return new TabularException(TabularException.Kind.UNREADABLE,
                "Unreadable workbook" + (afterRow > 0 ? " after row " + afterRow : "") + ": " + cause, cause);
    }

    @Override
    public TabularRow next() {
        Row row;
        if (rows == null) {
            return null;
        }
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
            if (stream != null) {
                stream.close();
            }
            workbook.close();
        } finally {
            if (deleteOnClose != null) {
                Files.deleteIfExists(deleteOnClose);
            }
        }
    }
}
