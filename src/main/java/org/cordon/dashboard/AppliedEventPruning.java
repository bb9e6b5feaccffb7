package org.cordon.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.cordon.shared.cluster.JobLocks;
import org.cordon.shared.events.EventSettings;
import org.cordon.shared.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes the markers of applied events ({@code dash_applied_event}) older than
 * {@code cordon.dashboard.applied-event-retention}, every {@code cordon.events.prune-interval}, in
 * batches so that a large backlog never holds long locks. Runs with the event publication
 * maintenance ({@code cordon.events.maintenance.enabled}); on one node at a time (ShedLock {@code dashboard.pruneMarkers}).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cordon.events.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class AppliedEventPruning implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AppliedEventPruning.class);
    static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final DashboardSettings settings;
    private final EventSettings events;
    private final Clock clock;
    private final LockingTaskExecutor locks;

    AppliedEventPruning(JdbcClient jdbc, DashboardSettings settings, EventSettings events, Clock clock, LockingTaskExecutor locks) {
        Duration retention = settings.appliedEventRetention();
        if (retention == null || retention.compareTo(events.resubmitAfter().multipliedBy(10)) < 0
                || retention.compareTo(events.staleAfter().multipliedBy(2)) < 0) {
            throw new IllegalStateException("cordon.dashboard.applied-event-retention (" + retention
                    + ") must be at least ten times cordon.events.resubmit-after (" + events.resubmitAfter()
                    + ") and twice cordon.events.stale-after (" + events.staleAfter()
                    + "): a marker deleted before its event's last redelivery lets the dashboard count it twice");
        }
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.locks = locks;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::deleteOldMarkersOnOneNode, events.pruneInterval(), events.pruneInterval()));
    }

    private void deleteOldMarkersOnOneNode() {
        try {
            locks.executeWithLock((Runnable) this::deleteOldMarkers, JobLocks.of(clock, "dashboard.pruneMarkers", events.pruneInterval()));
        } catch (RuntimeException e) {
            log.warn("Could not delete old dashboard event markers: {}", e.getMessage());
        }
    }

    /** Deletes the markers older than the retention; returns how many. */
    long deleteOldMarkers() {
        Timestamp before = Timestamp.from(clock.instant().minus(settings.appliedEventRetention()));
        long deleted = 0;
        try {
            int batch;
            do {
                batch = jdbc.sql("""
                                delete from dash_applied_event where (kind, source_ref) in (
                                    select kind, source_ref from dash_applied_event where applied_at < ? limit ?)""")
                        .params(before, BATCH).update();
                deleted += batch;
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            log.warn("Database unavailable while deleting old dashboard event markers: {}", e.getMessage());
        }
        if (deleted > 0) {
            log.info("{} dashboard event markers older than {} deleted", deleted, settings.appliedEventRetention());
        }
        return deleted;
    }
}
