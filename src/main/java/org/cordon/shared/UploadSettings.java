package org.cordon.shared;

import org.cordon.shared.tabular.ArchiveLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How far an uploaded workbook (.xlsx, a zip) may unpack ({@code cordon.upload.*}); checked by every import
 * (rosters, area lists) before a row is read, see {@link ArchiveLimits}. The size of the upload itself is
 * {@code spring.servlet.multipart.max-file-size} / {@code max-request-size}.
 *
 * @param maxEntries          the most entries in the zip (a workbook has about a dozen)
 * @param maxEntrySize        the most one entry (a sheet, the shared strings) may unpack to
 * @param maxUnpackedSize     the most all entries together may unpack to
 * @param maxCompressionRatio the most an entry may be compressed (workbooks: about 5–20; a zip bomb: about 1,000)
 */
@ConfigurationProperties("cordon.upload")
public record UploadSettings(@DefaultValue("1000") int maxEntries,
                             @DefaultValue("256MB") DataSize maxEntrySize,
                             @DefaultValue("256MB") DataSize maxUnpackedSize,
                             @DefaultValue("100") int maxCompressionRatio) {

    public UploadSettings {
        // the record's own check names the property
        try {
            new ArchiveLimits(maxEntries, maxEntrySize.toBytes(), maxUnpackedSize.toBytes(), maxCompressionRatio);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cordon.upload.* must be positive: " + e.getMessage(), e);
        }
    }

    /** These settings as the tabular reader's limits. */
    public ArchiveLimits archiveLimits() {
        return new ArchiveLimits(maxEntries, maxEntrySize.toBytes(), maxUnpackedSize.toBytes(), maxCompressionRatio);
    }
}
