package org.cordon.shared.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

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

    EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                                EventSettings settings, JdbcClient jdbc, Clock clock) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // first runs one interval after start: at start the registry republishes outstanding publications itself
        registrar.addFixedDelayTask(new FixedDelayTask(this::resubmitIncompletePublications,
                settings.resubmitInterval(), settings.resubmitInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::deleteOldCompletedPublications,
                settings.pruneInterval(), settings.pruneInterval()));
    }

    /**
     * Resubmits failed reactions older than {@code resubmit-after} (at most {@code max-in-flight} at a
     * time) and reactions neither completed nor failed older than {@code stale-after} (cut off, e.g. by
     * an outage that also kept them from being marked failed). A cheap
     * count comes first: the registry reads every candidate publication into memory, which must not
     * happen every minute while a burst of registrations has queued tens of thousands of young
     * reactions (resubmitting those would only queue them twice).
     */
    void resubmitIncompletePublications() {
        run("resubmitting incomplete event publications", () -> {
            Instant now = clock.instant();
            Timestamp failedBefore = Timestamp.from(now.minus(settings.resubmitAfter()));
            Timestamp staleBefore = Timestamp.from(now.minus(settings.staleAfter()));
            long failed = jdbc.sql("select count(*) from event_publication where completion_date is null and status = 'FAILED' "
                    + "and publication_date < ?").param(failedBefore).query(Long.class).single();
            long stale = jdbc.sql("select count(*) from event_publication where completion_date is null "
                    + "and (status is null or status <> 'FAILED') and publication_date < ?").param(staleBefore).query(Long.class).single();
            if (failed > 0) {
                incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults().withMinAge(settings.resubmitAfter())
                        .withMaxInFlight(settings.maxInFlight()).withBatchSize(settings.maxInFlight())
                        .withFilter(p -> p.getStatus() == EventPublication.Status.FAILED));
            }
            if (stale > 0) {
                // the options variant reads failed publications only; this one reads every incomplete one older
                // than stale-after, which the count above found to be only the few that were cut off
                incomplete.resubmitIncompletePublicationsOlderThan(settings.staleAfter());
            }
            if (failed + stale > 0) {
                log.info("Resubmitted event publications: {} failed, {} cut off (at most {} at a time)", failed, stale,
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
