package org.cordon.shared.cluster;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled jobs run on one node at a time (README "Production deployment"): every {@code @Scheduled} method
 * carries ShedLock's {@code @SchedulerLock} (checked by {@code ScheduledJobsArchitectureTests}), unless it
 * works on the node's own files and says so with {@link RunsOnEveryNode}; jobs registered in code run through
 * {@link LockingTaskExecutor}. The locks are rows of the table {@code shedlock}, timed by the database's clock
 * ({@code usingDbTime()}), so the nodes' clocks need not agree. A node that dies while holding a lock holds it
 * until the job's {@code lockAtMostFor} has passed.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class SchedulerLockConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }

    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new DefaultLockingTaskExecutor(lockProvider);
    }
}
