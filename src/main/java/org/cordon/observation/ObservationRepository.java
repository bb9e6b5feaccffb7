package org.cordon.observation;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.checkpoint.Symptom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Episodes, checks, referrals, close contacts, sites and village reports. */
@Repository
class ObservationRepository {

    record StoredEpisode(long id, long personId, Long returneeId, EpisodeKind kind, Long siteId, String siteName, String areaCode,
                         EpisodeReason reason, LocalDate startDate, LocalDate plannedEnd, String responsibleUsername,
                         EpisodeStatus status, LocalDate endedOn, int recorded, int missed, int abnormal) {
    }

    record StoredReferral(long id, long personId, Long episodeId, String source, String areaCode, Instant raisedAt,
                          BigDecimal temperature, List<Symptom> symptoms, ReferralOutcome outcome, Instant outcomeAt,
                          String outcomeBy, String clinic, String note) {
    }

    record MissedRow(long episodeId, long personId, String areaCode, LocalDate date, CheckSlot slot) {
    }

    /** A (day, slot) whose deadline has passed. */
    record DueSlot(LocalDate day, CheckSlot slot, Instant deadline) {
    }

    private static final String EPISODE_SELECT = """
            select e.*, s.name as site_name,
                   coalesce(c.recorded, 0) as recorded, coalesce(c.missed, 0) as missed, coalesce(c.abnormal, 0) as abnormal
            from observation_episode e
            left join quarantine_site s on s.id = e.site_id
            left join lateral (select count(*) filter (where not missed) as recorded,
                                      count(*) filter (where missed) as missed,
                                      count(*) filter (where abnormal) as abnormal
                               from observation_check where episode_id = e.id) c on true
            """;

    private final JdbcClient jdbc;

