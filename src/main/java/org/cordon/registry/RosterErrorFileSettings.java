package org.cordon.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Files of rejected roster rows ({@code cordon.roster.error-files.*}), see {@link RosterErrorFiles}.
 *
 * @param lifetime        how long a file stays downloadable; then the cleanup job deletes it
 * @param maxSize         the most one file holds (rows beyond it are counted in a last line, not written)
 * @param maxCellLength   the most characters kept of one cell (a longer one is cut, marked with …); every field's
 *                        own limit is far below
 * @param cleanupInterval how often expired files are deleted
 * @param cleanup         {@code enabled=false} turns the cleanup job off (tests that share a data directory)
 */
@ConfigurationProperties("cordon.roster.error-files")
public record RosterErrorFileSettings(@DefaultValue("PT24H") Duration lifetime,
                                      @DefaultValue("32MB") DataSize maxSize,
                                      @DefaultValue("500") int maxCellLength,
                                      @DefaultValue("PT15M") Duration cleanupInterval,
                                      @DefaultValue Cleanup cleanup) {

    public RosterErrorFileSettings {
        if (lifetime.isNegative() || lifetime.isZero() || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("cordon.roster.error-files.lifetime and .cleanup-interval must be positive");
        }
        if (maxSize.toBytes() < 1024 * 1024 || maxCellLength < 50) {
            throw new IllegalArgumentException("cordon.roster.error-files.max-size must be at least 1MB and .max-cell-length at least 50");
        }
    }

    /** The lifetime in whole hours (at least 1), as the page tells it. */
    public long lifetimeHours() {
        return Math.max(1, lifetime.toHours());
    }

    /** @param enabled whether the cleanup job runs */
    public record Cleanup(@DefaultValue("true") boolean enabled) {
    }
}
