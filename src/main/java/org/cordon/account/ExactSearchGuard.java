package org.cordon.account;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cordon.shared.RateLimitedException;
import org.cordon.shared.cluster.InMemoryRateLimits;
import org.cordon.shared.cluster.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * <p>Allowances are token buckets in the database ({@link RateLimits}, limit {@code exact-search}, one row per
 * account), counted in the search's own transaction: every node behind a load balancer counts against the same
 * allowance, and a restart grants nothing afresh.
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
    private final RateLimits limits;
    private final RateLimits.Limit limit;
    private final Clock clock;
    /** When the last refusal of each account was logged (one WARN line per window and account); bounded below. */
    private final Map<String, AtomicLong> lastWarned = new ConcurrentHashMap<>();

    @Autowired
    ExactSearchGuard(AuditLog audit, ExactSearchSettings settings, Clock clock, RateLimits limits) {
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.limits = limits;
        this.limit = new RateLimits.Limit("exact-search", settings.capacity(), settings.perWindow(), settings.window());
    }

    /** Without a database (unit tests): the same arithmetic in memory. */
    ExactSearchGuard(AuditLog audit, ExactSearchSettings settings, Clock clock) {
        this(audit, settings, clock, new InMemoryRateLimits(clock));
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
        RateLimits.Outcome outcome = limits.tryTake(limit, user.getUsername());
        if (!outcome.taken()) {
            warnOnce(user, outcome.retryAfterSeconds());
            throw new RateLimitedException("Exact searches of " + user.getUsername(), outcome.retryAfterSeconds());
        }
        audit.record(user.getUsername(), AuditLog.Action.EXACT_SEARCH, AUDIT_RECORD_TYPE, kind.name(),
                "exact search by " + (kind == Kind.PHONE ? "phone number" : "ID number") + " in " + where);
    }

    /** Forgets every allowance (an operator after a false alarm; tests). */
    public void reset() {
        limits.forget(limit);
        lastWarned.clear();
    }

    /** One WARN line per window and account on this node, however many searches are refused. */
    private void warnOnce(CordonUser user, long retryAfterSeconds) {
        if (lastWarned.size() > 10_000) {
            lastWarned.clear();
        }
        long now = TimeUnit.MILLISECONDS.toNanos(clock.millis());
        AtomicLong last = lastWarned.computeIfAbsent(user.getUsername(), k -> new AtomicLong(Long.MIN_VALUE));
        long before = last.get();
        if ((before == Long.MIN_VALUE || now - before >= settings.window().toNanos()) && last.compareAndSet(before, now)) {
            log.warn("Exact searches by ID or phone of {} ({}) over the limit of {} per {}; refused for {} s", user.getUsername(),
                    user.role(), settings.perWindow(), settings.window(), retryAfterSeconds);
        }
    }
}
