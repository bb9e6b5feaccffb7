package org.cordon.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the limiter on one database (as two nodes) share each bucket: what one grants, the other
 * cannot grant again, also when both are asked at the same moment; and the buckets refill as the in-memory ones
 * did (a whole period's refill at once, never beyond the capacity).
 */
class DatabaseRateLimitsIntegrationTests extends IntegrationTestSupport {

    /** A clock the test moves by hand, shared by both "nodes". */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.parse("2020-01-28T02:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    /** A limiter as a node has it: its own instance, the same database. */
    DatabaseRateLimits node(int i) {
        return new DatabaseRateLimits(jdbc, clock);
    }

    static RateLimits.Limit limit(int capacity, int refill, Duration period) {
        return new RateLimits.Limit("test-" + UUID.randomUUID().toString().substring(0, 8), capacity, refill, period);
    }

    @Test
    void whatOneNodeGrantsTheOtherDoesNotGrantAgain() {
        RateLimits a = node(1);
        RateLimits b = node(2);
        RateLimits.Limit limit = limit(4, 3, Duration.ofMinutes(1));
        assertThat(a.tryTake(limit, "officer").taken()).isTrue();
        assertThat(b.tryTake(limit, "officer").taken()).isTrue();
        assertThat(a.tryTake(limit, "officer").taken()).isTrue();
        assertThat(b.tryTake(limit, "officer").taken()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        RateLimits.Outcome refused = a.tryTake(limit, "officer");
        assertThat(refused.taken()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        assertThat(b.tryTake(limit, "officer").taken()).as("refused on the other node too").isFalse();
        assertThat(b.retryAfterSeconds(limit, "officer")).isEqualTo(40);
        assertThat(a.tryTake(limit, "someone else").taken()).as("each subject its own bucket").isTrue();

        // the next period grants the refill, not the capacity
        clock.advance(Duration.ofSeconds(40));
        assertThat(b.retryAfterSeconds(limit, "officer")).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat((i % 2 == 0 ? a : b).tryTake(limit, "officer").taken()).isTrue();
        }
        assertThat(a.tryTake(limit, "officer").taken()).isFalse();

        // an idle subject saves up the capacity only
        clock.advance(Duration.ofHours(3));
        for (int i = 0; i < 4; i++) {
            assertThat(b.tryTake(limit, "officer").taken()).isTrue();
        }
        assertThat(a.tryTake(limit, "officer").taken()).isFalse();

        a.forget(limit);
        assertThat(b.tryTake(limit, "officer").taken()).as("forgotten on every node").isTrue();
    }

    @Test
    void concurrentTriesOnTwoNodesGrantExactlyTheCapacity() throws Exception {
        RateLimits a = node(1);
        RateLimits b = node(2);
        RateLimits.Limit limit = limit(25, 25, Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimits node = t % 2 == 0 ? a : b;
                tasks.add(() -> {
                    int taken = 0;
                    for (int i = 0; i < 10; i++) {
                        taken += node.tryTake(limit, "portal-client").taken() ? 1 : 0;
                    }
                    return taken;
                });
            }
            int taken = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                taken += f.get();
            }
            assertThat(taken).as("80 tries on two nodes, capacity 25").isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fullBucketsAreDeletedOthersKept() {
        RateLimits.Limit limit = limit(2, 1, Duration.ofMinutes(1));
        DatabaseRateLimits a = node(1);
        a.tryTake(limit, "one");              // full again after 1 minute
        a.tryTake(limit, "two");
        a.tryTake(limit, "two");              // full again after 2 minutes
        clock.advance(Duration.ofSeconds(61));
        a.pruneFullBuckets();
        assertThat(count("select count(*) from rate_limit where key like ?", limit.name() + "|%")).isEqualTo(1);
        assertThat(a.tryTake(limit, "two").taken()).as("the kept bucket refilled by one").isTrue();
        assertThat(a.tryTake(limit, "two").taken()).isFalse();
        a.forget(limit);
    }
}
