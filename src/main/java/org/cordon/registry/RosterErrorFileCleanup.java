package org.cordon.registry;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.cordon.shared.cluster.RunsOnEveryNode;

/**
 * Deletes roster error files past their lifetime, every {@code cordon.roster.error-files.cleanup-interval}
 * ({@code cordon.roster.error-files.cleanup.enabled}, default on). Each node cleans its own data directory, so
 * the job runs on every node.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cordon.roster.error-files.cleanup.enabled", havingValue = "true", matchIfMissing = true)
class RosterErrorFileCleanup {

    private final RosterErrorFiles files;
    private final Clock clock;

    RosterErrorFileCleanup(RosterErrorFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${cordon.roster.error-files.cleanup-interval:PT15M}")
    @RunsOnEveryNode("the error files lie in this node's own data directory")
    void deleteExpired() {
        files.deleteExpired(Instant.now(clock));
    }
}
