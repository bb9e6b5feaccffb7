package org.cordon.shared.tabular;

/**
 * The one defence against formula injection ("CSV injection") of every table the platform writes, CSV and .xlsx
 * alike: a text cell starting with {@code = + - @}, a tab or a carriage return would be run as a formula by a
 * spreadsheet program (when the CSV is opened, or when a workbook cell is edited or the workbook saved as CSV), so
 * it is written with a leading apostrophe, as OWASP advises. Only text is guarded: a number written as a number
 * (a workbook's numeric cell, {@code -3} in a CSV column of numbers) is no formula and keeps its value; the text
 * {@code "-1+1"} is guarded. {@link TabularReader} removes the apostrophe again, so a file the platform wrote can be
 * corrected and uploaded.
 */
final class FormulaGuard {

    /** Characters that start a formula at the beginning of a cell. */
    static final String FORMULA_START = "=+-@\t\r";

    private FormulaGuard() {
    }

    /** The text as written: with a leading apostrophe when it starts like a formula. */
    static String neutralise(String text) {
        if (text == null || text.isEmpty() || FORMULA_START.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    /** The text as read: {@link #neutralise}'s apostrophe removed. */
    static String restore(String text) {
        if (text != null && text.length() >= 2 && text.charAt(0) == '\'' && FORMULA_START.indexOf(text.charAt(1)) >= 0) {
            return text.substring(1);
        }
        return text;
    }
}
