package org.cordon.shared.tabular;

import java.util.regex.Pattern;

/**
 * What a spreadsheet program would do to a CSV cell, and its undoing. Text starting with {@code = + - @}, a tab or
 * a carriage return would be run as a formula (CSV injection): it is written with a leading apostrophe
 * ({@link FormulaGuard}). Long digit
 * strings (ID numbers, phones, 12- and 15-digit area codes) would become rounded numbers: they are written as
 * {@code ="…"}, which a spreadsheet shows as the text itself. The reader undoes both.
 */
final class CsvText {

    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{12,}[\\dXx]?");
    private static final Pattern TEXT_FORMULA = Pattern.compile("=\"([^\"]*)\"");

    private CsvText() {
    }

    /** A text cell as written to CSV (before quoting). */
    static String protect(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (LONG_NUMBER.matcher(value).matches()) {
            return "=\"" + value + "\"";
        }
        return FormulaGuard.neutralise(value);
    }

    /** A CSV cell as read (after unquoting): {@link #protect}'s additions removed. */
    static String unprotect(String value) {
        String restored = FormulaGuard.restore(value);
        if (restored.length() != value.length()) {
            return restored;
        }
        if (value.length() >= 3 && value.charAt(0) == '=') {
            var m = TEXT_FORMULA.matcher(value);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return value;
    }
}
