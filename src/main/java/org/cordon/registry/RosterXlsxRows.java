package org.cordon.registry;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * Rows of the first sheet of an .xlsx file, streamed with fastexcel-reader from a file on disk
 * (random access to the zip; opening from a stream would copy the whole file into memory).
 */
final class RosterXlsxRows implements RosterRows {

    /** Largest Excel date serial (9999-12-31). */
    private static final BigDecimal MAX_DATE_SERIAL = BigDecimal.valueOf(2_958_465);

    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;

    RosterXlsxRows(Path file) throws IOException {
        this.workbook = new ReadableWorkbook(file.toFile());
        try {
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    @Override
    public Row next() {
        if (!rows.hasNext()) {
            return null;
        }
        org.dhatim.fastexcel.reader.Row row = rows.next();
        List<Value> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(value(row.getCell(i)));
        }
        return new Row(row.getRowNum(), cells);
    }

    private static Value value(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber();
            LocalDate date = null;
            if (number.signum() > 0 && number.compareTo(MAX_DATE_SERIAL) <= 0) {
                try {
                    date = cell.asDate().toLocalDate();
                } catch (RuntimeException notADate) {
                    // left as a number
                }
            }
            return new Value(number.stripTrailingZeros().toPlainString(), number, date);
        }
        String text = cell.getType() == CellType.STRING ? cell.asString() : cell.getText();
        return Value.text(text);
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
