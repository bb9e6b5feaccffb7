package org.cordon.registry;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Batch writes and the streaming read behind roster import and export: one statement per chunk for persons and
 * one for returnees (the rows as parallel arrays, {@code unnest}: a dozen parameters, not one per value), and a cursor-based read (fetch size) for exports, so
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

    /** A person of a chunk: the id and the name as registered (by this chunk: {@code inserted}, or before). */
    record PersonRef(long id, String name, boolean inserted) {
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
     * Inserts the persons whose identity hash is not registered yet, in one statement (the rows as parallel arrays,
     * {@code unnest}), and looks up the ids of the others in a second one (a new snapshot, so persons a concurrent import
     * inserted meanwhile are found); returns person ids by hex identity hash. A registered person is never changed.
     * Callers sort the rows by hash so that concurrent imports wait for each other in the same order. The name is the
     * one inserted, or the registered one; {@link PersonRef#inserted()} tells which.
     */
    Map<String, PersonRef> insertOrFindPersons(List<PersonRow> rows) {
        Map<String, PersonRef> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        int n = rows.size();
        String[] idTypes = new String[n];
        String[] nationalities = new String[n];
        byte[][] idEnc = new byte[n][];
        byte[][] idHash = new byte[n][];
        String[] names = new String[n];
        String[] sexes = new String[n];
        String[] births = new String[n];
        byte[][] phoneEnc = new byte[n][];
        byte[][] phoneHash = new byte[n][];
        String[] addresses = new String[n];
        for (int i = 0; i < n; i++) {
            PersonRow p = rows.get(i);
            idTypes[i] = p.idType().name();
            nationalities[i] = p.nationality();
            idEnc[i] = p.idEnc();
            idHash[i] = p.idHash();
            names[i] = p.name();
            sexes[i] = p.sex();
            births[i] = p.birthDate() == null ? null : p.birthDate().toString();
            phoneEnc[i] = p.phoneEnc();
            phoneHash[i] = p.phoneHash();
            addresses[i] = p.address();
        }
        HexFormat hex = HexFormat.of();
        jdbc.sql("""
                        insert into person(id_type, nationality, id_number_enc, id_number_hash, name, sex, birth_date,
                                           phone_enc, phone_hash, address)
                        select q.id_type, q.nationality, q.id_enc, q.id_hash, q.name, q.sex, q.birth, q.phone_enc, q.phone_hash,
                               q.address
                        from unnest(cast(:types as text[]), cast(:nationalities as text[]), cast(:idEnc as bytea[]),
                                    cast(:idHash as bytea[]), cast(:names as text[]), cast(:sexes as text[]), cast(:births as date[]),
                                    cast(:phoneEnc as bytea[]), cast(:phoneHash as bytea[]), cast(:addresses as text[])) with ordinality
                             as q(id_type, nationality, id_enc, id_hash, name, sex, birth, phone_enc, phone_hash, address, n)
                        order by q.n
                        on conflict (id_number_hash) do nothing returning id, id_number_hash, name""")
                .param("types", idTypes).param("nationalities", nationalities).param("idEnc", idEnc).param("idHash", idHash)
                .param("names", names).param("sexes", sexes).param("births", births).param("phoneEnc", phoneEnc)
                .param("phoneHash", phoneHash).param("addresses", addresses)
                .query(rs -> {
                    ids.put(hex.formatHex(rs.getBytes(2)), new PersonRef(rs.getLong(1), rs.getString(3), true));
                });
        List<byte[]> registered = new ArrayList<>();
        for (PersonRow p : rows) {
            if (!ids.containsKey(hex.formatHex(p.idHash()))) {
                registered.add(p.idHash());
            }
        }
        if (!registered.isEmpty()) {
            jdbc.sql("select id, id_number_hash, name from person where id_number_hash = any(cast(:hashes as bytea[]))")
                    .param("hashes", registered.toArray(byte[][]::new))
                    .query(rs -> {
                        ids.put(hex.formatHex(rs.getBytes(2)), new PersonRef(rs.getLong(1), rs.getString(3), false));
                    });
        }
        return ids;
    }

    /**
     * Inserts the returnees (status REGISTERED, source IMPORTED) in one statement (the rows as parallel arrays,
     * {@code unnest}), skipping existing source references and arrivals the person has a record of ({@link SameArrival},
     * any source). The rows must not be the same arrival as each other.
     */
    List<Inserted> insertReturnees(List<ReturneeRow> rows) {
        List<Inserted> inserted = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return inserted;
        }
        int n = rows.size();
        Long[] persons = new Long[n];
        String[] origins = new String[n];
        String[] left = new String[n];
        String[] arrived = new String[n];
        String[] modes = new String[n];
        String[] details = new String[n];
        String[] companions = new String[n];
        String[] destinations = new String[n];
        String[] addresses = new String[n];
        String[] refs = new String[n];
        String[] responsible = new String[n];
        String[] creators = new String[n];
        for (int i = 0; i < n; i++) {
            ReturneeRow r = rows.get(i);
            persons[i] = r.personId();
            origins[i] = r.originCode();
            left[i] = r.leftRiskAreaOn() == null ? null : r.leftRiskAreaOn().toString();
            arrived[i] = r.arrivedOn().toString();
            modes[i] = r.transportMode() == null ? null : r.transportMode().name();
            details[i] = r.transportDetail();
            companions[i] = r.companions();
            destinations[i] = r.destinationCode();
            addresses[i] = r.destinationAddress();
            refs[i] = r.sourceRef();
            responsible[i] = r.responsibleUsername();
            creators[i] = r.createdBy();
        }
        jdbc.sql("""
                        insert into returnee(person_id, origin_code, left_risk_area_on, arrived_on, transport_mode, transport_detail,
                                             companions, destination_code, destination_address, source, source_ref,
                                             responsible_username, status, verified, created_by)
                        select q.person_id, q.origin_code, q.left_on, q.arrived_on, q.mode, q.detail, q.companions, q.destination,
                               q.address, 'IMPORTED', q.ref, q.responsible, 'REGISTERED', true, q.creator
                        from unnest(cast(:persons as bigint[]), cast(:origins as text[]), cast(:left as date[]),
                                    cast(:arrived as date[]), cast(:modes as text[]), cast(:details as text[]),
                                    cast(:companions as text[]), cast(:destinations as text[]), cast(:addresses as text[]),
                                    cast(:refs as text[]), cast(:responsible as text[]), cast(:creators as text[])) with ordinality
                             as q(person_id, origin_code, left_on, arrived_on, mode, detail, companions, destination, address, ref,
                                  responsible, creator, n)
                        order by q.n
                        on conflict do nothing
                        returning id, person_id, destination_code, arrived_on, responsible_username, source_ref""")
                .param("persons", persons).param("origins", origins).param("left", left).param("arrived", arrived)
                .param("modes", modes).param("details", details).param("companions", companions)
                .param("destinations", destinations).param("addresses", addresses).param("refs", refs)
                .param("responsible", responsible).param("creators", creators)
                .query(rs -> {
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
