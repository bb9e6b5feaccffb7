package org.cordon.shared.cluster;

import java.time.Duration;

/**
 * Token buckets shared by every node ({@link DatabaseRateLimits}): a subject (an account, a form and client
 * address) may take {@link Limit#capacity()} at once; every whole {@link Limit#period()} since its bucket was
 * made, {@link Limit#refill()} more are added, never beyond the capacity (Bucket4j's "intervally" refill, which
 * these limits used while they were kept in memory per node).
 */
public interface RateLimits {

    /**
     * One kind of limit.
     *
     * @param name     unique among the limits, part of each bucket's key ({@code name|subject})
     * @param capacity at most this many at once, at least 1
     * @param refill   added every period, at least 1
     * @param period   a positive duration of at least a millisecond
     */
    record Limit(String name, int capacity, int refill, Duration period) {
        public Limit {
            if (name == null || name.isBlank() || name.contains("|")) {
                throw new IllegalArgumentException("a limit's name is not blank and has no '|': " + name);
            }
            if (capacity < 1 || refill < 1) {
                throw new IllegalArgumentException("capacity and refill of " + name + " must be at least 1");
            }
            if (period == null || period.toMillis() < 1) {
                throw new IllegalArgumentException("the period of " + name + " must be at least 1 ms, not " + period);
            }
        }

        long periodMillis() {
            return period.toMillis();
        }
    }

    /** What a try found: taken, or refused with the whole seconds (at least 1) until the next one is granted. */
    record Outcome(boolean taken, long retryAfterSeconds) {
    }

    /** Takes one from the subject's bucket, or refuses (a refusal takes nothing). */
    Outcome tryTake(Limit limit, String subject);

    /** Seconds until the subject could take one (0: now), without taking any. */
    long retryAfterSeconds(Limit limit, String subject);

    /** Forgets every subject's bucket of the limit (an operator after a false alarm; tests). */
    void forget(Limit limit);

    /** Whole seconds, at least 1, of a positive wait in milliseconds. */
    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
