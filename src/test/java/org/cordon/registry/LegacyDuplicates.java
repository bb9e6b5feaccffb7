package org.cordon.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.cordon.shared.db.ScratchDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of the release before "one person, one arrival, one record", with the duplicates that release let in,
 * written the old way (plain SQL, as its registrations stored them), then migrated to the current schema. Shared by
 * the registry's migration test and the observation module's merge test; each gets a scratch server of its own.
 *
 * <pre>
 * person 1: A1 door to door, day D (registered first)   episode E1 ACTIVE from D: D morning missed, D evening 36.5
 *           A2 roster, day D+1 (second; companions)      episode E2 ACTIVE from D+1: D morning 36.6, D+1 morning 36.4
 *                                                        (and an identity report: another phone)
 *           A3 checkpoint, day D (third; plate)          episode E3 REFERRED from D, a referral
 *           A4 door to door, day D+20 (another arrival)  episode E4 ACTIVE from D+20
 * person 2: S1 self-report (unverified), day D; S2 door to door, day D (REGISTERED, under observation via E5)
 * person 3: C1 day D, C2 day D+2, C3 day D+4 (in that order): C2 is C1's arrival, C3 is 4 days from C1 — a new one
 * </pre>
 */
public final class LegacyDuplicates implements AutoCloseable {

    public static final String TOWN = "610881103";
    public static final LocalDate D = LocalDate.of(2020, 1, 22);

    public final ScratchDatabase database;
    public final JdbcClient jdbc;
    public long person1, person2, person3;
    public long a1, a2, a3, a4, s1, s2, c1, c2, c3;
    public long e1, e2, e3, e4, e5, referral;

    private LegacyDuplicates(ScratchDatabase database) {
        this.database = database;
        this.jdbc = JdbcClient.create(database.dataSource());
    }

    /** Starts a scratch server, migrates to the version before V45 (the release before), writes the duplicates, migrates on to the current schema. */
    public static LegacyDuplicates create(String name) throws Exception {
        ScratchDatabase db = ScratchDatabase.start(name);
        try {
            db.migrateBefore("45");
            LegacyDuplicates d = new LegacyDuplicates(db);
            d.writeTheOldWay();
            db.migrate(null);
            return d;
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    private long person(String name, int n) {
        return jdbc.sql("""
                        insert into person(id_type, id_number_enc, id_number_hash, name, phone_enc, phone_hash)
                        values ('RESIDENT_ID', ?, ?, ?, ?, ?) returning id""")
                .params(new byte[] {1, (byte) n}, new byte[] {2, (byte) n}, name, new byte[] {3, (byte) n}, new byte[] {4, (byte) n})
                .query(Long.class).single();
    }

    private long returnee(long person, LocalDate arrived, String source, String status, int minute, String transportDetail,
                          String companions) {
        OffsetDateTime at = OffsetDateTime.of(2020, 1, 25, 8, minute, 0, 0, ZoneOffset.ofHours(8));
        return jdbc.sql("""
                        insert into returnee(person_id, origin_code, arrived_on, transport_detail, companions, destination_code,
                                             source, source_ref, status, verified, created_at, created_by)
                        values (?, '420102', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(person, arrived, transportDetail, companions, TOWN, source, source + ":" + person + ":" + minute, status,
                        !status.equals("UNVERIFIED"), at, source.equals("SELF_REPORT") ? "self-report" : "grid-legacy")
                .query(Long.class).single();
    }

    private long episode(long person, long returnee, String status, LocalDate start) {
        return jdbc.sql("""
                        insert into observation_episode(person_id, returnee_id, kind, area_code, reason, start_date, planned_end,
                                                        status, source_ref)
                        values (?, ?, 'HOME', ?, 'RISK_ARRIVAL', ?, ?, ?, ?) returning id""")
                .params(person, returnee, TOWN, start, start.plusDays(14), status, "returnee:" + returnee)
                .query(Long.class).single();
    }

    private void check(long episode, LocalDate day, String slot, boolean missed, String temperature) {
        jdbc.sql("""
                        insert into observation_check(episode_id, check_date, slot, missed, temperature, recorded_by)
                        values (?, ?, ?, ?, cast(? as numeric), 'grid-legacy')""")
                .params(episode, day, slot, missed, temperature).update();
    }

    private void writeTheOldWay() {
        person1 = person("白一", 1);
        person2 = person("白二", 2);
        person3 = person("白三", 3);
        a1 = returnee(person1, D, "DOOR_TO_DOOR", "UNDER_OBSERVATION", 1, null, null);
        a2 = returnee(person1, D.plusDays(1), "IMPORTED", "UNDER_OBSERVATION", 2, null, "妻子");
        a3 = returnee(person1, D, "CHECKPOINT", "REFERRED", 3, "陕K12345", null);
        a4 = returnee(person1, D.plusDays(20), "DOOR_TO_DOOR", "UNDER_OBSERVATION", 4, null, null);
        s1 = returnee(person2, D, "SELF_REPORT", "UNVERIFIED", 5, null, null);
        s2 = returnee(person2, D, "DOOR_TO_DOOR", "UNDER_OBSERVATION", 6, "K1234", null);
        c1 = returnee(person3, D, "DOOR_TO_DOOR", "REGISTERED", 7, null, null);
        c2 = returnee(person3, D.plusDays(2), "DOOR_TO_DOOR", "REGISTERED", 8, null, null);
        c3 = returnee(person3, D.plusDays(4), "DOOR_TO_DOOR", "REGISTERED", 9, null, null);
        jdbc.sql("""
                        insert into reported_identity(person_id, record_type, record_id, area_code, reported_phone_enc, reported_phone_hash,
                                                      reported_by)
                        values (?, 'RETURNEE', ?, ?, ?, ?, 'grid-legacy')""")
                .params(person1, a2, TOWN, new byte[] {9}, new byte[] {8}).update();
        e1 = episode(person1, a1, "ACTIVE", D);
        e2 = episode(person1, a2, "ACTIVE", D.plusDays(1));
        e3 = episode(person1, a3, "REFERRED", D);
        e4 = episode(person1, a4, "ACTIVE", D.plusDays(20));
        e5 = episode(person2, s2, "ACTIVE", D);
        check(e1, D, "MORNING", true, null);
        check(e1, D, "EVENING", false, "36.5");
        check(e2, D, "MORNING", false, "36.6");
        check(e2, D.plusDays(1), "MORNING", false, "36.4");
        referral = jdbc.sql("""
                        insert into referral(person_id, episode_id, source, source_ref, area_code, raised_at, temperature)
                        values (?, ?, 'OBSERVATION', 'legacy-check', ?, now(), 37.8) returning id""")
                .params(person1, e3, TOWN).query(Long.class).single();
    }

    @Override
    public void close() {
        database.close();
    }
}
