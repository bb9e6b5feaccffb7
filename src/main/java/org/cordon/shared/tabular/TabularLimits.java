package org.cordon.shared.tabular;

/**
 * How large a file a caller accepts, checked while the file is read: beyond a limit reading stops with a
 * {@link TabularException} ({@link TabularException.Kind#TOO_MANY_ROWS}, {@link TabularException.Kind#TOO_MANY_COLUMNS},
 * {@link TabularException.Kind#CELL_TOO_LONG}). They also bound the memory a malformed file can take (an unclosed
 * quote in a CSV file, a huge string in a workbook); {@link ArchiveLimits} bound how far a workbook unpacks.
 *
 * @param maxRows       the highest row number (as a spreadsheet shows it, header and blank rows included)
 * @param maxColumns    the most columns a row may fill (empty cells at the end of a row do not count)
 * @param maxCellLength the most characters in one cell (in a workbook also in one shared string)
 * @param archive       how far an .xlsx workbook may unpack
 */
public record TabularLimits(int maxRows, int maxColumns, int maxCellLength, ArchiveLimits archive) {

    public TabularLimits {
        if (maxRows < 1 || maxColumns < 1 || maxCellLength < 1) {
            throw new IllegalArgumentException("Limits must be positive: " + maxRows + ", " + maxColumns + ", " + maxCellLength);
        }
        if (archive == null) {
            throw new IllegalArgumentException("Archive limits are required");
        }
    }

    /** These limits with {@link ArchiveLimits#DEFAULT}. */
    public TabularLimits(int maxRows, int maxColumns, int maxCellLength) {
        this(maxRows, maxColumns, maxCellLength, ArchiveLimits.DEFAULT);
    }

    /** The same row, column and cell limits with other archive limits. */
    public TabularLimits with(ArchiveLimits archive) {
        return new TabularLimits(maxRows, maxColumns, maxCellLength, archive);
    }
}
