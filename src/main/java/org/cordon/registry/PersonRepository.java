package org.cordon.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.shared.IdType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persons; identity document and phone columns hold ciphertext and keyed hashes only. */
@Repository
class PersonRepository {

    /** A person row as stored. */
    record StoredPerson(long id, IdType idType, String nationality, byte[] idNumberEnc, String name, String sex,
                        LocalDate birthDate, byte[] phoneEnc, byte[] phoneHash, String residenceCode, String address) {
    }

    private final JdbcClient jdbc;

    PersonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the person unless the identity hash exists; returns the id of the new or the existing
     * person. Never changes an existing person (a registration does not overwrite a registered
     * identity). Safe under concurrent calls for the same person: the insert waits for a concurrent
     * insert of the same hash, and the look-up that follows (a new statement, a new snapshot) sees it.
     */
    long insertOrFind(IdType type, String nationality, byte[] idEnc, byte[] idHash, String name, String sex, LocalDate birthDate,
                      byte[] phoneEnc, byte[] phoneHash, String residenceCode, String address) {
        Optional<Long> inserted = jdbc.sql("""
                        insert into person(id_type, nationality, id_number_enc, id_number_hash, name, sex, birth_date,
                                           phone_enc, phone_hash, residence_code, address)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id_number_hash) do nothing
                        returning id""")
                .params(type.name(), nationality, idEnc, idHash, name, sex, birthDate, phoneEnc, phoneHash, residenceCode, address)
                .query(Long.class).optional();
        return inserted.orElseGet(() -> idByHash(idHash).orElseThrow());
    }

    /**
     * Replaces the given identity values of a person (null: left as stored) — only after a user with
     * jurisdiction confirmed values reported by a registration. Returns the number of rows changed.
     */
    int adopt(long id, String name, byte[] phoneEnc, byte[] phoneHash, String residenceCode, String address) {
        return jdbc.sql("""
                        update person set name = coalesce(?, name),
                                          phone_enc = coalesce(?, phone_enc),
                                          phone_hash = coalesce(?, phone_hash),
                                          residence_code = coalesce(?, residence_code),
                                          address = coalesce(?, address),
                                          updated_at = now()
                        where id = ?""")
                .params(name, phoneEnc, phoneHash, residenceCode, address, id)
                .update();
    }

    Optional<StoredPerson> findById(long id) {
        return jdbc.sql("select * from person where id = ?").param(id).query(PersonRepository::person).optional();
    }

    List<StoredPerson> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from person where id in (:ids)").param("ids", ids).query(PersonRepository::person).list();
    }

    Optional<Long> idByHash(byte[] idHash) {
        return jdbc.sql("select id from person where id_number_hash = ?").param(idHash).query(Long.class).optional();
    }

    /**
     * Persons visible in an area (residence, returnee destination or observation inside it) matching a
     * name (fuzzy, pg_trgm) or one of the exact hashes (ID number or phone).
     */
    /** Notes that the person is followed up in the area (idempotent). */
    void noteArea(long personId, String areaCode) {
        jdbc.sql("insert into person_area(person_id, area_code) values (?, ?) on conflict do nothing").params(personId, areaCode).update();
    }

    /** {@link #noteArea} of many (person, area) pairs (parallel lists) in one statement, in key order (no deadlocks). */
    void noteAreas(List<Long> personIds, List<String> areaCodes) {
        if (personIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into person_area(person_id, area_code)
                        select distinct q.person_id, q.area_code from unnest(cast(:persons as bigint[]), cast(:areas as text[])) q(person_id, area_code)
                        order by 1, 2
                        on conflict do nothing""")
                .param("persons", personIds.toArray(Long[]::new)).param("areas", areaCodes.toArray(String[]::new)).update();
    }

    /** Whether the person lives, arrived or is followed up inside the area (the person search's rule). */
    boolean visibleIn(long personId, String areaPrefix) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("""
                        select exists(select 1 from person p where p.id = :id
                          and (%s
                               or exists (select 1 from returnee r where r.person_id = p.id and %s)
                               or exists (select 1 from person_area a where a.person_id = p.id and %s)))""".formatted(
                        scope.condition("p.residence_code", "area"), scope.condition("r.destination_code", "area"),
                        scope.condition("a.area_code", "area")))
                .param("id", personId).param("area", scope.pattern()).query(Boolean.class).single();
    }

    List<StoredPerson> search(String areaPrefix, String name, List<byte[]> hashes, int limit) {
        String match = name != null
                ? "(p.name % :name or p.name like :contains)"
                : "(p.id_number_hash in (:hashes) or p.phone_hash in (:hashes))";
        AreaScope scope = AreaScope.subtree(areaPrefix);
        var spec = jdbc.sql("""
                        select p.* from person p
                        where %s
                          and (%s
                               or exists (select 1 from returnee r where r.person_id = p.id and %s)
                               or exists (select 1 from person_area a where a.person_id = p.id and %s))
                        order by %s p.id desc limit :limit""".formatted(match,
                        scope.condition("p.residence_code", "area"), scope.condition("r.destination_code", "area"),
                        scope.condition("a.area_code", "area"), name != null ? "similarity(p.name, :name) desc," : ""))
                .param("area", scope.pattern())
                .param("limit", limit);
        if (name != null) {
            spec = spec.param("name", name).param("contains", "%" + name.replace("%", "").replace("_", "") + "%");
        } else {
            spec = spec.param("hashes", hashes.isEmpty() ? List.of(new byte[0]) : hashes);
        }
        return spec.query(PersonRepository::person).list();
    }

    static StoredPerson person(ResultSet rs, int n) throws SQLException {
        return new StoredPerson(rs.getLong("id"), IdType.valueOf(rs.getString("id_type")), rs.getString("nationality"),
                rs.getBytes("id_number_enc"), rs.getString("name"), rs.getString("sex"),
                rs.getObject("birth_date", LocalDate.class), rs.getBytes("phone_enc"), rs.getBytes("phone_hash"),
                rs.getString("residence_code"),
                rs.getString("address"));
    }
}
