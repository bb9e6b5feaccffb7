package org.cordon.shared.tabular;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One cell as read.
 *
 * @param text   the cell's text, never null ({@code ""} when empty); a number cell's value without trailing zeros
 * @param number the value of a workbook's number cell, else null (CSV cells are text)
 * @param date   the date of a workbook's number cell read as an Excel date serial (1 to 2958465, i.e. up to
 *               9999-12-31), else null; whether it is meant as a date is for the caller to know
 */
public record TabularCell(String text, BigDecimal number, LocalDate date) {

    /** A cell with nothing in it (also what a row gives for a column beyond its end). */
    public static final TabularCell EMPTY = new TabularCell("", null, null);

    public TabularCell {
        text = text == null ? "" : text;
    }

    /** A text cell. */
    public static TabularCell text(String text) {
        return text == null || text.isEmpty() ? EMPTY : new TabularCell(text, null, null);
    }

    /** Empty or only white space. */
    public boolean blank() {
        return text.isBlank();
    }
}
