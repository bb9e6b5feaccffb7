package org.cordon.registry;

import java.util.List;

/**
 * The outcome of a roster import. Every data row read is counted exactly once as saved, already
 * present or rejected.
 *
 * @param fileName       the uploaded file's name (may be null)
 * @param format         {@code XLSX} or {@code CSV}
 * @param read           data rows read (blank rows not counted), of all sheets read
 * @param saved          rows stored as new returnees
 * @param alreadyPresent valid rows whose person's arrival was registered already (from any source, or earlier in the
 *                       same file; arrival dates at most two days apart): nothing was stored for them
 * @param rejected       invalid rows (also a registered ID number with another name); nothing was stored for them
 * @param errors         the first problems (at most {@link RosterImportManagement#SHOWN_ERRORS}), in file order
 * @param moreErrors     true when there are more problems than {@code errors} holds
 * @param errorFileToken token of the downloadable file of rejected rows, null when none were rejected
 * @param errorFileOmitted rejected rows left out of the error file since it reached its size limit (usually 0)
 * @param millis         wall time of the import
 * @param sheets         the sheets (tables) read, in file order; a CSV file is one table without a name
 * @param skippedSheets  the sheets of a workbook not read, with the reason
 */
public record RosterReport(String fileName, String format, long read, long saved, long alreadyPresent, long rejected,
                           List<RosterRowError> errors, boolean moreErrors, String errorFileToken, long errorFileOmitted,
                           long millis, List<Sheet> sheets, List<SkippedSheet> skippedSheets) {

    /**
     * A sheet that was read.
     *
     * @param name      the sheet's name; null for CSV
     * @param headerRow the row number of its header (its last row, for a two-row header)
     * @param read      its data rows read
     * @param rejected  its rows rejected
     */
    public record Sheet(String name, int headerRow, long read, long rejected) {
    }

    /**
     * A sheet of a workbook that was not read.
     *
     * @param name    the sheet's name
     * @param reason  {@code EMPTY} (no non-blank row), {@code NO_HEADER} (no row of its first ones names every
     *                required column) or {@code HIDDEN} (hidden in the workbook: what a user cannot see is not
     *                imported)
     * @param message why, in the importing user's language (e.g. "sheet 'Sheet3' skipped: no header …")
     */
    public record SkippedSheet(String name, String reason, String message) {
    }
}
