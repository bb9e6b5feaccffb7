package org.cordon.observation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Figures counted per area: the villages' daily reports, the counts per child area and the dashboard's tallies. */
@Repository
class VillageReportRepository {

    private final JdbcClient jdbc;

    VillageReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Episodes started and ended, checks missed or abnormal, referral outcomes, isolations and cases, per day and area. */
    List<ObservationTally> tallies(String timeZone) {
        List<ObservationTally> result = new ArrayList<>();
        result.addAll(jdbc.sql("select start_date, area_code, count(*) from observation_episode group by 1, 2")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3),
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select ended_on, area_code, count(*) filter (where status = 'RELEASED'), count(*) filter (where status = 'ISOLATED'),
                               count(*) filter (where status = 'CONFIRMED')
                        from observation_episode where ended_on is not null and status in ('RELEASED', 'ISOLATED', 'CONFIRMED')
                        group by 1, 2""")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), 0, 0, 0, 0, 0, 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select k.check_date, e.area_code, count(*) filter (where k.missed), count(*) filter (where k.abnormal)
                        from observation_check k join observation_episode e on e.id = k.episode_id
                        where k.missed or k.abnormal group by 1, 2""")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0,
                        rs.getLong(3), rs.getLong(4), 0, 0, 0, 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select (outcome_at at time zone :tz)::date, area_code, count(*) filter (where outcome = 'EXCLUDED'),
                               count(*) filter (where outcome = 'SUSPECTED'), count(*) filter (where outcome = 'CONFIRMED')
                        from referral where outcome is not null and outcome_at is not null group by 1, 2""")
                .param("tz", timeZone)
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0, 0, 0,
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("select started_on, area_code, count(*) from isolation group by 1, 2")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        rs.getLong(3), 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select ended_on, area_code, count(*) filter (where status = 'RELEASED'), count(*) filter (where status = 'CONFIRMED')
                        from isolation where ended_on is not null group by 1, 2""")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, rs.getLong(3), rs.getLong(4), 0)).list());
        result.addAll(jdbc.sql("select confirmed_on, area_code, count(*) from confirmed_case group by 1, 2")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, rs.getLong(3))).list());
        return result;
    }

    /** Figures per child area (code prefix of length {@code childLength}) of the root on a day. */
    List<long[]> countsByChild(String rootPrefix, int childLength, LocalDate day, List<String> childOrder) {
        AreaScope root = AreaScope.subtree(rootPrefix);
        Map<String, long[]> byChild = new LinkedHashMap<>();
        childOrder.forEach(c -> byChild.put(c, new long[6]));
        jdbc.sql("""
                        select substr(e.area_code, 1, :len) as child,
                               count(*) filter (where e.status in ('ACTIVE','REFERRED')) as open,
                               count(*) filter (where e.start_date = :day) as started,
                               count(*) filter (where e.status in ('ACTIVE','REFERRED') and e.planned_end = :day) as ending,
                               count(*) filter (where e.status = 'RELEASED' and e.ended_on = :day) as released
                        from observation_episode e where\s""" + root.condition("e.area_code", "area") + " group by 1")
                .param("len", childLength).param("day", day).param("area", root.pattern())
                .query(rs -> {
                    long[] v = byChild.get(rs.getString("child"));
                    if (v != null) {
                        v[0] = rs.getLong("open");
                        v[1] = rs.getLong("started");
                        v[3] = rs.getLong("ending");
                        v[4] = rs.getLong("released");
                    }
                });
        jdbc.sql("""
                        select substr(e.area_code, 1, :len) as child, count(*) as missed
                        from observation_check k join observation_episode e on e.id = k.episode_id
                        where k.missed and k.check_date = :day and\s""" + root.condition("e.area_code", "area") + " group by 1")
                .param("len", childLength).param("day", day).param("area", root.pattern())
                .query(rs -> {
                    long[] v = byChild.get(rs.getString("child"));
                    if (v != null) {
                        v[2] = rs.getLong("missed");
                    }
                });
        jdbc.sql("""
                        select substr(area_code, 1, :len) as child, count(*) as open from referral
                        where outcome is null and\s""" + root.condition("area_code", "area") + " group by 1")
                .param("len", childLength).param("area", root.pattern())
                .query(rs -> {
                    long[] v = byChild.get(rs.getString("child"));
                    if (v != null) {
                        v[5] = rs.getLong("open");
                    }
                });
        List<long[]> result = new ArrayList<>();
        childOrder.forEach(c -> result.add(byChild.get(c)));
        return result;
    }

    /** Figures of one village for its daily report: new returnees (episodes started), open episodes, abnormal checks on the day. */
    long[] villageFigures(String areaPrefix, LocalDate day) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("select (select count(*) from observation_episode where " + scope.condition("area_code", "area") + " and start_date = :day),"
                        + " (select count(*) from observation_episode where " + scope.condition("area_code", "area") + " and status in ('ACTIVE','REFERRED')),"
                        + " (select count(*) from observation_check k join observation_episode e on e.id = k.episode_id"
                        + " where " + scope.condition("e.area_code", "area") + " and k.check_date = :day and k.abnormal)")
                .param("area", scope.pattern()).param("day", day)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    }

    void upsertReport(String areaCode, LocalDate day, long newReturnees, long open, long abnormal, String note, boolean zero, String by) {
        jdbc.sql("""
                        insert into village_report(area_code, report_date, new_returnees, under_observation, abnormal, note, zero_report, submitted_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (area_code, report_date) do update set new_returnees = excluded.new_returnees,
                            under_observation = excluded.under_observation, abnormal = excluded.abnormal, note = excluded.note,
                            zero_report = excluded.zero_report, submitted_by = excluded.submitted_by, submitted_at = now()""")
                .params(areaCode, day, (int) newReturnees, (int) open, (int) abnormal, note, zero, by).update();
    }

    /** Every village and community under the root with its report of the day (if any). */
    List<VillageReport> reports(String rootPrefix, LocalDate day) {
        AreaScope root = AreaScope.subtree(rootPrefix);
        return jdbc.sql("""
                        select a.code, a.name, r.* from area a
                        left join village_report r on r.area_code = a.code and r.report_date = :day
                        where\s""" + root.condition("a.code", "area") + " and a.kind in ('VILLAGE', 'COMMUNITY') order by a.code")
                .param("area", root.pattern()).param("day", day)
                .query((rs, n) -> new VillageReport(rs.getString("code"), rs.getString("name"), day,
                        (Integer) rs.getObject("new_returnees"), (Integer) rs.getObject("under_observation"),
                        (Integer) rs.getObject("abnormal"), rs.getString("note"), (Boolean) rs.getObject("zero_report"),
                        rs.getString("submitted_by"), rs.getTimestamp("submitted_at") == null ? null : rs.getTimestamp("submitted_at").toInstant()))
                .list();
    }
}
