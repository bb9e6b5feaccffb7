package org.cordon.shared.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upkeep of the event publication registry ({@code cordon.events.*}), see
 * {@link EventPublicationMaintenance}.
 *
 * @param resubmitInterval   how often incomplete publications are looked for while running
 * @param resubmitAfter      a publication still incomplete this long after it was published is resubmitted
 *                           (its reaction failed, or was cut off by a crash or an outage); a reaction still
 *                           waiting or running after this long may run twice, so reactions are idempotent and
 *                           this age exceeds the longest reaction
 * @param pruneInterval      how often completed publications are deleted
 * @param completedRetention completed publications are kept this long (for inspection), then deleted
 * @param maintenance        {@code enabled=false} turns both jobs off (tests that share a database)
 */
@ConfigurationProperties("cordon.events")
public record EventSettings(@DefaultValue("PT1M") Duration resubmitInterval,
                            @DefaultValue("PT2M") Duration resubmitAfter,
                            @DefaultValue("PT1H") Duration pruneInterval,
                            @DefaultValue("P7D") Duration completedRetention,
                            @DefaultValue Maintenance maintenance) {

    public EventSettings {
        requirePositive("cordon.events.resubmit-interval", resubmitInterval);
        requirePositive("cordon.events.resubmit-after", resubmitAfter);
        requirePositive("cordon.events.prune-interval", pruneInterval);
        requirePositive("cordon.events.completed-retention", completedRetention);
    }

    /** @param enabled whether the resubmission and pruning jobs run */
    public record Maintenance(@DefaultValue("true") boolean enabled) {
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }
}
