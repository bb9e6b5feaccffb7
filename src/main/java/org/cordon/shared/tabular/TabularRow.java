package org.cordon.shared.tabular;

import java.util.List;

/**
 * One row as read.
 *
 * @param number the row number as a spreadsheet shows it (1 for the first row; a CSV record with line breaks in a
 *               quoted field is one row)
 * @param cells  the row's cells by column index, up to the last one that is not empty
 */
public record TabularRow(int number, List<TabularCell> cells) {

    public TabularRow {
        cells = List.copyOf(cells);
    }

    /** A row as read: the cells up to the last one that is not empty. */
    static TabularRow trimmed(int number, List<TabularCell> cells) {
        int filled = cells.size();
        while (filled > 0 && cells.get(filled - 1).text().isEmpty()) {
            filled--;
        }
        return new TabularRow(number, cells.subList(0, filled));
    }

    /** The cell in this column (0-based); {@link TabularCell#EMPTY} beyond the row's end. */
    public TabularCell cell(int column) {
        return column < cells.size() ? cells.get(column) : TabularCell.EMPTY;
    }

    /** The text in this column (0-based); {@code ""} beyond the row's end. */
    public String text(int column) {
        return cell(column).text();
    }

    /** True when no cell holds anything but white space. */
    public boolean blank() {
        return cells.stream().allMatch(TabularCell::blank);
    }
}
