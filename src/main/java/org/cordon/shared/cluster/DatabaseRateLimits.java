package org.cordon.shared.cluster;

import java.time.Clock;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link RateLimits} in the table {@code rate_limit}, one row per bucket, so that every node counts against the
 * same allowance and a restart grants nothing afresh. Each try is one atomic statement (an upsert that refills,
 * takes and tells whether it took), in the caller's transaction when there is one: a row is locked from the try
 * to that transaction's end, so concurrent tries of one subject queue and each counts. Times are the application
 * {@link Clock}'s milliseconds (the nodes' clocks agree as NTP keeps them; a node running behind refills later,
 * never earlier). A row is deleted once its bucket is full again ({@code full_at}): it would grant the same as
 * no row, so the table holds only the subjects active within the last period.
 */
@Component
@EnableScheduling
public class DatabaseRateLimits implements RateLimits {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRateLimits.class);

    private static final String PERIODS = "greatest(0, (:now - r.refilled_at) / :period)";
    private static final String AVAILABLE = "least(:capacity, r.tokens + " + PERIODS + " * :refill)";
    private static final String REFILLED_AT = "r.refilled_at + " + PERIODS + " * :period";
    private static final String TAKE = """
            insert into rate_limit as r (key, tokens, refilled_at, full_at, taken)
            values (:key, :capacity - 1, :now, :now + :period, true)
            on conflict (key) do update set
              tokens = greatest(%1$s - 1, 0),
              refilled_at = %2$s,
              full_at = %2$s + ((:capacity - greatest(%1$s - 1, 0)) + :refill - 1) / :refill * :period,
              taken = %1$s >= 1
            returning taken, refilled_at""".formatted(AVAILABLE, REFILLED_AT);

    private final JdbcClient jdbc;
    private final Clock clock;

    DatabaseRateLimits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Outcome tryTake(Limit limit, String subject) {
        long now = clock.millis();
        return jdbc.sql(TAKE).param("key", key(limit, subject)).param("capacity", limit.capacity()).param("refill", limit.refill())
                .param("period", limit.periodMillis()).param("now", now)
                .query((rs, n) -> rs.getBoolean(1) ? new Outcome(true, 0)
                        : new Outcome(false, RateLimits.seconds(rs.getLong(2) + limit.periodMillis() - now)))
                .single();
    }

    @Override
    public long retryAfterSeconds(Limit limit, String subject) {
        long now = clock.millis();
        Optional<long[]> row = jdbc.sql("select tokens, refilled_at from rate_limit where key = ?").param(key(limit, subject))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
        if (row.isEmpty()) {
            return 0;
        }
        long periods = Math.max(0, (now - row.get()[1]) / limit.periodMillis());
        long available = Math.min(limit.capacity(), row.get()[0] + periods * limit.refill());
        return available >= 1 ? 0 : RateLimits.seconds(row.get()[1] + periods * limit.periodMillis() + limit.periodMillis() - now);
    }

    @Override
    public void forget(Limit limit) {
        jdbc.sql("delete from rate_limit where starts_with(key, ?)").param(limit.name() + "|").update();
    }

    /** Deletes the buckets that are full again (they grant what no row grants). */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${cordon.rate-limits.prune-interval:PT10M}")
    @SchedulerLock(name = "shared.pruneRateLimits", lockAtMostFor = "PT10M", lockAtLeastFor = "PT10S")
    public void pruneFullBuckets() {
        int deleted = jdbc.sql("delete from rate_limit where full_at <= ?").param(clock.millis()).update();
        if (deleted > 0) {
            log.debug("{} full rate-limit buckets forgotten", deleted);
        }
    }

    private static String key(Limit limit, String subject) {
        return limit.name() + "|" + subject;
    }
}
