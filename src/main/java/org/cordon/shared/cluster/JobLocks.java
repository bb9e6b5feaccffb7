package org.cordon.shared.cluster;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.core.LockConfiguration;

/** The ShedLock lock of a job registered in code that runs every {@code interval} (see {@link SchedulerLockConfiguration}). */
public final class JobLocks {

    private JobLocks() {
    }

    /**
     * Held at least half an interval, so that nodes whose timers run close together do not both run the job; at most
     * five intervals (between 5 s and 30 min): a node that dies holding the lock, or that could not release it because
     * the database was away, holds up the job for no longer. A job that outlives that may run on two nodes at once
     * for a moment, so these jobs are idempotent.
     */
    public static LockConfiguration of(Clock clock, String name, Duration interval) {
        Duration atMost = interval.multipliedBy(5);
        if (atMost.compareTo(Duration.ofSeconds(5)) < 0) {
            atMost = Duration.ofSeconds(5);
        } else if (atMost.compareTo(Duration.ofMinutes(30)) > 0) {
            atMost = Duration.ofMinutes(30);
        }
        return new LockConfiguration(clock.instant(), name, atMost, interval.dividedBy(2));
    }
}
