package org.cordon.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Counts failed sign-ins per account name and per client address and refuses attempts while a delay or a
 * lock is running ({@link SignInSettings}). The counts live in the table {@code signin_throttle}, so a
 * restart or a second node knows them; one row per name or address that failed lately, pruned after
 * {@code forget-after}. Names that no account has are counted and locked alike, so the answers do not
 * tell which names exist.
 *
 * <p>An attempt is refused <em>before</em> its password is checked, so during a delay or a lock the right
 * password is refused too, and refused attempts do not count. Failures, locks and unlocks are written to
 * the audit log ({@code SIGN_IN_FAILED}, {@code SIGN_IN_LOCKED}, {@code SIGN_IN_UNLOCKED}).
 */
@Service
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Audit record types of locks: the record id is the account name or the address. */
    static final String ACCOUNT = "ACCOUNT";
    static final String ADDRESS = "ADDRESS";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");

    /** Why an attempt is refused and for how long (whole seconds, at least 1). */
    public record Refusal(String kind, boolean locked, long retryAfterSeconds) {
    }

    /** What {@link #check} found: a refusal, if any, and whether the account name has failures to forget on success. */
    record Check(Optional<Refusal> refusal, boolean accountHasFailures) {
    }

    /** A name or address with failures, as administrators see it. */
    public record Entry(String kind, String subject, int failures, Instant lastFailureAt, Instant lockedUntil, boolean locked) {
    }

    private final JdbcClient jdbc;
    private final SignInSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, SignInSettings settings, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether an attempt of {@code username} from {@code address} (null: unknown) may be checked now. */
    Check check(String username, String address) {
        Instant now = clock.instant();
        Instant forgetBefore = now.minus(settings.forgetAfter());
        Refusal refusal = null;
        boolean accountHasFailures = false;
        List<Row> rows = jdbc.sql("""
                        select kind, failures, last_failure_at, locked_until from signin_throttle
                        where (kind = 'ACCOUNT' and subject = :username) or (kind = 'ADDRESS' and subject = :address)""")
                .param("username", subject(username)).param("address", address == null ? "" : subject(address))
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(4, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
                .list();
        for (Row row : rows) {
            if (row.lastFailureAt().isBefore(forgetBefore)) {
                continue;
            }
            boolean account = ACCOUNT.equals(row.kind());
            accountHasFailures |= account;
            Refusal r = refusalOf(row, account ? settings.accountDelayAfter() : settings.addressDelayAfter(), now);
            if (r != null && (refusal == null || r.retryAfterSeconds() > refusal.retryAfterSeconds())) {
                refusal = r;
            }
        }
        return new Check(Optional.ofNullable(refusal), accountHasFailures);
    }

    /**
     * Counts one failed attempt (wrong password or wrong second-factor code) of {@code username} from
     * {@code address}, audited with {@code how}; locks the name or the address when it reaches its limit. Committed
     * on its own, whatever becomes of the caller's transaction (a rejected request still counts).
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    void failed(String username, String address, String how) {
        Instant now = clock.instant();
        String name = subject(username);
        int accountFailures = count(ACCOUNT, name, settings.accountLockAfter(), now);
        audit.record(name, AuditLog.Action.SIGN_IN_FAILED, "account", name,
                how + "; failure " + accountFailures + " (lock at " + settings.accountLockAfter() + ")");
        log.info("Failed sign-in of {} from {} ({}); failure {} of {}", name, address == null ? null : subject(address), how,
                accountFailures, settings.accountLockAfter());
        if (accountFailures >= settings.accountLockAfter()) {
            locked(name, "account", name, accountFailures);
        }
        if (address != null) {
            String from = subject(address);
            int addressFailures = count(ADDRESS, from, settings.addressLockAfter(), now);
            if (addressFailures >= settings.addressLockAfter()) {
                locked(name, "address", from, addressFailures);
            }
        }
    }

    /** A successful sign-in: the account name's failures are forgotten (an address's only age). */
    void succeeded(String username, Check check) {
        if (check.accountHasFailures()) {
            jdbc.sql("delete from signin_throttle where kind = 'ACCOUNT' and subject = ? and (locked_until is null or locked_until <= ?)")
                    .params(subject(username), at(clock.instant())).update();
        }
    }

    /** Names and addresses locked now or being delayed, most recent failure first. */
    public List<Entry> entries() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select kind, subject, failures, last_failure_at, locked_until from signin_throttle
                        where last_failure_at >= :forgetBefore
                          and (locked_until > :now or (kind = 'ACCOUNT' and failures >= :accountDelay)
                               or (kind = 'ADDRESS' and failures >= :addressDelay))
                        order by last_failure_at desc limit 500""")
                .param("forgetBefore", at(now.minus(settings.forgetAfter()))).param("now", at(now))
                .param("accountDelay", settings.accountDelayAfter()).param("addressDelay", settings.addressDelayAfter())
                .query((rs, n) -> {
                    Instant until = Optional.ofNullable(rs.getObject(5, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null);
                    return new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                            until, until != null && until.isAfter(now));
                }).list();
    }

    /**
     * Forgets the failures and the lock of an account name or an address; {@code by} is audited
     * ({@code SIGN_IN_UNLOCKED}). Returns false when there was nothing to forget.
     */
    boolean unlock(String by, String kind, String subject) {
        int deleted = jdbc.sql("delete from signin_throttle where kind = ? and subject = ?").params(kind, subject).update();
        if (deleted > 0) {
            audit.record(by, AuditLog.Action.SIGN_IN_UNLOCKED, ACCOUNT.equals(kind) ? "account" : "address", subject,
                    "failed sign-ins forgotten, lock lifted");
            log.info("{} lifted the sign-in lock of {} {}", by, kind.toLowerCase(), subject);
        }
        return deleted > 0;
    }

    /** Rows nobody needs any more: failures older than forget-after, no lock running. */
    @Scheduled(fixedDelayString = "${cordon.signin.prune-interval:PT10M}", initialDelayString = "${cordon.signin.prune-interval:PT10M}")
    @SchedulerLock(name = "account.pruneSignInThrottle", lockAtMostFor = "PT10M", lockAtLeastFor = "PT10S")
    void prune() {
        Instant now = clock.instant();
        int pruned = jdbc.sql("delete from signin_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)")
                .params(at(now.minus(settings.forgetAfter())), at(now)).update();
        if (pruned > 0) {
            log.debug("Forgot {} aged sign-in failure counts", pruned);
        }
    }

    private record Row(String kind, int failures, Instant lastFailureAt, Instant lockedUntil) {
    }

    private Refusal refusalOf(Row row, int delayAfter, Instant now) {
        if (row.lockedUntil() != null && now.isBefore(row.lockedUntil())) {
            return new Refusal(row.kind(), true, seconds(Duration.between(now, row.lockedUntil())));
        }
        if (row.failures() >= delayAfter) {
            Instant until = row.lastFailureAt().plus(delayAfter(row.failures() - delayAfter));
            if (now.isBefore(until)) {
                return new Refusal(row.kind(), false, seconds(Duration.between(now, until)));
            }
        }
        return null;
    }

    /** The delay after the n-th failure past the first delayed one: delay · 2^n, at most max-delay. */
    Duration delayAfter(int n) {
        Duration d = settings.delay();
        for (int i = 0; i < n && d.compareTo(settings.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    /** One more failure, in one statement (concurrent failures each count); returns the count. */
    private int count(String kind, String subject, int lockAfter, Instant now) {
        return jdbc.sql("""
                        insert into signin_throttle as t (kind, subject, failures, last_failure_at, locked_until)
                        values (:kind, :subject, 1, :now, case when 1 >= :lockAfter then cast(:lockedUntil as timestamptz) end)
                        on conflict (kind, subject) do update set
                          failures = case when t.last_failure_at < :forgetBefore then 1 else t.failures + 1 end,
                          last_failure_at = :now,
                          locked_until = case when (case when t.last_failure_at < :forgetBefore then 1 else t.failures + 1 end) >= :lockAfter
                                              then cast(:lockedUntil as timestamptz) else t.locked_until end
                        returning failures""")
                .param("kind", kind).param("subject", subject).param("now", at(now)).param("lockAfter", lockAfter)
                .param("lockedUntil", at(now.plus(settings.lockDuration())))
                .param("forgetBefore", at(now.minus(settings.forgetAfter())))
                .query(Integer.class).single();
    }

    private void locked(String username, String recordType, String subject, int failures) {
        audit.record(username, AuditLog.Action.SIGN_IN_LOCKED, recordType, subject,
                failures + " failed sign-ins: locked for " + settings.lockDuration().toMinutes() + " min");
        log.warn("Sign-in of {} {} locked for {} after {} failed attempts", recordType, subject, settings.lockDuration(), failures);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Names and addresses as stored, logged and audited: at most 64 characters (longer names are no account's),
     * control characters replaced, so that a name tried cannot write lines of its own into the log.
     */
    static String subject(String s) {
        String cut = s.length() <= 64 ? s : s.substring(0, 64);
        return CONTROL.matcher(cut).replaceAll("?");
    }

}
