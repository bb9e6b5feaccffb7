package org.cordon.area;

import java.util.List;

import org.cordon.shared.FieldProblem;

/**
 * The outcome of an import of the area tree.
 *
 * @param fileName              the uploaded file's name
 * @param dryRun                true when the file was only checked and nothing was stored
 * @param rows                  data rows read (blank rows and the header not counted)
 * @param inserted              new nodes
 * @param updated               existing nodes whose name, kind or figures changed (or that were sample data)
 * @param unchanged             existing nodes the file repeats exactly
 * @param rejected              invalid rows; nothing of them was stored
 * @param rejectedRows          the invalid rows with their problems, in file order (at most
 *                              {@code cordon.area.import-max-errors})
 * @param rejectedRowsTruncated true when more rows were rejected than listed
 * @param skippedSheets         the sheets of a workbook that were not read, in file order
 */
public record ImportReport(String fileName, boolean dryRun, int rows, int inserted, int updated, int unchanged, int rejected,
                           List<RejectedRow> rejectedRows, boolean rejectedRowsTruncated, List<SkippedSheet> skippedSheets)
        implements java.io.Serializable {

    /** Names of the import file's columns, in the order of the template. */
    public static final List<String> COLUMNS = List.of("code", "name", "parentCode", "kind", "households", "residents");

    /**
     * One invalid row.
     *
     * @param sheet    the sheet's name in a workbook; null for CSV
     * @param row      the row number as a spreadsheet shows it on its sheet (title and header rows counted)
     * @param values   the row's values in the order of {@link ImportReport#COLUMNS}
     * @param problems one entry per problem; {@link FieldProblem#field()} is the column name
     */
    public record RejectedRow(String sheet, int row, List<String> values, List<FieldProblem> problems) implements java.io.Serializable {
    }

    /**
     * A sheet not read.
     *
     * @param name   the sheet's name
     * @param reason {@code EMPTY}, {@code NO_HEADER} (none of its first rows has the header) or {@code HIDDEN}
     */
    public record SkippedSheet(String name, String reason) implements java.io.Serializable {

        /** The message saying so: {@code area.import.sheetSkipped.<reason>} with the sheet's name. */
        public FieldProblem problem() {
            return new FieldProblem("file", "area.import.sheetSkipped." + reason, name);
        }
    }
}
