package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AreaScope;
import org.cordon.shared.IdType;
import org.cordon.shared.PlateKind;
import org.cordon.shared.PlateNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Passages and occupants. Personal data columns hold ciphertext and keyed hashes only. */
@Repository
class PassageRepository {

    /** An occupant row as stored (encrypted values). */
    record StoredOccupant(long id, long passageId, int seq, String name, IdType idType, byte[] idNumberEnc, byte[] phoneEnc,
                          BigDecimal temperature, List<Symptom> symptoms, boolean riskAreaStay, boolean caseContact,
                          Disposition disposition) {
    }

    /** A passage row as stored. */
    record StoredPassage(long id, UUID clientId, String checkpointCode, String checkpointName, String townCode,
                         Direction direction, String plateNumber, PlateKind plateKind, VehicleType vehicleType,
                         String originCode, String destinationCode, boolean disinfected, Instant recordedAt,
                         LocalDate recordedOn, String recordedBy) {
    }

    /** An occupant to insert. */
    record NewOccupant(int seq, String name, IdType idType, byte[] idNumberEnc, byte[] idNumberHash, byte[] phoneEnc,
                       byte[] phoneHash, BigDecimal temperature, Set<Symptom> symptoms, boolean riskAreaStay,
                       boolean caseContact, Disposition disposition, String healthCodeColor, String healthCodeId) {
    }

    private static final String PASSAGE_COLUMNS = """
            p.id, p.client_id, p.checkpoint_code, c.name as checkpoint_name, c.town_code, p.direction, p.plate_number,
            p.plate_kind, p.vehicle_type, p.origin_code, p.destination_code, p.disinfected, p.recorded_at, p.recorded_on, p.recorded_by
            """;

    private final JdbcClient jdbc;

    PassageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every passage counted per day, hour (in {@code timeZone}) and checkpoint, its occupants included; the months
     * retention dropped are counted from what it archived of them (passage_tally_archive).
     */
    List<PassageTally> tallies(String timeZone) {
        return jdbc.sql("""
                        select recorded_on, hour, town_code, checkpoint_code, sum(passages), sum(vehicles), sum(disinfected),
                               sum(people), sum(fever), sum(risk)
                        from (""" + LIVE_TALLIES + """
                              union all
                              select recorded_on, hour, town_code, checkpoint_code, passages, vehicles, disinfected, people, fever, risk
                              from passage_tally_archive) t
                        group by 1, 2, 3, 4""")
                .param("tz", timeZone)
                .query((rs, n) -> new PassageTally(rs.getObject(1, java.time.LocalDate.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)))
                .list();
    }

    /** The stored passages' counts per day, hour (parameter tz), town and checkpoint (what the archive keeps of a dropped month). */
    static final String LIVE_TALLIES = """
                        select p.recorded_on, extract(hour from p.recorded_at at time zone :tz)::int as hour, c.town_code,
                               p.checkpoint_code, count(*) as passages, count(*) filter (where p.vehicle_type <> 'PEDESTRIAN') as vehicles,
                               count(*) filter (where p.disinfected) as disinfected, coalesce(sum(o.people), 0) as people,
                               coalesce(sum(o.fever), 0) as fever, coalesce(sum(o.risk), 0) as risk
                        from passage p join checkpoint c on c.code = p.checkpoint_code
                        left join (select passage_id, recorded_on, count(*) as people,
                                          count(*) filter (where disposition = 'FEVER_REFERRAL') as fever,
                                          count(*) filter (where disposition = 'HOME_OBSERVATION') as risk
                                   from occupant group by passage_id, recorded_on) o on o.passage_id = p.id and o.recorded_on = p.recorded_on
                        group by 1, 2, 3, 4""";

    Optional<StoredPassage> findByClientId(UUID clientId) {
        return jdbc.sql("select " + PASSAGE_COLUMNS + " from passage_client k join passage p on p.id = k.passage_id and p.recorded_on = k.recorded_on"
                        + " join checkpoint c on c.code = p.checkpoint_code where k.client_id = ?")
                .param(clientId).query(PassageRepository::passage).optional();
    }

    Optional<StoredPassage> findById(long id) {
        return jdbc.sql("select " + PASSAGE_COLUMNS + " from passage p join checkpoint c on c.code = p.checkpoint_code where p.id = ?")
                .param(id).query(PassageRepository::passage).optional();
    }

