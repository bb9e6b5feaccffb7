package org.cordon.retention;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs data retention daily ({@code cordon.retention.cron}, default 03:30 city time; {@code cordon.retention.enabled},
 * default on). Idempotent and safe on several nodes at once (see {@link RetentionManagement}); a cluster-wide lock
 * (ShedLock's {@code @SchedulerLock}) on {@link #daily()} keeps the second node from writing a second, empty audit entry.
 */
@Component
@ConditionalOnProperty(name = "cordon.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionJob {

    private final RetentionManagement retention;

    RetentionJob(RetentionManagement retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${cordon.retention.cron:0 30 3 * * *}", zone = "${cordon.time-zone:Asia/Shanghai}")
    @SchedulerLock(name = "retention.daily", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    void daily() {
        retention.run("system");
    }
}
