package org.cordon.healthcode;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Codes, declarations and reopening links. */
@Repository
class HealthCodeRepository {

    record StoredCode(String codeId, long personId, CodeColor color, List<CodeReason> reasons, Instant issuedAt,
                      Instant revokedAt) {
    }

    record StoredDeclaration(long id, long personId, String residenceCode, List<String> stays, LocalDate arrivedOn,
                             List<String> symptoms, Long referralId, Instant declaredAt) {
    }

    record Revocation(long seq, String codeId, Instant revokedAt) {
    }

    private final JdbcClient jdbc;

    HealthCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ codes

    /** The person's current (unrevoked) code, locked for the rest of the transaction. */
    Optional<StoredCode> currentForUpdate(long personId) {
        return jdbc.sql("select * from health_code where person_id = ? and revoked_at is null for update").param(personId)
                .query(HealthCodeRepository::code).optional();
    }

    Optional<StoredCode> find(String codeId) {
        return jdbc.sql("select * from health_code where code_id = ?").param(codeId).query(HealthCodeRepository::code).optional();
    }

    /** Inserts the person's current code unless another transaction did (then empty). */
    boolean insertCurrent(String codeId, long personId, CodeColor color, List<CodeReason> reasons, Instant at) {
        return jdbc.sql("""
                        insert into health_code(code_id, person_id, color, reasons, issued_at, assessed_at)
                        values (?, ?, ?, string_to_array(?, ','), ?, ?) on conflict do nothing""")
                .params(codeId, personId, color.name(), names(reasons), Timestamp.from(at), Timestamp.from(at)).update() == 1;
    }

    void revoke(String codeId, Instant at) {
        jdbc.sql("""
                        update health_code set revoked_at = ?, revocation_seq = nextval('health_code_revocation_seq')
                        where code_id = ? and revoked_at is null""")
                .params(Timestamp.from(at), codeId).update();
    }

    /** The same colour for other reasons: the code stays, its reasons are brought up to date. */
    void reassessed(String codeId, List<CodeReason> reasons, Instant at) {
        jdbc.sql("update health_code set reasons = string_to_array(?, ','), assessed_at = ? where code_id = ?")
                .params(names(reasons), Timestamp.from(at), codeId).update();
    }

    /** Whether a code was revoked (unknown codes are not). */
    boolean revoked(String codeId) {
        return jdbc.sql("select exists(select 1 from health_code where code_id = ? and revoked_at is not null)").param(codeId)
                .query(Boolean.class).single();
    }

    /** Whether a code had been revoked at {@code at} (unknown codes are not). */
    boolean revokedBy(String codeId, Instant at) {
        return jdbc.sql("select exists(select 1 from health_code where code_id = ? and revoked_at <= ?)")
                .param(codeId).param(java.sql.Timestamp.from(at)).query(Boolean.class).single();
    }

