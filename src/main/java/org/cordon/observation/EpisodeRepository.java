package org.cordon.observation;

import java.math.BigDecimal;
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
import java.util.UUID;

import org.cordon.account.AreaScope;
import org.cordon.checkpoint.Symptom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Observation episodes, their checks (and missed-check flags) and the quarantine sites they are placed at. */
@Repository
class EpisodeRepository {

    record StoredEpisode(long id, long personId, Long returneeId, EpisodeKind kind, Long siteId, String siteName, String areaCode,
                         EpisodeReason reason, LocalDate startDate, LocalDate plannedEnd, String responsibleUsername,
                         EpisodeStatus status, LocalDate endedOn, int recorded, int missed, int abnormal, int openReferrals) {

        /** The episode's lifecycle: its status and what decides its transitions. */
        Episode lifecycle() {
            return new Episode(id, status, startDate, plannedEnd, endedOn, missed, openReferrals);
        }
    }

    record MissedRow(long episodeId, long personId, String areaCode, LocalDate date, CheckSlot slot) {
    }

    /** A (day, slot) whose deadline has passed. */
    record DueSlot(LocalDate day, CheckSlot slot, Instant deadline) {
    }

    private static final String EPISODE_SELECT = """
            select e.*, s.name as site_name,
                   coalesce(c.recorded, 0) as recorded, coalesce(c.missed, 0) as missed, coalesce(c.abnormal, 0) as abnormal,
                   (select count(*) from referral f where f.episode_id = e.id and f.outcome is null) as open_referrals
            from observation_episode e
            left join quarantine_site s on s.id = e.site_id
            left join lateral (select count(*) filter (where not missed) as recorded,
                                      count(*) filter (where missed) as missed,
                                      count(*) filter (where abnormal) as abnormal
                               from observation_check where episode_id = e.id) c on true
            """;

    private final JdbcClient jdbc;

    EpisodeRepository(JdbcClient jdbc, org.cordon.shared.DocumentNumbers documentNumbers) {
        this.jdbc = jdbc;
        this.documentNumbers = documentNumbers;
    }

    private final org.cordon.shared.DocumentNumbers documentNumbers;

    /**
     * The release notice's number {year, number}: the one given at its first printing, or, locking the episode so that
     * two first printings at once cannot both give one, the next of {@code year}.
     */
    int[] releaseNoticeNumber(long episodeId, int year) {
        lockEpisode(episodeId);
        int[] given = jdbc.sql("select release_notice_year, release_notice_number from observation_episode where id = ? and release_notice_number is not null")
                .param(episodeId).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional().orElse(null);
        if (given != null) {
            return given;
        }
        int number = documentNumbers.next(org.cordon.shared.DocumentNumbers.Kind.RELEASE_NOTICE, year);
        jdbc.sql("update observation_episode set release_notice_year = ?, release_notice_number = ? where id = ?")
                .params(year, number, episodeId).update();
        return new int[] {year, number};
    }

    // ------------------------------------------------------------------ episodes

    /**
     * Inserts the episode unless its source reference exists or (for a returnee record) the record has an open
     * episode (index {@code episode_one_open_per_returnee}); empty when either did.
     */
    Optional<Long> insertEpisode(long personId, Long returneeId, EpisodeKind kind, Long siteId, String areaCode,
                                 EpisodeReason reason, LocalDate start, LocalDate plannedEnd, String responsible, String sourceRef) {
        return jdbc.sql("""
                        insert into observation_episode(person_id, returnee_id, kind, site_id, area_code, reason, start_date,
                                                        planned_end, responsible_username, status, source_ref)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)
                        on conflict do nothing returning id""")
                .params(personId, returneeId, kind.name(), siteId, areaCode, reason.name(), start, plannedEnd, responsible, sourceRef)
                .query(Long.class).optional();
    }

    /** A risk-arrival home observation to start for a returnee record (one row of {@link #insertArrivalEpisodes}). */
    record ArrivalStart(long personId, long returneeId, String areaCode, LocalDate start, LocalDate plannedEnd, String responsible,
                        String sourceRef) {
    }

    /** An episode {@link #insertArrivalEpisodes} inserted. */
    record ArrivalStarted(long id, long personId, long returneeId, String areaCode, LocalDate start, LocalDate plannedEnd) {
    }

