package org.cordon.shared.tabular;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cordon.shared.TypedInput;

/**
 * Finds the header row of a table among the first rows of a sheet, as files made by hand have it: title rows above
 * the header ({@code 神木市返乡人员登记表}, a date, who made it), and two-row headers whose upper row holds group
 * labels over merged cells ({@code 基本信息} over 姓名, 证件号码, …) or labels merged down over both rows. A merged
 * cell's text is in its first (top-left) cell only; the others read as empty.
 *
 * <p>Each of the first {@value #SEARCH_ROWS} non-blank rows is tried as the header. A cell names a column when the
 * caller's {@code labels} recognise its text; an empty cell takes the text of the cell right above it (a label
 * merged over two rows), and a text is tried after the group label above it first (the nearest upper cell to its
 * left: {@code 抵达} over {@code 日期} is {@code 抵达日期}, {@code 目的地} over {@code 代码} is {@code 目的地代码}), then
 * alone. The header is the row naming most of
 * the required columns, then most columns; the first such row wins (a second header line under it, such as English
 * field names under Chinese ones, is left to the caller). When no row names every required column, the search
 * reports the row that came closest and the sheet's first non-blank row, for a message that says what was looked for
 * and what was found.
 *
 * @param <C> the caller's column type
 */
public final class HeaderSearch<C> {

    /** Non-blank rows at the top of a sheet that may hold the header. */
    public static final int SEARCH_ROWS = 10;

    /**
     * A header found.
     *
     * @param row     the number of the header's (last) row; the data follow it
     * @param columns the column index of each column named (the first cell naming it)
     * @param labels  each column's label as written in the file (group and label joined for a grouped one)
     */
    public record Header<C>(int row, Map<C, Integer> columns, Map<C, String> labels) {
    }

    /**
     * The row that came closest to a header.
     *
     * @param row   its number
     * @param found the columns it names, in the order of its cells
     */
    public record Candidate<C>(int row, Set<C> found) {
    }

    /**
     * What a search found in a sheet.
     *
     * @param header    the header, or null when none was found
     * @param following the rows read after the header row (blank ones too), to be taken before the reader's next
     *                  rows; empty without a header
     * @param closest   without a header: the row naming most columns (null when no row names any); else null
     * @param firstRow  without a header: the sheet's first non-blank row (null for a blank sheet); else null
     */
    public record Outcome<C>(Header<C> header, List<TabularRow> following, Candidate<C> closest, TabularRow firstRow) {

        /** True when a header was found. */
        public boolean found() {
            return header != null;
        }

        /** True when the sheet has no non-blank row at all. */
        public boolean blank() {
            return header == null && firstRow == null;
        }
    }

    private final Function<String, C> labels;
    private final Set<C> required;

    /**
     * @param labels   the column a header text names, or null for a text that names none
     * @param required the columns a header must name
     */
    public HeaderSearch(Function<String, C> labels, Collection<C> required) {
        this.labels = labels;
        this.required = Set.copyOf(required);
    }

    /**
     * Reads the reader's current sheet up to its {@value #SEARCH_ROWS}th non-blank row (or its end) and finds the
     * header among those rows.
     *
     * @throws TabularException as {@link TabularReader#next()}
     */
    public Outcome<C> find(TabularReader reader) throws IOException {
        List<TabularRow> read = new ArrayList<>();
        List<Integer> filled = new ArrayList<>();
        for (TabularRow row = reader.next(); row != null; row = reader.next()) {
            read.add(row);
            if (!blank(row)) {
                filled.add(read.size() - 1);
                if (filled.size() == SEARCH_ROWS) {
                    break;
                }
            }
        }
        if (filled.isEmpty()) {
            return new Outcome<>(null, List.of(), null, null);
        }
        Header<C> best = null;
        int bestRequired = 0;
        int bestIndex = -1;
        for (int i = 0; i < filled.size(); i++) {
            TabularRow row = read.get(filled.get(i));
            TabularRow above = i > 0 && read.get(filled.get(i - 1)).number() == row.number() - 1 ? read.get(filled.get(i - 1)) : null;
            Header<C> header = header(row, above);
            int requiredNamed = (int) header.columns().keySet().stream().filter(required::contains).count();
            if (best == null || requiredNamed > bestRequired
                    || requiredNamed == bestRequired && header.columns().size() > best.columns().size()) {
                best = header;
                bestRequired = requiredNamed;
                bestIndex = filled.get(i);
            }
        }
        if (bestRequired == required.size()) {
            return new Outcome<>(best, List.copyOf(read.subList(bestIndex + 1, read.size())), null, null);
        }
        Candidate<C> closest = best.columns().isEmpty() ? null
                : new Candidate<>(best.row(), Collections.unmodifiableSet(new LinkedHashSet<>(best.columns().keySet())));
        return new Outcome<>(null, List.of(), closest, read.get(filled.get(0)));
    }

    private Header<C> header(TabularRow row, TabularRow above) {
        Map<C, Integer> columns = new LinkedHashMap<>();
        Map<C, String> names = new LinkedHashMap<>();
        int width = Math.max(row.cells().size(), above == null ? 0 : above.cells().size());
        String group = null;
        for (int i = 0; i < width; i++) {
            if (above != null && !TypedInput.blank(above.text(i))) {
                group = above.text(i).strip();
            }
            String text = row.text(i);
            String label = null;
            C column = null;
            if (!TypedInput.blank(text)) {
                // the grouped label first: 上级 over 代码 is 上级代码, though 代码 alone names a column too
                if (group != null) {
                    label = group + text.strip();
                    column = labels.apply(label);
                }
                if (column == null) {
                    label = text.strip();
                    column = labels.apply(label);
                }
            } else if (above != null && !TypedInput.blank(above.text(i))) {
                label = above.text(i).strip();
                column = labels.apply(label);
            }
            if (column != null && !columns.containsKey(column)) {
                columns.put(column, i);
                names.put(column, label);
            }
        }
        return new Header<>(row.number(), columns, names);
    }

    private static boolean blank(TabularRow row) {
        for (TabularCell cell : row.cells()) {
            if (!TypedInput.blank(cell.text())) {
                return false;
            }
        }
        return true;
    }
}
