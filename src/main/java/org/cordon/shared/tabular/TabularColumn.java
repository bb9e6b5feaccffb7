package org.cordon.shared.tabular;

/**
 * A column of a table being written: its header and how a workbook presents it (a CSV file has the header only).
 *
 * @param header     the header text
 * @param width      the column's width in characters; 0 for the default
 * @param note       a comment on the header cell (e.g. what to fill in), or null
 * @param emphasised the header stands out (e.g. a required column of a template)
 * @param content    what the column holds, for the cells a user types in later
 */
public record TabularColumn(String header, double width, String note, boolean emphasised, Content content) {

    /** The format of a column's empty cells in a workbook. */
    public enum Content {
        /** Whatever the user types. */
        GENERAL,
        /** Text, so that a spreadsheet keeps ID numbers, phones and codes as typed. */
        TEXT,
        /** Dates ({@code yyyy-mm-dd}). */
        DATE
    }

    /** A column with this header and nothing else. */
    public static TabularColumn of(String header) {
        return new TabularColumn(header, 0, null, false, Content.GENERAL);
    }

    public TabularColumn width(double width) {
        return new TabularColumn(header, width, note, emphasised, content);
    }

    public TabularColumn note(String note) {
        return new TabularColumn(header, width, note, emphasised, content);
    }

    public TabularColumn emphasised(boolean emphasised) {
        return new TabularColumn(header, width, note, emphasised, content);
    }

    public TabularColumn content(Content content) {
        return new TabularColumn(header, width, note, emphasised, content);
    }
}
