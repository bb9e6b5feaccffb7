package org.cordon.registry;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The rows of an uploaded roster, read one at a time so that a file of any length is never held in
 * memory. Implementations: {@link RosterXlsxRows} (Excel 2007+) and {@link RosterCsvRows} (CSV).
 */
interface RosterRows extends Closeable {

    /**
     * One cell as read.
     *
     * @param text   the cell's text (numbers without trailing zeros), null when empty
     * @param number the numeric value of a number cell, else null
     * @param date   the date of a number cell read as an Excel date serial, else null
     */
    record Value(String text, BigDecimal number, LocalDate date) {

        static Value text(String text) {
            return new Value(text == null || text.isEmpty() ? null : text, null, null);
        }

        boolean blank() {
            return text == null || text.isBlank();
        }
    }

    /**
     * One row.
     *
     * @param number the row number as the spreadsheet shows it (1-based, header included)
     * @param cells  the row's cells by column index (missing cells are null)
     */
    record Row(int number, List<Value> cells) {

        Value cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }

        boolean blank() {
            for (Value v : cells) {
                if (v != null && !v.blank()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The next row (blank rows included), or null at the end of the sheet. */
    Row next() throws IOException;
}
