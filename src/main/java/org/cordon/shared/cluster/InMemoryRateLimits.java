package org.cordon.shared.cluster;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RateLimits} of one process, with the same arithmetic as {@link DatabaseRateLimits}: for unit tests of
 * the classes that use a limit, which run without a database. Never a bean.
 */
public final class InMemoryRateLimits implements RateLimits {

    private final Clock clock;
    private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

    public InMemoryRateLimits(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Outcome tryTake(Limit limit, String subject) {
        long now = clock.millis();
        long[] b = buckets.get(limit.name() + "|" + subject);
        if (b == null) {
            buckets.put(limit.name() + "|" + subject, new long[] {limit.capacity() - 1, now});
            return new Outcome(true, 0);
        }
        refill(limit, b, now);
        if (b[0] >= 1) {
            b[0]--;
            return new Outcome(true, 0);
        }
        return new Outcome(false, RateLimits.seconds(b[1] + limit.periodMillis() - now));
    }

    @Override
    public synchronized long retryAfterSeconds(Limit limit, String subject) {
        long[] b = buckets.get(limit.name() + "|" + subject);
        if (b == null) {
            return 0;
        }
        long now = clock.millis();
        long[] copy = b.clone();
        refill(limit, copy, now);
        return copy[0] >= 1 ? 0 : RateLimits.seconds(copy[1] + limit.periodMillis() - now);
    }

    @Override
    public synchronized void forget(Limit limit) {
        buckets.keySet().removeIf(k -> k.startsWith(limit.name() + "|"));
    }

    private static void refill(Limit limit, long[] b, long now) {
        long periods = Math.max(0, (now - b[1]) / limit.periodMillis());
        b[0] = Math.min(limit.capacity(), b[0] + periods * limit.refill());
        b[1] += periods * limit.periodMillis();
    }
}
