package org.cordon.checkpoint;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the passage, occupant and alert partitions of the coming months ahead
 * ({@code cordon.checkpoint.partitions-ahead}, default 3 months), at start-up and every day at 00:10 city time.
 * Safe on several nodes at once (advisory lock, then nothing left to do); a cluster-wide lock such as ShedLock's
 * {@code @SchedulerLock} on {@link #daily()} only saves the second node the look.
 */
@Component
class PassagePartitionJob {

    private final PassagePartitions partitions;
    private final int ahead;

    PassagePartitionJob(PassagePartitions partitions, @Value("${cordon.checkpoint.partitions-ahead:3}") int ahead) {
        this.partitions = partitions;
        this.ahead = Math.max(1, ahead);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        partitions.createAhead(ahead);
    }

    @Scheduled(cron = "${cordon.checkpoint.partitions-cron:0 10 0 * * *}", zone = "${cordon.time-zone:Asia/Shanghai}")
    @SchedulerLock(name = "checkpoint.createPassageMonths", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    void daily() {
        partitions.createAhead(ahead);
    }
}
