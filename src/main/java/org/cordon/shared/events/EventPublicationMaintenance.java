package org.cordon.shared.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.cordon.shared.cluster.JobLocks;
import org.cordon.shared.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry working while the platform runs, not only at a restart:
 * every {@code resubmit-interval} the publications still incomplete {@code resubmit-after} after
 * they were published (a reaction failed, or a crash or database outage cut it off) are handed to
 * their listeners again; every {@code prune-interval} completed publications older than
 * {@code completed-retention} are deleted, so the table stays bounded. Incomplete publications are
 * never deleted. Off with {@code cordon.events.maintenance.enabled=false}.
 *
 * <p>With several nodes on one database each job runs on one node at a time (ShedLock locks
 * {@code events.resubmit} and {@code events.prune}), and each publication is handed out once per resubmission:
 * the registry claims it first (status {@code RESUBMITTED}, one atomic update), so a second resubmitter skips
 * it. Nothing is republished at a node's start ({@code republish-outstanding-events-on-restart=false}): that
 * would hand out again what the other, living nodes are processing. What a dead node was processing is found
 * here once it is {@code stale-after} old (since its publication, or its last resubmission) and resubmitted by
 * whichever node holds the lock.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cordon.events.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class EventPublicationMaintenance implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final EventSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final LockingTaskExecutor locks;

    EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                                EventSettings settings, JdbcClient jdbc, Clock clock, LockingTaskExecutor locks) {
        this.locks = locks;
        this.incomplete = incomplete;
        this.completed = completed;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(() -> once("events.resubmit", settings.resubmitInterval(),
                this::resubmitIncompletePublications), settings.resubmitInterval(), settings.resubmitInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(() -> once("events.prune", settings.pruneInterval(),
                this::deleteOldCompletedPublications), settings.pruneInterval(), settings.pruneInterval()));
    }

    /** Runs {@code job} unless another node holds its lock ({@link JobLocks}). */
    private void once(String name, Duration interval, Runnable job) {
        try {
            locks.executeWithLock(job, JobLocks.of(clock, name, interval));
        } catch (RuntimeException e) {
            // taking the lock itself failed (the database is away): the next run tries again
            log.warn("Could not take the lock {}: {}", name, e.getMessage());
        }
    }

    /**
     * First marks as failed the publications neither completed nor failed {@code stale-after} after their
     * publication or their last resubmission (their reaction was cut off: by a node's death, or by an outage that
     * also kept them from being marked failed); then resubmits failed reactions older than {@code resubmit-after},
     * at most {@code max-in-flight} at a time, each claimed by the registry before it is handed out. A cheap count
     * comes first: the registry reads every candidate publication into memory, which must not happen every minute
     * while a burst of registrations has queued tens of thousands of young reactions.
     *
     * <p>Stale publications are marked here rather than by Modulith's staleness monitor
     * ({@code spring.modulith.events.staleness.*}): in 2.0.3 it measures a resubmitted publication's age from
     * its first publication, so it would mark a resubmission stale as soon as it was made, and hand it out twice.
     */
    void resubmitIncompletePublications() {
        run("resubmitting incomplete event publications", () -> {
            Instant now = clock.instant();
            Timestamp failedBefore = Timestamp.from(now.minus(settings.resubmitAfter()));
            Timestamp staleBefore = Timestamp.from(now.minus(settings.staleAfter()));
            int stale = jdbc.sql("""
                            update event_publication set status = 'FAILED'
                            where completion_date is null and (status is null or status <> 'FAILED')
                              and coalesce(last_resubmission_date, publication_date) < ?""")
                    .param(staleBefore).update();
            long failed = jdbc.sql("select count(*) from event_publication where completion_date is null and status = 'FAILED' "
                    + "and coalesce(last_resubmission_date, publication_date) < ?").param(failedBefore).query(Long.class).single();
            if (failed > 0) {
                incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults().withMinAge(settings.resubmitAfter())
                        .withMaxInFlight(settings.maxInFlight()).withBatchSize(settings.maxInFlight())
                        .withFilter(p -> p.getStatus() == EventPublication.Status.FAILED));
                log.info("Resubmitted event publications: {} failed, of which {} cut off (at most {} at a time)", failed, stale,
                        settings.maxInFlight());
            }
        });
    }

    void deleteOldCompletedPublications() {
        run("deleting completed event publications",
                () -> completed.deletePublicationsOlderThan(settings.completedRetention()));
    }

    private static void run(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                // the next run tries again; a stack trace per minute of outage helps nobody
                log.warn("Database unavailable while {}: {}", what, e.getMessage());
            } else {
                log.error("Failed {}", what, e);
            }
        }
    }
}
