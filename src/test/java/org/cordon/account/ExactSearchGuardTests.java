package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cordon.shared.RateLimitedException;
import org.junit.jupiter.api.Test;

/** The per-account allowance of exact searches and its audit entries, on a clock the test moves. */
class ExactSearchGuardTests {

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2020-01-28T02:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Audit entries as written, without a database. */
    static final class RecordingAuditLog extends AuditLog {
        final List<String> entries = new ArrayList<>();

        RecordingAuditLog() {
            super(null);
        }

        @Override
        public void record(String username, Action action, String recordType, String recordId, String detail) {
            entries.add(username + "|" + action + "|" + recordType + "|" + recordId + "|" + detail);
        }
    }

    final MovingClock clock = new MovingClock();
    final RecordingAuditLog audit = new RecordingAuditLog();
    /** 3 per minute, 1 saved up: an idle account may run 4 at once. */
    final ExactSearchGuard guard = new ExactSearchGuard(audit, new ExactSearchSettings(3, Duration.ofMinutes(1), 1), clock);

    static CordonUser user(String name) {
        return new CordonUser(1, name, null, name, Role.OFFICER, Jurisdiction.checkpoints(Set.of("KK01")), true);
    }

    @Test
    void theSearchBeyondTheAllowanceIsRefusedWithTheSecondsToWait() {
        CordonUser officer = user("officer-a");
        for (int i = 0; i < 4; i++) {
            guard.exactSearch(officer, ExactSearchGuard.Kind.PHONE, "passages of KK01 on 2020-01-28");
        }
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> guard.exactSearch(officer, ExactSearchGuard.Kind.PHONE, "passages of KK01 on 2020-01-28"))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds()).isEqualTo(40));
        // a refused search is neither logged nor counted
        assertThat(audit.entries).hasSize(4);

        // the next window grants per-window searches again, not the saved-up burst
        clock.advance(Duration.ofSeconds(40));
        for (int i = 0; i < 3; i++) {
            guard.exactSearch(officer, ExactSearchGuard.Kind.ID_NUMBER, "known-person look-up");
        }
        assertThatThrownBy(() -> guard.exactSearch(officer, ExactSearchGuard.Kind.ID_NUMBER, "known-person look-up"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(audit.entries).hasSize(7);
    }

    @Test
    void eachAccountHasItsOwnAllowance() {
        CordonUser a = user("officer-b");
        CordonUser b = user("officer-c");
        for (int i = 0; i < 4; i++) {
            guard.exactSearch(a, ExactSearchGuard.Kind.ID_NUMBER, "x");
        }
        assertThatThrownBy(() -> guard.exactSearch(a, ExactSearchGuard.Kind.ID_NUMBER, "x")).isInstanceOf(RateLimitedException.class);
        guard.exactSearch(b, ExactSearchGuard.Kind.ID_NUMBER, "x");
        guard.reset();
        guard.exactSearch(a, ExactSearchGuard.Kind.ID_NUMBER, "x");
    }

    @Test
    void anIdleAccountSavesUpOnlyTheBurst() {
        CordonUser officer = user("officer-d");
        clock.advance(Duration.ofHours(3));
        guard.exactSearch(officer, ExactSearchGuard.Kind.PHONE, "x");
        clock.advance(Duration.ofHours(3));
        for (int i = 0; i < 4; i++) {
            guard.exactSearch(officer, ExactSearchGuard.Kind.PHONE, "x");
        }
        assertThatThrownBy(() -> guard.exactSearch(officer, ExactSearchGuard.Kind.PHONE, "x")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void theAuditEntryNamesUserKindAndPlaceButNoValue() {
        guard.exactSearch(user("officer-e"), ExactSearchGuard.Kind.PHONE, "passages of KK01 on 2020-01-28");
        assertThat(audit.entries).containsExactly(
                "officer-e|EXACT_SEARCH|exact-search|PHONE|exact search by phone number in passages of KK01 on 2020-01-28");
    }

    @Test
    void settingsOutsideTheirRangeAreRejected() {
        assertThatThrownBy(() -> new ExactSearchSettings(0, Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExactSearchSettings(1, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExactSearchSettings(1, Duration.ofMinutes(1), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExactSearchSettings(20, Duration.ofMinutes(1), 5).capacity()).isEqualTo(25);
    }
}
