package org.cordon.healthcode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signing keys of this platform and the trusted keys of other issuers. */
@Repository
class KeyRepository {

    record StoredKey(String kid, byte[] publicKey, byte[] privateKeyEnc, Instant createdAt, Instant retiredAt) {
    }

    record StoredTrustedKey(long id, String issuer, String kid, byte[] publicKey, String name, String addedBy, Instant addedAt) {
    }

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keys that sign now or whose codes may still be valid ({@code retiredAfter}), newest first. */
    List<StoredKey> publishedKeys(Instant retiredAfter) {
        return jdbc.sql("select * from health_code_key where retired_at is null or retired_at > ? order by created_at desc")
                .param(Timestamp.from(retiredAfter)).query((rs, n) -> new StoredKey(rs.getString("kid"), rs.getBytes("public_key"),
                        rs.getBytes("private_key"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant()))
                .list();
    }

    /** Serialises key changes of concurrent nodes (transaction-scoped advisory lock). */
    void lockKeys() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('health_code_key'))").query().singleValue();
    }

    void retireActive(Instant at) {
        jdbc.sql("update health_code_key set retired_at = ? where retired_at is null").param(Timestamp.from(at)).update();
    }

    void insertKey(String kid, byte[] publicKey, byte[] privateKeyEnc, Instant at) {
        jdbc.sql("insert into health_code_key(kid, public_key, private_key, created_at) values (?, ?, ?, ?)")
                .params(kid, publicKey, privateKeyEnc, Timestamp.from(at)).update();
    }

    List<StoredTrustedKey> trustedKeys() {
        return jdbc.sql("select * from health_code_trusted_key where removed_at is null order by issuer, added_at")
                .query((rs, n) -> new StoredTrustedKey(rs.getLong("id"), rs.getString("issuer"), rs.getString("kid"),
                        rs.getBytes("public_key"), rs.getString("name"), rs.getString("added_by"),
                        rs.getTimestamp("added_at").toInstant())).list();
    }

    /** Adds a trusted key; empty when the issuer's key id is trusted already. */
    Optional<Long> insertTrustedKey(String issuer, String kid, byte[] publicKey, String name, String by) {
        return jdbc.sql("""
                        insert into health_code_trusted_key(issuer, kid, public_key, name, added_by) values (?, ?, ?, ?, ?)
                        on conflict do nothing returning id""")
                .params(issuer, kid, publicKey, name, by).query(Long.class).optional();
    }

    int removeTrustedKey(long id, String by) {
        return jdbc.sql("update health_code_trusted_key set removed_at = now(), removed_by = ? where id = ? and removed_at is null")
                .params(by, id).update();
    }
}
