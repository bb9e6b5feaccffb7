package org.cordon.account;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.cordon.shared.ClockTimeMeter;
import org.cordon.shared.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one gate of exact searches by a full ID number, identity document or phone number: an exact
 * match is an oracle (does this completion of a masked {@code 138****5678} exist?), so every path that
 * finds records by such a value calls {@link #exactSearch} before it queries. Each search is audit-logged
 * (who, when, kind, where — never the value searched) and counted against the account's allowance
 * ({@link ExactSearchSettings}); beyond it {@link RateLimitedException} (API 429 with {@code Retry-After}).
 * Prefix and fuzzy searches (plates, names) do not come here.
 *
 * <p>Allowances live in memory, one token bucket per account (Bucket4j): with several instances behind a
 * load balancer each counts on its own, and a restart grants fresh allowances.
 */
@Service
public class ExactSearchGuard {

    private static final Logger log = LoggerFactory.getLogger(ExactSearchGuard.class);

    /** What the searched value was. */
    public enum Kind {
        /** A resident ID number, passport or other identity document. */
        ID_NUMBER,
        /** A mobile phone number. */
        PHONE
    }

    /** Audit record type of exact searches; the record id is the {@link Kind}. */
    public static final String AUDIT_RECORD_TYPE = "exact-search";

    private final AuditLog audit;
    private final ExactSearchSettings settings;
    private final TimeMeter time;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

    ExactSearchGuard(AuditLog audit, ExactSearchSettings settings, Clock clock) {
        this.audit = audit;
        this.settings = settings;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * Counts one exact search of {@code user} and writes its audit entry in the caller's transaction,
     * which must not be read-only (the entry is part of the search: a search that fails leaves none).
     *
     * @param kind  the kind of value searched
     * @param where where it was searched, for the audit log (e.g. "passages of KK01 on 2020-01-28"); never the value
     * @throws RateLimitedException the account's allowance is used up; nothing is counted or logged
     */
    public void exactSearch(CordonUser user, Kind kind, String where) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            throw new IllegalStateException("An exact search must run in a read-write transaction, for its audit entry");
        }
        Allowance allowance = allowances.computeIfAbsent(user.getUsername(), k -> new Allowance(newBucket()));
        ConsumptionProbe probe = allowance.bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            allowance.warnOnce(user, seconds);
            throw new RateLimitedException("Exact searches of " + user.getUsername(), seconds);
        }
        audit.record(user.getUsername(), AuditLog.Action.EXACT_SEARCH, AUDIT_RECORD_TYPE, kind.name(),
                "exact search by " + (kind == Kind.PHONE ? "phone number" : "ID number") + " in " + where);
    }

    /** Forgets every allowance (an operator after a false alarm; tests). */
    public void reset() {
        allowances.clear();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.capacity())
                        .refillIntervally(settings.perWindow(), settings.window()).build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** One account's bucket and when its last refusal was logged. */
    private final class Allowance {
        final Bucket bucket;
        final AtomicLong lastWarnedNanos = new AtomicLong(Long.MIN_VALUE);

        Allowance(Bucket bucket) {
            this.bucket = bucket;
        }

        /** One WARN line per window and account, however many searches are refused. */
        void warnOnce(CordonUser user, long retryAfterSeconds) {
            long now = time.currentTimeNanos();
            long last = lastWarnedNanos.get();
            if ((last == Long.MIN_VALUE || now - last >= settings.window().toNanos()) && lastWarnedNanos.compareAndSet(last, now)) {
                log.warn("Exact searches by ID or phone of {} ({}) over the limit of {} per {}; refused for {} s", user.getUsername(),
                        user.role(), settings.perWindow(), settings.window(), retryAfterSeconds);
            }
        }
    }
}