    /**
     * Inserts the home observations of many returnee records in one statement, each unless it was started before: its
     * source reference has an episode (or was merged into one), or its record has an open episode or one of the reason
     * RISK_ARRIVAL (one arrival, one episode); a start racing with another of the same source or record is skipped by the
     * unique indexes. Returns the episodes inserted.
     */
    List<ArrivalStarted> insertArrivalEpisodes(List<ArrivalStart> starts) {
        if (starts.isEmpty()) {
            return List.of();
        }
        int n = starts.size();
        Long[] persons = new Long[n];
        Long[] returnees = new Long[n];
        String[] areas = new String[n];
        String[] days = new String[n];
        String[] ends = new String[n];
        String[] responsible = new String[n];
        String[] refs = new String[n];
        for (int i = 0; i < n; i++) {
            ArrivalStart a = starts.get(i);
            persons[i] = a.personId();
            returnees[i] = a.returneeId();
            areas[i] = a.areaCode();
            days[i] = a.start().toString();
            ends[i] = a.plannedEnd().toString();
            responsible[i] = a.responsible();
            refs[i] = a.sourceRef();
        }
        return jdbc.sql("""
                        insert into observation_episode(person_id, returnee_id, kind, area_code, reason, start_date, planned_end,
                                                        responsible_username, status, source_ref)
                        select q.person_id, q.returnee_id, 'HOME', q.area_code, 'RISK_ARRIVAL', q.start_date, q.planned_end,
                               q.responsible, 'ACTIVE', q.source_ref
                        from unnest(cast(:persons as bigint[]), cast(:returnees as bigint[]), cast(:areas as text[]),
                                    cast(:days as date[]), cast(:ends as date[]), cast(:responsible as text[]),
                                    cast(:refs as text[])) with ordinality
                             as q(person_id, returnee_id, area_code, start_date, planned_end, responsible, source_ref, n)
                        where not exists (select 1 from observation_episode e where e.source_ref = q.source_ref)
                          and not exists (select 1 from episode_merge m where m.merged_source_ref = q.source_ref)
                          and not exists (select 1 from observation_episode e where e.returnee_id = q.returnee_id
                                            and (e.status in ('ACTIVE', 'REFERRED') or e.reason = 'RISK_ARRIVAL'))
                        order by q.n
                        on conflict do nothing
                        returning id, person_id, returnee_id, area_code, start_date, planned_end""")
                .param("persons", persons).param("returnees", returnees).param("areas", areas).param("days", days)
                .param("ends", ends).param("responsible", responsible).param("refs", refs)
                .query((rs, i) -> new ArrivalStarted(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                .list();
    }

    /** The episode started for this source; for a duplicate merged into another episode, that one. */
    Optional<Long> episodeIdBySource(String sourceRef) {
        return jdbc.sql("""
                        select id from observation_episode where source_ref = :ref
                        union all select kept_episode_id from episode_merge where merged_source_ref = :ref limit 1""")
                .param("ref", sourceRef).query(Long.class).optional();
    }

    /**
     * The episode of a returnee record: the open one if any, else (with {@code anyOf} given) the latest of that
     * reason — an arrival is observed once.
     */
    Optional<Long> episodeOfReturnee(long returneeId, EpisodeReason anyOf) {
        return jdbc.sql("""
                        select id from observation_episode where returnee_id = :returnee
                          and (status in ('ACTIVE', 'REFERRED') or reason = :reason)
                        order by (status in ('ACTIVE', 'REFERRED')) desc, start_date desc, id desc limit 1""")
                .param("returnee", returneeId).param("reason", anyOf == null ? "" : anyOf.name())
                .query(Long.class).optional();
    }

    /**
     * Locks the episode's row until the transaction ends, so that outcomes of two of its referrals (or an outcome
     * and a new referral) are decided one after the other, each seeing the other's result.
     */
    void lockEpisode(long id) {
        jdbc.sql("select id from observation_episode where id = ? for update").param(id).query(Long.class).optional();
    }

    Optional<StoredEpisode> findEpisode(long id) {
        return jdbc.sql(EPISODE_SELECT + " where e.id = ?").param(id).query(EpisodeRepository::episode).optional();
    }

    /** Episodes in an area with one of the statuses, newest start first. */
    List<StoredEpisode> episodes(String areaPrefix, Collection<EpisodeStatus> statuses, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + " and e.status in (:statuses) order by e.start_date desc, e.id desc limit :limit")
                .param("area", scope.pattern()).param("statuses", statuses.stream().map(Enum::name).toList()).param("limit", limit)
                .query(EpisodeRepository::episode).list();
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
                .query(EpisodeRepository::episode).list();
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
                .query(EpisodeRepository::episode).list();
    }

    List<StoredEpisode> endingOn(String areaPrefix, LocalDate day) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(EPISODE_SELECT + " where " + scope.condition("e.area_code", "area") + " and e.status in ('ACTIVE', 'REFERRED') and e.planned_end <= :day order by e.planned_end, e.id")
                .param("area", scope.pattern()).param("day", day)
                .query(EpisodeRepository::episode).list();
    }

