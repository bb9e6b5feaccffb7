package org.cordon.account;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of access to personal data and of exports: who, when, which record, what. Entries
 * are only appended; administrators read them on the audit page.
 */
@Service
public class AuditLog {

    /** What was done with personal data. */
    public enum Action {
        VIEW_FULL, EXPORT, LOOKUP, EXACT_SEARCH, ACCOUNT_CREATED, ACCOUNT_CHANGED, PERSON_CHANGED,
        /** API tokens issued and revoked by administrators. */
        TOKEN_ISSUED, TOKEN_REVOKED,
        /** Sign-in protection: a wrong password or code, a lock, an administrator's unlock. */
        SIGN_IN_FAILED, SIGN_IN_LOCKED, SIGN_IN_UNLOCKED,
        /** Passwords and the second factor: own change, an administrator's reset, TOTP on and off, a recovery code used. */
        PASSWORD_CHANGED, PASSWORD_RESET, TWO_FACTOR_ENABLED, TWO_FACTOR_DISABLED, RECOVERY_CODE_USED,
        /** Duplicate records of the same person and arrival merged into one. */
        RECORDS_MERGED,
        /** The health code: a code card printed, the signing key replaced, another issuer trusted or no longer. */
        HEALTH_CODE_CARD, HEALTH_CODE_KEY_ROTATED, HEALTH_CODE_ISSUER_TRUSTED, HEALTH_CODE_ISSUER_REMOVED,
        /** A run of data retention: passage months dropped, persons anonymised (the counts in the detail). */
        RETENTION_RUN
    }

    /** One entry as shown to administrators. */
    public record Entry(long id, Instant at, String username, Action action, String recordType, String recordId,
                        String detail, String clientAddress) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends an entry in the caller's transaction (so a view that fails leaves no entry and an
     * entry is never lost for a view that succeeded).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String username, Action action, String recordType, String recordId, String detail) {
        jdbc.sql("""
                        insert into audit_entry(username, action, record_type, record_id, detail, client_address)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(username, action.name(), recordType, recordId, detail, clientAddress())
                .update();
    }

    /** Newest first, optionally only one user's entries. */
    public List<Entry> page(String username, int page, int size) {
        String filter = username == null || username.isBlank() ? "" : "where username = :username ";
        var spec = jdbc.sql("select * from audit_entry " + filter + "order by at desc, id desc limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size);
        if (!filter.isEmpty()) {
            spec = spec.param("username", username.trim());
        }
        return spec.query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                Action.valueOf(rs.getString("action")), rs.getString("record_type"), rs.getString("record_id"),
                rs.getString("detail"), rs.getString("client_address"))).list();
    }

    /** The newest entries of one action, newest first. */
    public List<Entry> latest(Action action, int limit) {
        return jdbc.sql("select * from audit_entry where action = ? order by at desc, id desc limit ?").params(action.name(), limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                        Action.valueOf(rs.getString("action")), rs.getString("record_type"), rs.getString("record_id"),
                        rs.getString("detail"), rs.getString("client_address"))).list();
    }

    /** Number of entries about one record (used by tests and the record's detail page). */
    public int countFor(String recordType, String recordId, Action action) {
        return jdbc.sql("select count(*) from audit_entry where record_type = ? and record_id = ? and action = ?")
                .params(recordType, recordId, action.name()).query(Integer.class).single();
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
