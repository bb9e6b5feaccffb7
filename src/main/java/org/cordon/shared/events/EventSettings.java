package org.cordon.shared.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upkeep of the event publication registry ({@code cordon.events.*}), see
 * {@link EventPublicationMaintenance}.
 *
 * @param resubmitInterval   how often incomplete publications are looked for while running
 * @param resubmitAfter      a publication whose reaction failed is resubmitted once it is this old
 * @param staleAfter         a publication neither completed nor failed this long after it was published or last
 *                           resubmitted (its
 *                           reaction was cut off, e.g. by an outage that kept it from even being marked failed)
 *                           is resubmitted too; a reaction still queued after this long (a backlog under
 *                           overload) may then run twice, so reactions are idempotent and this age is well above
 *                           the longest queue
 * @param maxInFlight        at most this many resubmitted reactions are queued at a time
 * @param pruneInterval      how often completed publications are deleted
 * @param completedRetention completed publications are kept this long (for inspection), then deleted
 * @param maintenance        {@code enabled=false} turns both jobs off (tests that share a database)
 */
@ConfigurationProperties("cordon.events")
public record EventSettings(@DefaultValue("PT1M") Duration resubmitInterval,
                            @DefaultValue("PT2M") Duration resubmitAfter,
                            @DefaultValue("PT10M") Duration staleAfter,
                            @DefaultValue("200") int maxInFlight,
                            @DefaultValue("PT1H") Duration pruneInterval,
                            @DefaultValue("P7D") Duration completedRetention,
                            @DefaultValue Maintenance maintenance) {

    public EventSettings {
        requirePositive("cordon.events.resubmit-interval", resubmitInterval);
        requirePositive("cordon.events.resubmit-after", resubmitAfter);
        requirePositive("cordon.events.stale-after", staleAfter);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("cordon.events.max-in-flight must be at least 1, not " + maxInFlight);
        }
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
