package org.cordon.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
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

    /** Registered returnees counted per arrival day and destination (merged duplicates not counted). */
    List<Arrival> arrivalsSince(long personId, java.time.LocalDate since) {
        return jdbc.sql("""
                        select origin_code, arrived_on from returnee where person_id = ? and arrived_on >= ? and merged_into is null
                        order by arrived_on desc, id desc""")
                .params(personId, since)
                .query((rs, n) -> new Arrival(rs.getString(1), rs.getObject(2, java.time.LocalDate.class))).list();
    }

    List<ArrivalTally> arrivalTallies() {
        return jdbc.sql("select arrived_on, destination_code, count(*) from returnee where status <> 'UNVERIFIED' and merged_into is null"
                        + " group by 1, 2")
                .query((rs, n) -> new ArrivalTally(rs.getObject(1, java.time.LocalDate.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    ReturneeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts unless (source, sourceRef) exists or the person has a record of the same arrival
     * ({@link SameArrival}; constraint {@code returnee_one_record_per_arrival}); empty when either did. A
     * concurrent insert of either kind is waited for, so that the look-up that follows (a new statement)
     * finds the record that was stored instead.
     */
    Optional<Long> insert(long personId, String originCode, LocalDate leftOn, LocalDate arrivedOn, TransportMode mode,
                          String transportDetail, String companions, String destinationCode, String destinationAddress,
                          ReturneeSource source, String sourceRef, String responsible, ReturneeStatus status, String createdBy) {
        return jdbc.sql("""
                        insert into returnee(person_id, origin_code, left_risk_area_on, arrived_on, transport_mode, transport_detail,
                                             companions, destination_code, destination_address, source, source_ref,
                                             responsible_username, status, verified, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing returning id""")
                .params(personId, originCode, leftOn, arrivedOn, mode == null ? null : mode.name(), transportDetail, companions,
                        destinationCode, destinationAddress, source.name(), sourceRef, responsible, status.name(),
                        status != ReturneeStatus.UNVERIFIED, createdBy)
                .query(Long.class).optional();
    }

    /** The record stored with this source reference; for a merged duplicate the record it was merged into. */
    Optional<StoredReturnee> findBySource(ReturneeSource source, String sourceRef) {
        return jdbc.sql("""
                        select r.* from returnee s join returnee r on r.id = coalesce(s.merged_into, s.id)
                        where s.source = ? and s.source_ref = ?""").params(source.name(), sourceRef)
                .query(ReturneeRepository::returnee).optional();
    }

    /** The record; for a merged duplicate the record it was merged into. */
    Optional<StoredReturnee> findById(long id) {
        return jdbc.sql("select r.* from returnee s join returnee r on r.id = coalesce(s.merged_into, s.id) where s.id = ?")
                .param(id).query(ReturneeRepository::returnee).optional();
    }

    /**
     * The person's live record of the same arrival ({@link SameArrival}): the one whose arrival date lies
     * closest, the earliest registered among equals.
     */
    Optional<StoredReturnee> findSameArrival(long personId, LocalDate arrivedOn) {
        return jdbc.sql("""
                        select * from returnee
                        where person_id = :person and merged_into is null and arrived_on between :from and :to
                        order by abs(arrived_on - :day), created_at, id limit 1""")
                .param("person", personId).param("day", arrivedOn)
                .param("from", arrivedOn.minusDays(SameArrival.DAYS)).param("to", arrivedOn.plusDays(SameArrival.DAYS))
                .query(ReturneeRepository::returnee).optional();
    }

    /**
     * Fills the record's empty details from a later registration of the same arrival; a value the record
     * has is never replaced. Returns the number of rows changed (0 or 1).
     */
    int fillEmpty(long id, String originCode, LocalDate leftOn, TransportMode mode, String transportDetail, String companions,
                  String destinationAddress) {
        return jdbc.sql("""
                        update returnee set origin_code = coalesce(origin_code, :origin),
                                            left_risk_area_on = coalesce(left_risk_area_on, :leftOn),
                                            transport_mode = coalesce(transport_mode, :mode),
                                            transport_detail = coalesce(transport_detail, :detail),
                                            companions = coalesce(companions, :companions),
                                            destination_address = coalesce(destination_address, :address)
                        where id = :id and (origin_code is null and :origin is not null
                                            or left_risk_area_on is null and cast(:leftOn as date) is not null
                                            or transport_mode is null and :mode is not null
                                            or transport_detail is null and :detail is not null
                                            or companions is null and :companions is not null
                                            or destination_address is null and :address is not null)""")
                .param("id", id).param("origin", originCode, java.sql.Types.VARCHAR)
                .param("leftOn", leftOn, java.sql.Types.DATE)
                .param("mode", mode == null ? null : mode.name(), java.sql.Types.VARCHAR)
                .param("detail", transportDetail, java.sql.Types.VARCHAR).param("companions", companions, java.sql.Types.VARCHAR)
                .param("address", destinationAddress, java.sql.Types.VARCHAR)
                .update();
    }

    List<StoredReturnee> page(String areaPrefix, ReturneeStatus status, int limit, long offset) {
        return jdbc.sql("""
                        select * from returnee where merged_into is null and\s"""
                         + AreaScope.subtree(areaPrefix).condition("destination_code", "area") + """
                         and (:status = '' or status = :status)
                        order by arrived_on desc, id desc limit :limit offset :offset""")
                .params(filter(areaPrefix, status)).param("limit", limit).param("offset", offset)
                .query(ReturneeRepository::returnee).list();
    }

    long count(String areaPrefix, ReturneeStatus status) {
        return jdbc.sql("select count(*) from returnee where merged_into is null and " + AreaScope.subtree(areaPrefix).condition("destination_code", "area")
                        + " and (:status = '' or status = :status)")
                .params(filter(areaPrefix, status)).query(Long.class).single();
    }

    List<StoredReturnee> ofPerson(long personId) {
        return jdbc.sql("select * from returnee where person_id = ? and merged_into is null order by arrived_on desc, id desc").param(personId)
                .query(ReturneeRepository::returnee).list();
    }

    int updateStatus(long id, ReturneeStatus status) {
        return jdbc.sql("update returnee set status = ?, verified = verified or ? where id = (select coalesce(merged_into, id) from returnee where id = ?)")
                .params(status.name(), status != ReturneeStatus.UNVERIFIED, id).update();
    }

    /** {@link #updateStatus} of many records in one statement (each merged duplicate's kept record instead). */
    int updateStatuses(Collection<Long> ids, ReturneeStatus status) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update returnee set status = :status, verified = verified or :verified
                        where id in (select coalesce(merged_into, id) from returnee where id = any(cast(:ids as bigint[])))""")
                .param("status", status.name()).param("verified", status != ReturneeStatus.UNVERIFIED)
                .param("ids", ids.toArray(Long[]::new)).update();
    }

    /** The record each id stands for now (itself, or the one it was merged into), by id; unknown ids left out. */
    Map<Long, Long> currentIds(Collection<Long> ids) {
        Map<Long, Long> current = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return current;
        }
        jdbc.sql("select s.id, coalesce(s.merged_into, s.id) from returnee s where s.id = any(cast(:ids as bigint[]))")
                .param("ids", ids.toArray(Long[]::new)).query(rs -> {
                    current.put(rs.getLong(1), rs.getLong(2));
                });
        return current;
    }

    /** An unverified record becomes registered; returns 0 when it was not unverified (any more). */
    int confirm(long id) {
        return jdbc.sql("update returnee set status = 'REGISTERED', verified = true where id = ? and status = 'UNVERIFIED'")
                .param(id).update();
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
