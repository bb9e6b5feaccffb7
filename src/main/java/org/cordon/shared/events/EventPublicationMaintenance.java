package org.cordon.shared.events;

import org.cordon.shared.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
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

    EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
                                EventSettings settings) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // first runs one interval after start: at start the registry republishes outstanding publications itself
        registrar.addFixedDelayTask(new FixedDelayTask(this::resubmitIncompletePublications,
                settings.resubmitInterval(), settings.resubmitInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::deleteOldCompletedPublications,
                settings.pruneInterval(), settings.pruneInterval()));
    }

    void resubmitIncompletePublications() {
        run("resubmitting incomplete event publications",
                () -> incomplete.resubmitIncompletePublicationsOlderThan(settings.resubmitAfter()));
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
