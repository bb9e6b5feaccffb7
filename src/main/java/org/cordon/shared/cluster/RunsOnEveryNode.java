package org.cordon.shared.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Scheduled} method that must run on every node, not once across them: it works on what the node
 * has on its own (files in its data directory), which no other node can reach. Every other scheduled method
 * carries {@code @SchedulerLock} ({@code ScheduledJobsArchitectureTests}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RunsOnEveryNode {

    /** Why the job runs on every node. */
    String value();
}