    /** Stores the status and end date an episode's transition answered. */
    void updateStatus(Episode episode) {
        jdbc.sql("update observation_episode set status = ?, ended_on = ? where id = ?")
                .params(episode.status().name(), episode.endedOn(), episode.id()).update();
    }

    /** The person's follow-up now: case, isolation, open referral, open episodes' reasons (one round trip). */
    FollowUpStatus followUpStatus(long personId) {
        return jdbc.sql("""
                        select exists(select 1 from confirmed_case where person_id = :p) as confirmed,
                               exists(select 1 from isolation where person_id = :p and status = 'ISOLATED') as isolated,
                               exists(select 1 from referral where person_id = :p and outcome is null) as referred,
                               array(select reason from observation_episode where person_id = :p
                                     and status in ('ACTIVE','REFERRED') order by id) as reasons""")
                .param("p", personId)
                .query((rs, n) -> {
                    java.util.List<EpisodeReason> reasons = new java.util.ArrayList<>();
                    for (String r : (String[]) rs.getArray("reasons").getArray()) {
                        reasons.add(EpisodeReason.valueOf(r));
                    }
                    return new FollowUpStatus(rs.getBoolean("confirmed"), rs.getBoolean("isolated"), rs.getBoolean("referred"), reasons);
                }).single();
    }

    /** Moves an open episode's planned end to {@code end} when that is later (a further exposure). */
    void extendPlannedEnd(long id, LocalDate end) {
        jdbc.sql("update observation_episode set planned_end = greatest(planned_end, ?) where id = ? and status in ('ACTIVE','REFERRED')")
                .params(end, id).update();
    }

    /** Every open episode (ACTIVE or REFERRED) of the person. */
    List<Long> openEpisodesOf(long personId) {
        return jdbc.sql("select id from observation_episode where person_id = ? and status in ('ACTIVE','REFERRED') order by id")
                .param(personId).query(Long.class).list();
    }