    /** Episodes started and ended, checks missed or abnormal, referral outcomes, per day and area. */
    List<ObservationTally> tallies(String timeZone) {
        List<ObservationTally> result = new ArrayList<>();
        result.addAll(jdbc.sql("select start_date, area_code, count(*) from observation_episode group by 1, 2")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3),
                        0, 0, 0, 0, 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select ended_on, area_code, count(*) filter (where status = 'RELEASED'), count(*) filter (where status = 'ISOLATED'),
                               count(*) filter (where status = 'CONFIRMED')
                        from observation_episode where ended_on is not null and status in ('RELEASED', 'ISOLATED', 'CONFIRMED')
                        group by 1, 2""")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), 0, 0, 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select k.check_date, e.area_code, count(*) filter (where k.missed), count(*) filter (where k.abnormal)
                        from observation_check k join observation_episode e on e.id = k.episode_id
                        where k.missed or k.abnormal group by 1, 2""")
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0,
                        rs.getLong(3), rs.getLong(4), 0, 0, 0)).list());
        result.addAll(jdbc.sql("""
                        select (outcome_at at time zone :tz)::date, area_code, count(*) filter (where outcome = 'EXCLUDED'),
                               count(*) filter (where outcome = 'SUSPECTED'), count(*) filter (where outcome = 'CONFIRMED')
                        from referral where outcome is not null and outcome_at is not null group by 1, 2""")
                .param("tz", timeZone)
                .query((rs, n) -> new ObservationTally(rs.getObject(1, LocalDate.class), rs.getString(2), 0, 0, 0, 0, 0, 0,
                        rs.getLong(3), rs.getLong(4), rs.getLong(5))).list());
        return result;
    }

    /** When the referral's outcome was recorded; empty when there is no such referral or no outcome yet. */
    Optional<Instant> referralOutcomeAt(long referralId) {
        return jdbc.sql("select outcome_at from referral where id = ?").param(referralId).query(java.sql.Timestamp.class)
                .optional().filter(java.util.Objects::nonNull).map(java.sql.Timestamp::toInstant);
    }

    ObservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ episodes

    Optional<Long> insertEpisode(long personId, Long returneeId, EpisodeKind kind, Long siteId, String areaCode,
                                 EpisodeReason reason, LocalDate start, LocalDate plannedEnd, String responsible, String sourceRef) {
        return jdbc.sql("""
                        insert into observation_episode(person_id, returnee_id, kind, site_id, area_code, reason, start_date,
                                                        planned_end, responsible_username, status, source_ref)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)
                        on conflict (source_ref) do nothing returning id""")
                .params(personId, returneeId, kind.name(), siteId, areaCode, reason.name(), start, plannedEnd, responsible, sourceRef)
                .query(Long.class).optional();
    }

    Optional<Long> episodeIdBySource(String sourceRef) {
        return jdbc.sql("select id from observation_episode where source_ref = ?").param(sourceRef).query(Long.class).optional();
    }

    Optional<StoredEpisode> findEpisode(long id) {
        return jdbc.sql(EPISODE_SELECT + " where e.id = ?").param(id).query(ObservationRepository::episode).optional();
    }

    /** Episodes in an area with one of the statuses, newest start first. */
    List<StoredEpisode> episodes(String areaPrefix, Collection<EpisodeStatus> statuses, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + " and e.status in (:statuses) order by e.start_date desc, e.id desc limit :limit")
                .param("area", scope.pattern()).param("statuses", statuses.stream().map(Enum::name).toList()).param("limit", limit)
                .query(ObservationRepository::episode).list();
    }

    /** Open episodes in an area that have no check for (day, slot) and whose period covers the day. */
    List<StoredEpisode> dueFor(String areaPrefix, LocalDate day, CheckSlot slot) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + """
                          and e.status in ('ACTIVE', 'REFERRED')
                           and e.start_date <= :day and :day < e.planned_end
                           and not exists (select 1 from observation_check k where k.episode_id = e.id and k.check_date = :day and k.slot = :slot)
                         order by e.area_code, e.id""")
                .param("area", scope.pattern()).param("day", day).param("slot", slot.name())
                .query(ObservationRepository::episode).list();
    }

    /** Open episodes with a missed check on one of the days. */
    List<StoredEpisode> withMissedChecks(String areaPrefix, LocalDate from, LocalDate to) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + """
                          and e.status in ('ACTIVE', 'REFERRED')
                           and exists (select 1 from observation_check k where k.episode_id = e.id and k.missed
                                       and k.check_date between :from and :to)
                         order by e.area_code, e.id""")
                .param("area", scope.pattern()).param("from", from).param("to", to)
                .query(ObservationRepository::episode).list();
    }

    List<StoredEpisode> endingOn(String areaPrefix, LocalDate day) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + " and e.status in ('ACTIVE', 'REFERRED') and e.planned_end <= :day order by e.planned_end, e.id")
                .param("area", scope.pattern()).param("day", day)
                .query(ObservationRepository::episode).list();
    }

    int updateEpisodeStatus(long id, EpisodeStatus status, LocalDate endedOn) {
        return jdbc.sql("update observation_episode set status = ?, ended_on = ? where id = ?")
                .params(status.name(), endedOn, id).update();
    }

    /** True when the person has an open episode (ACTIVE or REFERRED). */
    Optional<Long> openEpisodeOf(long personId) {
        return jdbc.sql("select id from observation_episode where person_id = ? and status in ('ACTIVE','REFERRED') order by id desc limit 1")
                .param(personId).query(Long.class).optional();
    }

    // ------------------------------------------------------------------ checks

    /** A stored check: its id, and whether it replaced a "missed" flag (recorded late). */
    record RecordedCheck(long id, boolean replacedMissed) {
    }

    /**
     * Records a check; a check recorded late replaces the "missed" flag of its slot. Empty when the
     * slot was recorded already.
     */
    Optional<RecordedCheck> insertCheck(long episodeId, LocalDate day, CheckSlot slot, BigDecimal temperature, Set<Symptom> symptoms,
                                        String note, boolean abnormal, String by) {
        return jdbc.sql("""
                        insert into observation_check(episode_id, check_date, slot, missed, temperature, symptoms, note, abnormal, recorded_by)
                        values (?, ?, ?, false, ?, string_to_array(?, ','), ?, ?, ?)
                        on conflict (episode_id, check_date, slot) do update set
                            missed = false, temperature = excluded.temperature, symptoms = excluded.symptoms, note = excluded.note,
                            abnormal = excluded.abnormal, recorded_by = excluded.recorded_by, recorded_at = now()
                        where observation_check.missed
                        returning id, (xmax <> 0) as replaced""")
                .params(episodeId, day, slot.name(), temperature, String.join(",", symptoms.stream().map(Enum::name).toList()), note,
                        abnormal, by)
                .query((rs, n) -> new RecordedCheck(rs.getLong("id"), rs.getBoolean("replaced"))).optional();
    }

    List<EpisodeView.CheckView> checksOf(long episodeId) {
        return jdbc.sql("select * from observation_check where episode_id = ? order by check_date, slot desc").param(episodeId)
                .query((rs, n) -> new EpisodeView.CheckView(rs.getLong("id"), rs.getObject("check_date", LocalDate.class),
                        CheckSlot.valueOf(rs.getString("slot")), rs.getBoolean("missed"), rs.getBigDecimal("temperature"),
                        symptoms(rs.getArray("symptoms")), rs.getString("note"), rs.getBoolean("abnormal"), rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** Flags every slot whose deadline passed without a check, for open episodes covering the day; returns the new flags. */
    List<MissedRow> flagMissed(List<DueSlot> slots) {
        List<MissedRow> flagged = new ArrayList<>();
        for (DueSlot s : slots) {
            flagged.addAll(jdbc.sql("""
                            with flagged as (
                                insert into observation_check(episode_id, check_date, slot, missed, recorded_by)
                                select e.id, :day, :slot, true, 'system'
                                from observation_episode e
                                where e.status in ('ACTIVE', 'REFERRED') and e.start_date <= :day and :day < e.planned_end
                                  and e.created_at < :deadline
                                on conflict (episode_id, check_date, slot) do nothing
                                returning episode_id)
                            select f.episode_id, e.person_id, e.area_code
                            from flagged f join observation_episode e on e.id = f.episode_id""")
                    .param("day", s.day()).param("slot", s.slot().name()).param("deadline", Timestamp.from(s.deadline()))
                    .query((rs, n) -> new MissedRow(rs.getLong(1), rs.getLong(2), rs.getString(3), s.day(), s.slot())).list());
        }
        return flagged;
    }

    // ------------------------------------------------------------------ referrals

    Optional<Long> insertReferral(long personId, Long episodeId, String source, String sourceRef, String areaCode, Instant raisedAt,
                                  BigDecimal temperature, Collection<Symptom> symptoms) {
        return jdbc.sql("""
                        insert into referral(person_id, episode_id, source, source_ref, area_code, raised_at, temperature, symptoms)
                        values (?, ?, ?, ?, ?, ?, ?, string_to_array(?, ','))
                        on conflict (source_ref) do nothing returning id""")
                .params(personId, episodeId, source, sourceRef, areaCode, Timestamp.from(raisedAt), temperature,
                        String.join(",", symptoms.stream().map(Enum::name).toList()))
                .query(Long.class).optional();
    }

    Optional<StoredReferral> findReferral(long id) {
        return jdbc.sql("select * from referral where id = ?").param(id).query(ObservationRepository::referral).optional();
    }

    List<StoredReferral> referrals(String areaPrefix, boolean includeClosed, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("select * from referral where " + scope.condition("area_code", "area") + """
                         and (:all or outcome is null)
                        order by outcome is not null, raised_at desc limit :limit""")
                .param("area", scope.pattern()).param("all", includeClosed).param("limit", limit)
                .query(ObservationRepository::referral).list();
    }

    /** Suspected or confirmed outcome of a person (the precondition for registering close contacts). */
    /**
     * Whether the person is a suspected or confirmed case whose referral lies inside {@code areaPrefix}
     * (the caller's area): a case outside it is answered like no case at all.
     */
    boolean isSuspectedOrConfirmedIn(long personId, String areaPrefix) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("""
                        select exists (select 1 from referral where person_id = ? and outcome in ('SUSPECTED','CONFIRMED')
                                       and\s""" + scope.condition("area_code") + ")")
                .params(personId, scope.pattern())
                .query(Boolean.class).single();
    }

    int setOutcome(long id, ReferralOutcome outcome, String clinic, String note, String by) {
        return jdbc.sql("""
                        update referral set outcome = ?, clinic = ?, note = ?, outcome_by = ?, outcome_at = now()
                        where id = ? and outcome is null""")
                .params(outcome.name(), clinic, note, by, id).update();
    }

    // ------------------------------------------------------------------ close contacts

    Optional<Long> insertCloseContact(long casePersonId, long contactPersonId, LocalDate exposure, String by) {
        return jdbc.sql("""
                        insert into close_contact(case_person_id, contact_person_id, exposure_date, created_by)
                        values (?, ?, ?, ?) on conflict do nothing returning id""")
                .params(casePersonId, contactPersonId, exposure, by).query(Long.class).optional();
    }

    void linkContactEpisode(long contactId, long episodeId) {
        jdbc.sql("update close_contact set episode_id = ? where id = ?").params(episodeId, contactId).update();
    }

    // ------------------------------------------------------------------ sites

    List<QuarantineSite> sites() {
        return jdbc.sql("""
                        select s.*, (select count(*) from observation_episode e where e.site_id = s.id and e.status in ('ACTIVE','REFERRED')) as occupancy
                        from quarantine_site s order by s.id""")
                .query((rs, n) -> new QuarantineSite(rs.getLong("id"), rs.getString("name"), rs.getString("area_code"),
                        rs.getString("address"), rs.getInt("capacity"), rs.getInt("occupancy"), rs.getBoolean("active")))
                .list();
    }

    /** Locks the site row so that two placements cannot both take its last bed. */
    Optional<QuarantineSite> lockSite(long id) {
        return jdbc.sql("select * from quarantine_site where id = ? for update").param(id)
                .query((rs, n) -> new QuarantineSite(rs.getLong("id"), rs.getString("name"), rs.getString("area_code"),
                        rs.getString("address"), rs.getInt("capacity"), 0, rs.getBoolean("active")))
                .optional()
                .map(s -> new QuarantineSite(s.id(), s.name(), s.areaCode(), s.address(), s.capacity(), occupancy(id), s.active()));
    }

    private int occupancy(long siteId) {
        return jdbc.sql("select count(*) from observation_episode where site_id = ? and status in ('ACTIVE','REFERRED')")
                .param(siteId).query(Integer.class).single();
    }

    // ------------------------------------------------------------------ counts and reports

    /** Figures per child area (code prefix of length {@code childLength}) of the root on a day. */
    List<long[]> countsByChild(String rootPrefix, int childLength, LocalDate day, List<String> childOrder) {
        AreaScope root = AreaScope.subtree(rootPrefix);
        java.util.Map<String, long[]> byChild = new java.util.LinkedHashMap<>();
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

    // ------------------------------------------------------------------ mapping

    private static StoredEpisode episode(ResultSet rs, int n) throws SQLException {
        return new StoredEpisode(rs.getLong("id"), rs.getLong("person_id"), (Long) rs.getObject("returnee_id"),
                EpisodeKind.valueOf(rs.getString("kind")), (Long) rs.getObject("site_id"), rs.getString("site_name"),
                rs.getString("area_code"), EpisodeReason.valueOf(rs.getString("reason")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("planned_end", LocalDate.class), rs.getString("responsible_username"),
                EpisodeStatus.valueOf(rs.getString("status")), rs.getObject("ended_on", LocalDate.class), rs.getInt("recorded"),
                rs.getInt("missed"), rs.getInt("abnormal"));
    }

    private static StoredReferral referral(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return new StoredReferral(rs.getLong("id"), rs.getLong("person_id"), (Long) rs.getObject("episode_id"), rs.getString("source"),
                rs.getString("area_code"), rs.getTimestamp("raised_at").toInstant(), rs.getBigDecimal("temperature"),
                symptoms(rs.getArray("symptoms")), outcome == null ? null : ReferralOutcome.valueOf(outcome),
                rs.getTimestamp("outcome_at") == null ? null : rs.getTimestamp("outcome_at").toInstant(), rs.getString("outcome_by"),
                rs.getString("clinic"), rs.getString("note"));
    }

    private static List<Symptom> symptoms(Array array) throws SQLException {
        List<Symptom> list = new ArrayList<>();
        if (array != null) {
            for (Object s : (Object[]) array.getArray()) {
                list.add(Symptom.valueOf((String) s));
            }
        }
        return list;
    }
}
