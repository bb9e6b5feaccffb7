package org.cordon.shared.tabular;

/**
 * How far an .xlsx workbook (a zip of XML parts) may unpack, checked before its rows are read by counting the bytes
 * actually inflated (the sizes a zip declares can lie): beyond a limit reading stops with a {@link TabularException}
 * ({@link TabularException.Kind#TOO_MANY_ENTRIES}, {@link TabularException.Kind#UNPACKED_TOO_LARGE},
 * {@link TabularException.Kind#COMPRESSION_RATIO}). They bound the memory and time a small hostile upload (a "zip
 * bomb") can take.
 *
 * @param maxEntries          the most entries (files) in the zip; a workbook has about a dozen
 * @param maxEntryBytes       the most bytes one entry may unpack to
 * @param maxTotalBytes       the most bytes all entries together may unpack to
 * @param maxCompressionRatio the most bytes one entry may unpack to per compressed byte, checked once the entry has
 *                            unpacked to {@link #RATIO_GRACE_BYTES} (workbooks compress about 5–20 times; a zip bomb
 *                            about 1,000 times)
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

    /** Bytes an entry may unpack to before its compression ratio counts (small parts compress oddly well). */
    public static final long RATIO_GRACE_BYTES = 64 * 1024;

    /** 1,000 entries, 256 MB per entry and in all, a compression ratio of 100. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(1000, 256L << 20, 256L << 20, 100);

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("Archive limits must be positive: " + maxEntries + ", " + maxEntryBytes + ", "
                    + maxTotalBytes + ", " + maxCompressionRatio);
        }
    }
}
