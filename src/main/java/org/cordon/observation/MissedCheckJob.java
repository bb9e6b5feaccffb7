package org.cordon.observation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Flags missed twice-daily checks every few minutes ({@code cordon.observation.scheduler.enabled}, default on). */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cordon.observation.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class MissedCheckJob {

    private static final Logger log = LoggerFactory.getLogger(MissedCheckJob.class);

    private final EpisodeManagement episodes;

    MissedCheckJob(EpisodeManagement episodes) {
        this.episodes = episodes;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT${cordon.observation.missed-check-scan-minutes:15}M")
    @SchedulerLock(name = "observation.flagMissedChecks", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
    void flagMissedChecks() {
        int flagged = episodes.flagMissedChecks();
        if (flagged > 0) {
            log.info("{} missed observation checks flagged", flagged);
        }
    }
}
