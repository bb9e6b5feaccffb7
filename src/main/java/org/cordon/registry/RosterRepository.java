package org.cordon.registry;

import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.cordon.account.AreaScope;
import org.cordon.shared.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Batch writes and the streaming read behind roster import and export: one multi-row statement per
 * chunk for persons and one for returnees, and a cursor-based read (fetch size) for exports, so
 * neither direction costs a statement per row or holds all rows in memory.
 */
@Repository
class RosterRepository {

    /** Rows read per round trip when exporting (PostgreSQL uses a cursor inside a transaction). */
    static final int EXPORT_FETCH_SIZE = 1000;

    /** A person to insert unless registered, keyed by the identity hash. */
    record PersonRow(byte[] idHash, IdType idType, String nationality, byte[] idEnc, String name, String sex,
                     LocalDate birthDate, byte[] phoneEnc, byte[] phoneHash, String address) {
    }

    /** A returnee to insert unless its source reference exists. */
    record ReturneeRow(long personId, String originCode, LocalDate leftRiskAreaOn, LocalDate arrivedOn,
                       TransportMode transportMode, String transportDetail, String companions, String destinationCode,
                       String destinationAddress, String sourceRef, String responsibleUsername, String createdBy) {
    }

    /** A returnee row the insert created. */
    record Inserted(long id, long personId, String destinationCode, LocalDate arrivedOn, String responsibleUsername, String sourceRef) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;

    RosterRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(EXPORT_FETCH_SIZE);
    }

    /** A person of a chunk: the id and the name as registered (by this chunk, or before). */
    record PersonRef(long id, String name) {
    }

    /** A live record of the same arrival that waits for confirmation (a self-report). */
    record Unverified(long id, long personId, String destinationCode, LocalDate arrivedOn, ReturneeSource source,
                      String responsibleUsername) {
    }

    /**
     * The live unverified records (self-reports) of the same arrivals ({@link SameArrival}) as these (person, arrival
     * date) pairs, in one query.
     */
    List<Unverified> unverifiedSameArrivals(List<Long> personIds, List<LocalDate> arrivals) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct r.id, r.person_id, r.destination_code, r.arrived_on, r.source, r.responsible_username
                        from returnee r
                        join unnest(cast(:persons as bigint[]), cast(:days as date[])) as q(person_id, day)
                          on r.person_id = q.person_id and r.arrived_on between q.day - :window and q.day + :window
                        where r.merged_into is null and r.status = 'UNVERIFIED'
                        order by r.id""")
                .param("persons", personIds.toArray(Long[]::new))
                .param("days", arrivals.stream().map(LocalDate::toString).toArray(String[]::new))
                .param("window", SameArrival.DAYS)
                .query((rs, n) -> new Unverified(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        ReturneeSource.valueOf(rs.getString(5)), rs.getString(6)))
                .list();
    }

    /**
     * Inserts the persons whose identity hash is not registered yet, in one statement, and looks up the
     * ids of the others in a second one (a new snapshot, so persons a concurrent import inserted meanwhile
     * are found); returns person ids by hex identity hash. A registered person is never changed. Callers
     * sort the rows by hash so that concurrent imports wait for each other in the same order. The name is the one
     * inserted, or the registered one.
     */
    Map<String, PersonRef> insertOrFindPersons(List<PersonRow> rows) {
        Map<String, PersonRef> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        StringBuilder sql = new StringBuilder("""
                insert into person(id_type, nationality, id_number_enc, id_number_hash, name, sex, birth_date,
                                   phone_enc, phone_hash, address) values """);
        List<Object> params = new ArrayList<>(rows.size() * 10);
        for (int i = 0; i < rows.size(); i++) {
            PersonRow p = rows.get(i);
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
            params.add(p.idType().name());
            params.add(p.nationality());
            params.add(p.idEnc());
            params.add(p.idHash());
            params.add(p.name());
            params.add(new SqlParameterValue(Types.VARCHAR, p.sex()));
            params.add(new SqlParameterValue(Types.DATE, p.birthDate()));
            params.add(new SqlParameterValue(Types.BINARY, p.phoneEnc()));
            params.add(new SqlParameterValue(Types.BINARY, p.phoneHash()));
            params.add(new SqlParameterValue(Types.VARCHAR, p.address()));
        }
        sql.append(" on conflict (id_number_hash) do nothing returning id, id_number_hash, name");
        HexFormat hex = HexFormat.of();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            ids.put(hex.formatHex(rs.getBytes(2)), new PersonRef(rs.getLong(1), rs.getString(3)));
        });
        List<byte[]> registered = new ArrayList<>();
        for (PersonRow p : rows) {
            if (!ids.containsKey(hex.formatHex(p.idHash()))) {
                registered.add(p.idHash());
            }
        }
        if (!registered.isEmpty()) {
            jdbc.sql("select id, id_number_hash, name from person where id_number_hash in (:hashes)").param("hashes", registered)
                    .query(rs -> {
                        ids.put(hex.formatHex(rs.getBytes(2)), new PersonRef(rs.getLong(1), rs.getString(3)));
                    });
        }
        return ids;
    }

    /**
     * Inserts the returnees (status REGISTERED, source IMPORTED) in one statement, skipping existing source references
     * and arrivals the person has a record of ({@link SameArrival}, any source). The rows must not be the same
     * arrival as each other.
     */
    List<Inserted> insertReturnees(List<ReturneeRow> rows) {
        List<Inserted> inserted = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return inserted;
        }
        StringBuilder sql = new StringBuilder("""
                insert into returnee(person_id, origin_code, left_risk_area_on, arrived_on, transport_mode, transport_detail,
                                     companions, destination_code, destination_address, source, source_ref,
                                     responsible_username, status, verified, created_by) values """);
        List<Object> params = new ArrayList<>(rows.size() * 13);
        for (int i = 0; i < rows.size(); i++) {
            ReturneeRow r = rows.get(i);
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,'IMPORTED',?,?,'REGISTERED',true,?)");
            params.add(r.personId());
            params.add(new SqlParameterValue(Types.VARCHAR, r.originCode()));
            params.add(new SqlParameterValue(Types.DATE, r.leftRiskAreaOn()));
            params.add(new SqlParameterValue(Types.DATE, r.arrivedOn()));
            params.add(new SqlParameterValue(Types.VARCHAR, r.transportMode() == null ? null : r.transportMode().name()));
            params.add(new SqlParameterValue(Types.VARCHAR, r.transportDetail()));
            params.add(new SqlParameterValue(Types.VARCHAR, r.companions()));
            params.add(r.destinationCode());
            params.add(new SqlParameterValue(Types.VARCHAR, r.destinationAddress()));
            params.add(r.sourceRef());
            params.add(new SqlParameterValue(Types.VARCHAR, r.responsibleUsername()));
            params.add(r.createdBy());
        }
        sql.append(" on conflict do nothing"
                + " returning id, person_id, destination_code, arrived_on, responsible_username, source_ref");
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            inserted.add(new Inserted(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                    rs.getString(5), rs.getString(6)));
        });
        return inserted;
    }

    /**
     * Streams the returnees whose destination lies in the area subtree, with their persons, ordered by
     * destination, arrival and id. Must run inside a transaction (PostgreSQL only uses a cursor then).
     */
    void exportRows(String areaPrefix, RowCallbackHandler handler) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        streaming.query("""
                        select r.id, r.origin_code, r.left_risk_area_on, r.arrived_on, r.transport_mode, r.transport_detail,
                               r.companions, r.destination_code, r.destination_address, r.source, r.status,
                               r.responsible_username, r.created_at,
                               p.name, p.id_type, p.nationality, p.id_number_enc, p.phone_enc
                        from returnee r join person p on p.id = r.person_id
                        where r.merged_into is null and\s""" + scope.condition("r.destination_code")
                         + " order by r.destination_code, r.arrived_on, r.id",
                handler, scope.pattern());
    }
}