    /** Inserts the passage unless its client id exists already; empty when it did (a concurrent retry). */
    Optional<Long> insertPassage(UUID clientId, String checkpointCode, Direction direction, PlateNumber plate, VehicleType type,
                                 String origin, String destination, boolean disinfected, Instant recordedAt,
                                 LocalDate recordedOn, String recordedBy) {
        return jdbc.sql("""
                        with k as (insert into passage_client(client_id, passage_id, recorded_on)
                                   values (?, nextval('passage_id_seq'), ?) on conflict (client_id) do nothing returning passage_id)
                        insert into passage(id, client_id, checkpoint_code, direction, plate_number, plate_kind, vehicle_type,
                                            origin_code, destination_code, disinfected, recorded_at, recorded_on, recorded_by)
                        select k.passage_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from k
                        returning id""")
                .params(clientId, recordedOn, clientId, checkpointCode, direction.name(), plate == null ? null : plate.value(),
                        plate == null ? null : plate.kind().name(), type.name(), origin, destination, disinfected,
                        Timestamp.from(recordedAt), recordedOn, recordedBy)
                .query(Long.class).optional();
    }

    /** Inserts all occupants of a passage in one statement; returns their ids in order. */
    List<Long> insertOccupants(long passageId, LocalDate recordedOn, List<NewOccupant> occupants) {
        StringBuilder sql = new StringBuilder("""
                insert into occupant(passage_id, recorded_on, seq, name, id_type, id_number_enc, id_number_hash, phone_enc, phone_hash,
                                     temperature, symptoms, risk_area_stay, case_contact, disposition, health_code_color,
                                     health_code_id) values """);
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < occupants.size(); i++) {
            NewOccupant o = occupants.get(i);
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,string_to_array(?, ','),?,?,?,?,?)");
            params.addAll(Arrays.asList(passageId, recordedOn, o.seq(), o.name(), o.idType().name(), o.idNumberEnc(), o.idNumberHash(),
                    o.phoneEnc(), o.phoneHash(), o.temperature(),
                    String.join(",", o.symptoms().stream().map(Enum::name).toList()),
                    o.riskAreaStay(), o.caseContact(), o.disposition().name(), o.healthCodeColor(), o.healthCodeId()));
        }
        sql.append(" returning id");
        return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
    }

    /** Occupants of several passages in one query, grouped by passage id. */
    Map<Long, List<StoredOccupant>> occupantsOf(List<Long> passageIds) {
        Map<Long, List<StoredOccupant>> byPassage = new LinkedHashMap<>();
        if (passageIds.isEmpty()) {
            return byPassage;
        }
        jdbc.sql("select * from occupant where passage_id in (:ids) order by passage_id, seq")
                .param("ids", passageIds)
                .query(PassageRepository::occupant).list()
                .forEach(o -> byPassage.computeIfAbsent(o.passageId(), k -> new ArrayList<>()).add(o));
        return byPassage;
    }

    /** Occupants by id, in one query (unknown ids left out). */
    List<StoredOccupant> findOccupants(java.util.Collection<Long> occupantIds) {
        if (occupantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from occupant where id in (:ids) order by passage_id, seq").param("ids", occupantIds)
                .query(PassageRepository::occupant).list();
    }

    /** Passages by id, in one query (unknown ids left out). */
    List<StoredPassage> findByIds(java.util.Collection<Long> passageIds) {
        if (passageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + PASSAGE_COLUMNS + " from passage p join checkpoint c on c.code = p.checkpoint_code where p.id in (:ids)")
                .param("ids", passageIds).query(PassageRepository::passage).list();
    }

    /** Ids of the passages recorded since {@code since} in which an occupant had this ID-number hash, oldest first. */
    List<Long> passagesWithOccupantHash(byte[] idHash, Instant since) {
        return jdbc.sql("""
                        select distinct p.id, p.recorded_at from occupant o join passage p on p.id = o.passage_id and p.recorded_on = o.recorded_on
                        where o.id_number_hash = ? and p.recorded_at >= ? order by p.recorded_at, p.id""")
                .params(idHash, Timestamp.from(since)).query((rs, n) -> rs.getLong(1)).list();
    }

    Optional<StoredOccupant> findOccupant(long occupantId) {
        return jdbc.sql("select * from occupant where id = ?").param(occupantId).query(PassageRepository::occupant).optional();
    }

    /**
     * Latest occupant record with this ID-number hash among the passages a jurisdiction covers (the
     * given checkpoints, or checkpoints whose town lies in the area subtree), if any. There is
     * deliberately no city-wide variant: data copied or shown from a record must come from one the
     * caller may see.
     */
    Optional<StoredOccupant> latestVisibleOccupantWithIdHash(byte[] idHash, Set<String> checkpointCodes, String areaPrefix) {
        return jdbc.sql("""
                        select o.* from occupant o join passage p on p.id = o.passage_id and p.recorded_on = o.recorded_on join checkpoint c on c.code = p.checkpoint_code
                        where o.id_number_hash = :hash
                          and (p.checkpoint_code in (:codes) or\s""" + townScope(areaPrefix).condition("c.town_code", "prefix") + """
                        )
                        order by p.recorded_at desc, o.id desc limit 1""")
                .param("hash", idHash)
                .param("codes", checkpointCodes.isEmpty() ? List.of("") : checkpointCodes)
                .param("prefix", townScope(areaPrefix).pattern())
                .query(PassageRepository::occupant).optional();
    }

    /** Earlier passages of a person (by ID hash) at the given checkpoints, newest first. */
    List<KnownPerson.Earlier> earlierPassages(byte[] idHash, Set<String> checkpointCodes, String areaPrefix, int limit) {
        return jdbc.sql("""
                        select p.id, c.name, p.recorded_at, p.direction, o.temperature, o.disposition
                        from occupant o join passage p on p.id = o.passage_id and p.recorded_on = o.recorded_on join checkpoint c on c.code = p.checkpoint_code
                        where o.id_number_hash = :hash
                          and (p.checkpoint_code in (:codes) or\s""" + townScope(areaPrefix).condition("c.town_code", "prefix") + """
                        )
                        order by p.recorded_at desc limit :limit""")
                .param("hash", idHash)
                .param("codes", checkpointCodes.isEmpty() ? List.of("") : checkpointCodes)
                .param("prefix", townScope(areaPrefix).pattern())
                .param("limit", limit)
                .query((rs, n) -> new KnownPerson.Earlier(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        Direction.valueOf(rs.getString(4)), rs.getBigDecimal(5), Disposition.valueOf(rs.getString(6))))
                .list();
    }

    /**
     * One page of a checkpoint's passages on a day, newest first; optionally only those with a plate
     * starting with {@code platePrefix} or with an occupant whose ID number or phone has the hash.
     */
    List<StoredPassage> page(String checkpointCode, LocalDate day, String platePrefix, List<byte[]> personHashes, int limit, long offset) {
        return jdbc.sql("select " + PASSAGE_COLUMNS + " from passage p join checkpoint c on c.code = p.checkpoint_code "
                        + where(platePrefix, personHashes)
                        + " order by p.recorded_at desc, p.id desc limit :limit offset :offset")
                .params(filterParams(checkpointCode, day, platePrefix, personHashes))
                .param("limit", limit).param("offset", offset)
                .query(PassageRepository::passage).list();
    }

    long count(String checkpointCode, LocalDate day, String platePrefix, List<byte[]> personHashes) {
        return jdbc.sql("select count(*) from passage p " + where(platePrefix, personHashes))
                .params(filterParams(checkpointCode, day, platePrefix, personHashes))
                .query(Long.class).single();
    }

    /** The day's passages of the checkpoint whose plate starts with the prefix or with a person of the hashes (either, when both are given). */
    private static String where(String platePrefix, List<byte[]> personHashes) {
        String sql = "where p.checkpoint_code = :code and p.recorded_on = :day";
        String plate = "p.plate_number like :plate";
        String person = "exists (select 1 from occupant o where o.passage_id = p.id and o.recorded_on = p.recorded_on and (o.id_number_hash in (:hashes) or o.phone_hash in (:hashes)))";
        if (platePrefix != null && !personHashes.isEmpty()) {
            sql += " and (" + plate + " or " + person + ")";
        } else if (platePrefix != null) {
            sql += " and " + plate;
        } else if (!personHashes.isEmpty()) {
            sql += " and " + person;
        }
        return sql;
    }

    private static Map<String, Object> filterParams(String code, LocalDate day, String platePrefix, List<byte[]> personHashes) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("day", day);
        if (platePrefix != null) {
            params.put("plate", platePrefix.replace("%", "").replace("_", "") + "%");
        }
        if (!personHashes.isEmpty()) {
            params.put("hashes", personHashes);
        }
        return params;
    }

    /** Daily figures of the given checkpoints (all when {@code codes} is null) in one grouped query. */
    List<DailyCounts> dailyCounts(LocalDate day, Set<String> codes) {
        String live = """
                        select c.code, c.name,
                               count(p.id) as passages,
                               count(p.id) filter (where p.vehicle_type <> 'PEDESTRIAN') as vehicles,
                               coalesce(sum(o.people), 0) as people,
                               coalesce(sum(o.fever), 0) as fever,
                               coalesce(sum(o.risk), 0) as risk,
                               count(p.id) filter (where p.disinfected) as disinfected
                        from checkpoint c
                        left join passage p on p.checkpoint_code = c.code and p.recorded_on = :day
                        left join lateral (
                            select count(*) as people,
                                   count(*) filter (where disposition = 'FEVER_REFERRAL') as fever,
                                   count(*) filter (where disposition = 'HOME_OBSERVATION') as risk
                            from occupant where passage_id = p.id and recorded_on = p.recorded_on) o on true
                        where (:all or c.code in (:codes))
                        group by c.code, c.name""";
        // a month retention dropped is counted from its archive (zero rows for a day still stored)
        String archived = """
                        select checkpoint_code as code, sum(passages) as passages, sum(vehicles) as vehicles, sum(people) as people,
                               sum(fever) as fever, sum(risk) as risk, sum(disinfected) as disinfected
                        from passage_tally_archive where recorded_on = :day group by checkpoint_code""";
        return jdbc.sql("select l.code, l.name, l.passages + coalesce(a.passages, 0), l.vehicles + coalesce(a.vehicles, 0), "
                        + "l.people + coalesce(a.people, 0), l.fever + coalesce(a.fever, 0), l.risk + coalesce(a.risk, 0), "
                        + "l.disinfected + coalesce(a.disinfected, 0) from (" + live + ") l left join (" + archived
                        + ") a on a.code = l.code order by l.code")
                .param("day", day)
                .param("all", codes == null)
                .param("codes", codes == null || codes.isEmpty() ? List.of("") : codes)
                .query((rs, n) -> new DailyCounts(rs.getString(1), rs.getString(2), day, rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .list();
    }

    /** The area subtree whose checkpoints' passages are visible; none (no town matches) when there is no area. */
    private static AreaScope townScope(String areaPrefix) {
        return areaPrefix == null || areaPrefix.isBlank() ? AreaScope.none() : AreaScope.subtree(areaPrefix);
    }

    private static StoredPassage passage(ResultSet rs, int n) throws SQLException {
        return new StoredPassage(rs.getLong("id"), rs.getObject("client_id", UUID.class), rs.getString("checkpoint_code"),
                rs.getString("checkpoint_name"), rs.getString("town_code"), Direction.valueOf(rs.getString("direction")),
                rs.getString("plate_number"), rs.getString("plate_kind") == null ? null : PlateKind.valueOf(rs.getString("plate_kind")),
                VehicleType.valueOf(rs.getString("vehicle_type")), rs.getString("origin_code"),
                rs.getString("destination_code"), rs.getBoolean("disinfected"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getObject("recorded_on", LocalDate.class), rs.getString("recorded_by"));
    }

    private static StoredOccupant occupant(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("symptoms");
        List<Symptom> symptoms = new ArrayList<>();
        if (array != null) {
            for (Object s : (Object[]) array.getArray()) {
                symptoms.add(Symptom.valueOf((String) s));
            }
        }
        return new StoredOccupant(rs.getLong("id"), rs.getLong("passage_id"), rs.getInt("seq"), rs.getString("name"),
                IdType.valueOf(rs.getString("id_type")), rs.getBytes("id_number_enc"), rs.getBytes("phone_enc"),
                rs.getBigDecimal("temperature"), symptoms, rs.getBoolean("risk_area_stay"), rs.getBoolean("case_contact"),
                Disposition.valueOf(rs.getString("disposition")));
    }
}