    /** Revocations after the cursor whose codes may still be valid ({@code revokedAfter}), in order; at most {@code limit}. */
    List<Revocation> revocationsAfter(long cursor, Instant revokedAfter, int limit) {
        return jdbc.sql("""
                        select revocation_seq, code_id, revoked_at from health_code
                        where revocation_seq > ? and revoked_at > ? order by revocation_seq limit ?""")
                .params(cursor, Timestamp.from(revokedAfter), limit)
                .query((rs, n) -> new Revocation(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    long lastRevocationBefore(Instant before) {
        return jdbc.sql("select coalesce(max(revocation_seq), 0) from health_code where revoked_at < ?").param(Timestamp.from(before))
                .query(Long.class).single();
    }

    /** Persons whose current code is not green, assessed before {@code before} (the time-based re-assessment). */
    List<Long> notGreenAssessedBefore(Instant before, int limit) {
        return jdbc.sql("""
                        select person_id from health_code where revoked_at is null and color <> 'GREEN' and assessed_at < ?
                        order by assessed_at limit ?""")
                .params(Timestamp.from(before), limit).query(Long.class).list();
    }

    /** Those of the persons who have a code (of any state, as {@link #hasCode}), in id order. */
    List<Long> codedAmong(java.util.Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct person_id from health_code where person_id = any(cast(? as bigint[])) order by person_id")
                .param(personIds.toArray(Long[]::new)).query(Long.class).list();
    }

    boolean hasCode(long personId) {
        return jdbc.sql("select exists(select 1 from health_code where person_id = ?)").param(personId).query(Boolean.class).single();
    }

    // ------------------------------------------------------------------ declarations

    Optional<StoredDeclaration> declarationByClient(UUID clientId) {
        return jdbc.sql("select * from health_declaration where client_id = ?").param(clientId)
                .query(HealthCodeRepository::declaration).optional();
    }

    /** Inserts a declaration; empty when its client id was stored already. */
    Optional<Long> insertDeclaration(UUID clientId, long personId, String residenceCode, List<String> stays, LocalDate arrivedOn,
                                     List<String> symptoms, String clientAddress, Instant at) {
        return jdbc.sql("""
                        insert into health_declaration(client_id, person_id, residence_code, stays, arrived_on, symptoms,
                                                       client_address, declared_at)
                        values (?, ?, ?, string_to_array(?, ','), ?, string_to_array(?, ','), ?, ?)
                        on conflict (client_id) do nothing returning id""")
                .params(clientId, personId, residenceCode, String.join(",", stays), arrivedOn, String.join(",", symptoms),
                        clientAddress, Timestamp.from(at))
                .query(Long.class).optional();
    }

    void linkReferral(long declarationId, long referralId) {
        jdbc.sql("update health_declaration set referral_id = ? where id = ?").params(referralId, declarationId).update();
    }

    /** The person's declarations made on or after {@code since}, newest first. */
    List<StoredDeclaration> declarationsSince(long personId, Instant since) {
        return jdbc.sql("select * from health_declaration where person_id = ? and declared_at >= ? order by declared_at desc")
                .params(personId, Timestamp.from(since)).query(HealthCodeRepository::declaration).list();
    }

    // ------------------------------------------------------------------ links

    void insertLink(byte[] secretHash, long personId, Instant at) {
        jdbc.sql("insert into health_code_link(secret_hash, person_id, created_at) values (?, ?, ?)")
                .params(secretHash, personId, Timestamp.from(at)).update();
    }

    /** The person of an unrevoked link (and notes its use). */
    Optional<Long> useLink(byte[] secretHash, Instant at) {
        return jdbc.sql("""
                        update health_code_link set last_used_at = ? where secret_hash = ? and revoked_at is null
                        returning person_id""")
                .params(Timestamp.from(at), secretHash).query(Long.class).optional();
    }

    int revokeLink(byte[] secretHash, Instant at) {
        return jdbc.sql("update health_code_link set revoked_at = ? where secret_hash = ? and revoked_at is null")
                .params(Timestamp.from(at), secretHash).update();
    }

    int revokeLinksOf(long personId, Instant at) {
        return jdbc.sql("update health_code_link set revoked_at = ? where person_id = ? and revoked_at is null")
                .params(Timestamp.from(at), personId).update();
    }

    // ------------------------------------------------------------------ mapping

    private static String names(List<CodeReason> reasons) {
        return String.join(",", reasons.stream().map(Enum::name).toList());
    }

    private static List<String> texts(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream((String[]) array.getArray()).filter(t -> t != null && !t.isEmpty()).toList());
    }

    private static StoredCode code(ResultSet rs, int n) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredCode(rs.getString("code_id"), rs.getLong("person_id"), CodeColor.valueOf(rs.getString("color")),
                texts(rs.getArray("reasons")).stream().map(CodeReason::valueOf).toList(), rs.getTimestamp("issued_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static StoredDeclaration declaration(ResultSet rs, int n) throws SQLException {
        return new StoredDeclaration(rs.getLong("id"), rs.getLong("person_id"), rs.getString("residence_code"),
                texts(rs.getArray("stays")), rs.getObject("arrived_on", LocalDate.class), texts(rs.getArray("symptoms")),
                rs.getObject("referral_id", Long.class), rs.getTimestamp("declared_at").toInstant());
    }
}
