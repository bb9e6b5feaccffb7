package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scheduled job does not run while another node holds its ShedLock lock (a row of {@code shedlock}), and runs once
 * the lock is free, through the bean the scheduler calls. The sign-in throttle's pruning stands for every
 * {@code @SchedulerLock} job.
 */
class SchedulerLockIntegrationTests extends IntegrationTestSupport {

    static final String LOCK = "account.pruneSignInThrottle";

    @Autowired
    SignInThrottle throttle;

    @Test
    void aJobLockedByAnotherNodeIsSkippedAndRunsOnceTheLockIsFree() {
        String subject = "lock-test-" + UUID.randomUUID();
        jdbc.sql("insert into signin_throttle(kind, subject, failures, last_failure_at) values ('ACCOUNT', ?, 3, ?)")
                .params(subject, Timestamp.from(Instant.now().minus(Duration.ofDays(1)))).update();
        jdbc.sql("delete from shedlock where name = ?").param(LOCK).update();
        jdbc.sql("insert into shedlock(name, lock_until, locked_at, locked_by) values (?, now() + interval '5 minutes', now(), 'node-b')")
                .param(LOCK).update();
        try {
            throttle.prune();
            assertThat(count("select count(*) from signin_throttle where subject = ?", subject))
                    .as("not pruned while node-b holds the lock").isEqualTo(1);

            jdbc.sql("update shedlock set lock_until = now() - interval '1 second' where name = ?").param(LOCK).update();
            throttle.prune();
            assertThat(count("select count(*) from signin_throttle where subject = ?", subject)).as("pruned once free").isZero();
            assertThat(jdbc.sql("select locked_by from shedlock where name = ?").param(LOCK).query(String.class).single())
                    .as("this node took the lock").isNotEqualTo("node-b");
        } finally {
            jdbc.sql("delete from signin_throttle where subject = ?").param(subject).update();
            jdbc.sql("delete from shedlock where name = ?").param(LOCK).update();
        }
    }
}
