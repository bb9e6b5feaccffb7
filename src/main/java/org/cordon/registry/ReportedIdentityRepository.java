package org.cordon.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reported identity values differing from the registered person's; the phone as ciphertext and keyed hash only. */
@Repository
class ReportedIdentityRepository {

    /** Values to keep: only the differing ones are non-null. */
    record Row(long personId, ReportedIdentity.RecordType recordType, long recordId, String areaCode, String name, byte[] phoneEnc,
               byte[] phoneHash, String residenceCode, String address, String reportedBy) {
    }

    /** An open (unresolved) report as stored. */
    record Stored(long id, long personId, ReportedIdentity.RecordType recordType, long recordId, String areaCode, String name,
                  byte[] phoneEnc, byte[] phoneHash, String residenceCode, String address, Instant reportedAt, String reportedBy) {
    }

    private final JdbcClient jdbc;

    ReportedIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows in one statement; a record that has a report already keeps it. */
    void insertAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                insert into reported_identity(person_id, record_type, record_id, area_code, reported_name, reported_phone_enc,
                                              reported_phone_hash, reported_residence_code, reported_address, reported_by) values """);
        List<Object> params = new ArrayList<>(rows.size() * 10);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
            params.add(r.personId());
            params.add(r.recordType().name());
            params.add(r.recordId());
            params.add(r.areaCode());
            params.add(new SqlParameterValue(Types.VARCHAR, r.name()));
            params.add(new SqlParameterValue(Types.BINARY, r.phoneEnc()));
            params.add(new SqlParameterValue(Types.BINARY, r.phoneHash()));
            params.add(new SqlParameterValue(Types.VARCHAR, r.residenceCode()));
            params.add(new SqlParameterValue(Types.VARCHAR, r.address()));
            params.add(r.reportedBy());
        }
        sql.append(" on conflict (record_type, record_id) do nothing");
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Open reports of these records. */
    List<Stored> open(ReportedIdentity.RecordType type, Collection<Long> recordIds) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from reported_identity where record_type = :type and record_id in (:ids) and resolution is null")
                .param("type", type.name()).param("ids", recordIds)
                .query(ReportedIdentityRepository::stored).list();
    }

    /** The open report of a record, locked until the end of the transaction (one confirmation at a time). */
    Optional<Stored> lockOpen(ReportedIdentity.RecordType type, long recordId) {
        return jdbc.sql("""
                        select * from reported_identity where record_type = ? and record_id = ? and resolution is null
                        for update""")
                .params(type.name(), recordId)
                .query(ReportedIdentityRepository::stored).optional();
    }

    /** Marks the report resolved and clears the reported values (they are adopted or rejected now). */
    int resolve(long id, String resolution, String username) {
        return jdbc.sql("""
                        update reported_identity set resolution = ?, resolved_at = now(), resolved_by = ?,
                               reported_name = null, reported_phone_enc = null, reported_phone_hash = null,
                               reported_residence_code = null, reported_address = null
                        where id = ? and resolution is null""")
                .params(resolution, username, id).update();
    }

    static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("person_id"), ReportedIdentity.RecordType.valueOf(rs.getString("record_type")),
                rs.getLong("record_id"), rs.getString("area_code"), rs.getString("reported_name"), rs.getBytes("reported_phone_enc"),
                rs.getBytes("reported_phone_hash"), rs.getString("reported_residence_code"), rs.getString("reported_address"),
                rs.getTimestamp("reported_at").toInstant(), rs.getString("reported_by"));
    }
}
