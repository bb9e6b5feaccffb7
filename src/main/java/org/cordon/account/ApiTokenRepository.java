package org.cordon.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

    /** A stored token with what authentication needs to know about it and its account. */
    record Stored(long id, String username, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private static final String SUMMARY = """
            select t.id, t.account_id, a.username, a.enabled, t.name, t.kind, t.token_prefix, t.created_at, t.created_by,
                   t.expires_at, t.last_used_at, t.last_used_address, t.revoked_at, t.revoked_by
            from api_token t join account a on a.id = t.account_id""";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long accountId, String name, ApiTokenKind kind, byte[] hash, String prefix, String createdBy, Instant expiresAt) {
        return jdbc.sql("""
                        insert into api_token(account_id, name, kind, token_hash, token_prefix, created_by, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, name, kind.name(), hash, prefix, createdBy, timestamp(expiresAt))
                .query(Long.class).single();
    }

    Optional<Stored> findByHash(byte[] hash) {
        return jdbc.sql("""
                        select t.id, a.username, t.expires_at, t.last_used_at, t.revoked_at
                        from api_token t join account a on a.id = t.account_id where t.token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("username"), instant(rs, "expires_at"),
                        instant(rs, "last_used_at"), instant(rs, "revoked_at")))
                .optional();
    }

    Optional<ApiTokenSummary> find(long id, Instant now) {
        return jdbc.sql(SUMMARY + " where t.id = ?").param(id).query((rs, n) -> summary(rs, now)).optional();
    }

    /** Newest first, at most {@code limit}. */
    List<ApiTokenSummary> findAll(Instant now, int limit) {
        return jdbc.sql(SUMMARY + " order by t.created_at desc, t.id desc limit ?").param(limit)
                .query((rs, n) -> summary(rs, now)).list();
    }

    int countActive(long accountId, Instant now) {
        return jdbc.sql("select count(*) from api_token where account_id = ? and revoked_at is null and (expires_at is null or expires_at > ?)")
                .params(accountId, timestamp(now)).query(Integer.class).single();
    }

    /** Records a use unless one was recorded less than a minute ago (checked again here, against concurrent requests). */
    void touch(long id, Instant now, String address) {
        jdbc.sql("update api_token set last_used_at = ?, last_used_address = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(timestamp(now), address, id, timestamp(now.minusSeconds(60))).update();
    }

    /** Returns 1 when revoked now, 0 when there is no such token or it was revoked before. */
    int revoke(long id, String by, Instant now) {
        return jdbc.sql("update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(timestamp(now), by, id).update();
    }

    private static ApiTokenSummary summary(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = instant(rs, "expires_at");
        Instant revokedAt = instant(rs, "revoked_at");
        ApiTokenStatus status = revokedAt != null ? ApiTokenStatus.REVOKED
                : expiresAt != null && !now.isBefore(expiresAt) ? ApiTokenStatus.EXPIRED
                : !rs.getBoolean("enabled") ? ApiTokenStatus.ACCOUNT_DISABLED
                : ApiTokenStatus.ACTIVE;
        return new ApiTokenSummary(rs.getLong("id"), rs.getLong("account_id"), rs.getString("username"), rs.getString("name"),
                ApiTokenKind.valueOf(rs.getString("kind")), rs.getString("token_prefix"), instant(rs, "created_at"),
                rs.getString("created_by"), expiresAt, instant(rs, "last_used_at"), rs.getString("last_used_address"), revokedAt,
                rs.getString("revoked_by"), status);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