    /** The person's open episode (ACTIVE or REFERRED), the newest when there were several. */
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
                                        String note, boolean abnormal, String by, UUID clientId) {
        return jdbc.sql("""
                        insert into observation_check(episode_id, check_date, slot, missed, temperature, symptoms, note, abnormal, recorded_by,
                                                      client_id)
                        values (?, ?, ?, false, ?, string_to_array(?, ','), ?, ?, ?, ?)
                        on conflict (episode_id, check_date, slot) do update set
                            missed = false, temperature = excluded.temperature, symptoms = excluded.symptoms, note = excluded.note,
                            abnormal = excluded.abnormal, recorded_by = excluded.recorded_by, recorded_at = now(),
                            client_id = excluded.client_id
                        where observation_check.missed
                        returning id, (xmax <> 0) as replaced""")
                .params(episodeId, day, slot.name(), temperature, SymptomColumn.text(symptoms), note,
                        abnormal, by, clientId)
                .query((rs, n) -> new RecordedCheck(rs.getLong("id"), rs.getBoolean("replaced"))).optional();
    }

    /** A check stored under a device's id: which episode it belongs to and whether it was abnormal. */
    record ClientCheck(long id, long episodeId, boolean abnormal) {
    }

    Optional<ClientCheck> checkByClientId(UUID clientId) {
        return jdbc.sql("select id, episode_id, abnormal from observation_check where client_id = ?").param(clientId)
                .query((rs, n) -> new ClientCheck(rs.getLong("id"), rs.getLong("episode_id"), rs.getBoolean("abnormal"))).optional();
    }

    List<EpisodeView.CheckView> checksOf(long episodeId) {
        return jdbc.sql("select * from observation_check where episode_id = ? order by check_date, slot desc").param(episodeId)
                .query((rs, n) -> new EpisodeView.CheckView(rs.getLong("id"), rs.getObject("check_date", LocalDate.class),
                        CheckSlot.valueOf(rs.getString("slot")), rs.getBoolean("missed"), rs.getBigDecimal("temperature"),
                        SymptomColumn.read(rs.getArray("symptoms")), rs.getString("note"), rs.getBoolean("abnormal"), rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** The check of (day, slot) of each of these episodes that has one (recorded or missed). */
    java.util.Map<Long, EpisodeView.CheckView> checksOfSlot(Collection<Long> episodeIds, LocalDate day, CheckSlot slot) {
        java.util.Map<Long, EpisodeView.CheckView> result = new java.util.HashMap<>();
        if (episodeIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select * from observation_check where episode_id in (:ids) and check_date = :day and slot = :slot")
                .param("ids", List.copyOf(episodeIds)).param("day", day).param("slot", slot.name())
                .query((rs, n) -> {
                    result.put(rs.getLong("episode_id"), new EpisodeView.CheckView(rs.getLong("id"),
                            rs.getObject("check_date", LocalDate.class), CheckSlot.valueOf(rs.getString("slot")), rs.getBoolean("missed"),
                            rs.getBigDecimal("temperature"), SymptomColumn.read(rs.getArray("symptoms")), rs.getString("note"),
                            rs.getBoolean("abnormal"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()));
                    return null;
                }).list();
        return result;
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

    // ------------------------------------------------------------------ sites

    /** Beds taken at a site: open centralised episodes placed there and open isolations. */
    private static final String OCCUPANCY = """
            ((select count(*) from observation_episode e where e.site_id = s.id and e.status in ('ACTIVE','REFERRED'))
             + (select count(*) from isolation i where i.site_id = s.id and i.status = 'ISOLATED'))""";

    List<QuarantineSite> sites() {
        return jdbc.sql("select s.*, " + OCCUPANCY + " as occupancy from quarantine_site s order by s.purpose, s.name, s.id")
                .query(EpisodeRepository::site).list();
    }

    Optional<QuarantineSite> findSite(long id) {
        return jdbc.sql("select s.*, " + OCCUPANCY + " as occupancy from quarantine_site s where s.id = ?").param(id)
                .query(EpisodeRepository::site).optional();
    }

    /**
     * Locks the site row so that two placements cannot both take its last bed, and answers it with its occupancy
     * counted after the lock.
     */
    Optional<QuarantineSite> lockSite(long id) {
        if (jdbc.sql("select id from quarantine_site where id = ? for update").param(id).query(Long.class).optional().isEmpty()) {
            return Optional.empty();
        }
        return findSite(id);
    }

    long insertSite(String name, String areaCode, String address, int capacity, SitePurpose purpose) {
        return jdbc.sql("insert into quarantine_site(name, area_code, address, capacity, purpose) values (?, ?, ?, ?, ?) returning id")
                .params(name, areaCode, address, capacity, purpose.name()).query(Long.class).single();
    }

    void updateSite(long id, String name, String address, int capacity, boolean active) {
        jdbc.sql("update quarantine_site set name = ?, address = ?, capacity = ?, active = ? where id = ?")
                .params(name, address, capacity, active, id).update();
    }

    private static QuarantineSite site(ResultSet rs, int n) throws SQLException {
        return new QuarantineSite(rs.getLong("id"), rs.getString("name"), rs.getString("area_code"), rs.getString("address"),
                rs.getInt("capacity"), rs.getInt("occupancy"), rs.getBoolean("active"), SitePurpose.valueOf(rs.getString("purpose")));
    }

    // ------------------------------------------------------------------ mapping

    private static StoredEpisode episode(ResultSet rs, int n) throws SQLException {
        return new StoredEpisode(rs.getLong("id"), rs.getLong("person_id"), (Long) rs.getObject("returnee_id"),
                EpisodeKind.valueOf(rs.getString("kind")), (Long) rs.getObject("site_id"), rs.getString("site_name"),
                rs.getString("area_code"), EpisodeReason.valueOf(rs.getString("reason")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("planned_end", LocalDate.class), rs.getString("responsible_username"),
                EpisodeStatus.valueOf(rs.getString("status")), rs.getObject("ended_on", LocalDate.class), rs.getInt("recorded"),
                rs.getInt("missed"), rs.getInt("abnormal"), rs.getInt("open_referrals"));
    }
}
