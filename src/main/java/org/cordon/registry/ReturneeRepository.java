package org.cordon.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Returnee records. */
@Repository
class ReturneeRepository {

    /** A returnee row as stored. */
    record StoredReturnee(long id, long personId, String originCode, LocalDate leftRiskAreaOn, LocalDate arrivedOn,
                          TransportMode transportMode, String transportDetail, String companions, String destinationCode,
                          String destinationAddress, ReturneeSource source, String sourceRef, String responsibleUsername,
                          ReturneeStatus status, Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;

    /** Registered returnees counted per arrival day and destination. */
    List<ArrivalTally> arrivalTallies() {
        return jdbc.sql("select arrived_on, destination_code, count(*) from returnee where status <> 'UNVERIFIED' group by 1, 2")
                .query((rs, n) -> new ArrivalTally(rs.getObject(1, java.time.LocalDate.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    ReturneeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless (source, sourceRef) exists; empty when it did. */
    Optional<Long> insert(long personId, String originCode, LocalDate leftOn, LocalDate arrivedOn, TransportMode mode,
                          String transportDetail, String companions, String destinationCode, String destinationAddress,
                          ReturneeSource source, String sourceRef, String responsible, ReturneeStatus status, String createdBy) {
        return jdbc.sql("""
                        insert into returnee(person_id, origin_code, left_risk_area_on, arrived_on, transport_mode, transport_detail,
                                             companions, destination_code, destination_address, source, source_ref,
                                             responsible_username, status, verified, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (source, source_ref) do nothing returning id""")
                .params(personId, originCode, leftOn, arrivedOn, mode == null ? null : mode.name(), transportDetail, companions,
                        destinationCode, destinationAddress, source.name(), sourceRef, responsible, status.name(),
                        status != ReturneeStatus.UNVERIFIED, createdBy)
                .query(Long.class).optional();
    }

    Optional<StoredReturnee> findBySource(ReturneeSource source, String sourceRef) {
        return jdbc.sql("select * from returnee where source = ? and source_ref = ?").params(source.name(), sourceRef)
                .query(ReturneeRepository::returnee).optional();
    }

    Optional<StoredReturnee> findById(long id) {
        return jdbc.sql("select * from returnee where id = ?").param(id).query(ReturneeRepository::returnee).optional();
    }

    List<StoredReturnee> page(String areaPrefix, ReturneeStatus status, int limit, long offset) {
        return jdbc.sql("""
                        select * from returnee where\s""" + AreaScope.subtree(areaPrefix).condition("destination_code", "area") + """
                         and (:status = '' or status = :status)
                        order by arrived_on desc, id desc limit :limit offset :offset""")
                .params(filter(areaPrefix, status)).param("limit", limit).param("offset", offset)
                .query(ReturneeRepository::returnee).list();
    }

    long count(String areaPrefix, ReturneeStatus status) {
        return jdbc.sql("select count(*) from returnee where " + AreaScope.subtree(areaPrefix).condition("destination_code", "area")
                        + " and (:status = '' or status = :status)")
                .params(filter(areaPrefix, status)).query(Long.class).single();
    }

    List<StoredReturnee> ofPerson(long personId) {
        return jdbc.sql("select * from returnee where person_id = ? order by arrived_on desc, id desc").param(personId)
                .query(ReturneeRepository::returnee).list();
    }

    int updateStatus(long id, ReturneeStatus status) {
        return jdbc.sql("update returnee set status = ?, verified = verified or ? where id = ?")
                .params(status.name(), status != ReturneeStatus.UNVERIFIED, id).update();
    }

    private static Map<String, Object> filter(String areaPrefix, ReturneeStatus status) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("area", AreaScope.subtree(areaPrefix).pattern());
        params.put("status", status == null ? "" : status.name());
        return params;
    }

    static StoredReturnee returnee(ResultSet rs, int n) throws SQLException {
        String mode = rs.getString("transport_mode");
        return new StoredReturnee(rs.getLong("id"), rs.getLong("person_id"), rs.getString("origin_code"),
                rs.getObject("left_risk_area_on", LocalDate.class), rs.getObject("arrived_on", LocalDate.class),
                mode == null ? null : TransportMode.valueOf(mode), rs.getString("transport_detail"), rs.getString("companions"),
                rs.getString("destination_code"), rs.getString("destination_address"), ReturneeSource.valueOf(rs.getString("source")),
                rs.getString("source_ref"), rs.getString("responsible_username"), ReturneeStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
