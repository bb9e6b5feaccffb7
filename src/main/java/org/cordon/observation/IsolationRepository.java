package org.cordon.observation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.checkpoint.Symptom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Isolations of suspected cases at designated sites, and their checks. */
@Repository
class IsolationRepository {

    record StoredIsolation(long id, long personId, long referralId, Long episodeId, long siteId, String siteName, String areaCode,
                           LocalDate startedOn, IsolationStatus status, LocalDate endedOn, String outcomeBy, String outcomeNote,
                           Long followUpEpisodeId, String createdBy, Long caseId, int checks) {

        Isolation lifecycle() {
            return new Isolation(id, status, startedOn, endedOn);
        }
    }

    private static final String SELECT = """
            select i.*, s.name as site_name, c.id as case_id,
                   (select count(*) from isolation_check k where k.isolation_id = i.id) as checks
            from isolation i
            join quarantine_site s on s.id = i.site_id
            left join confirmed_case c on c.isolation_id = i.id
            """;

    private final JdbcClient jdbc;

    IsolationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new open isolation; empty when the person is isolated already (one open isolation per person) or the referral has one. */
    Optional<Long> insert(long personId, long referralId, Long episodeId, long siteId, String areaCode, LocalDate startedOn, String by) {
        return jdbc.sql("""
                        insert into isolation(person_id, referral_id, episode_id, site_id, area_code, started_on, status, created_by)
                        values (?, ?, ?, ?, ?, ?, 'ISOLATED', ?) on conflict do nothing returning id""")
                .params(personId, referralId, episodeId, siteId, areaCode, startedOn, by).query(Long.class).optional();
    }

    Optional<StoredIsolation> find(long id) {
        return jdbc.sql(SELECT + " where i.id = ?").param(id).query(IsolationRepository::isolation).optional();
    }

    /** Locks the isolation's row until the transaction ends (one outcome at a time). */
    void lock(long id) {
        jdbc.sql("select id from isolation where id = ? for update").param(id).query(Long.class).optional();
    }

    Optional<StoredIsolation> openOf(long personId) {
        return jdbc.sql(SELECT + " where i.person_id = ? and i.status = 'ISOLATED'").param(personId)
                .query(IsolationRepository::isolation).optional();
    }

    Optional<StoredIsolation> ofReferral(long referralId) {
        return jdbc.sql(SELECT + " where i.referral_id = ?").param(referralId).query(IsolationRepository::isolation).optional();
    }

    /** Isolations in an area with one of the statuses, open first, newest first. */
    List<StoredIsolation> isolations(String areaPrefix, Collection<IsolationStatus> statuses, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(SELECT + " where " + scope.condition("i.area_code", "area")
                        + " and i.status in (:statuses) order by i.status <> 'ISOLATED', i.started_on desc, i.id desc limit :limit")
                .param("area", scope.pattern()).param("statuses", statuses.stream().map(Enum::name).toList()).param("limit", limit)
                .query(IsolationRepository::isolation).list();
    }

    /** Stores what an outcome answered (status, end date) with who recorded it. */
    void close(Isolation closed, String by, String note) {
        jdbc.sql("update isolation set status = ?, ended_on = ?, outcome_by = ?, outcome_note = ? where id = ?")
                .params(closed.status().name(), closed.endedOn(), by, note, closed.id()).update();
    }

    void setFollowUpEpisode(long id, long episodeId) {
        jdbc.sql("update isolation set followup_episode_id = ? where id = ?").params(episodeId, id).update();
    }

    /** Records a check; false when the slot was recorded already. */
    boolean insertCheck(long isolationId, LocalDate day, CheckSlot slot, BigDecimal temperature, Set<Symptom> symptoms, String note,
                        String by) {
        return jdbc.sql("""
                        insert into isolation_check(isolation_id, check_date, slot, temperature, symptoms, note, recorded_by)
                        values (?, ?, ?, ?, string_to_array(?, ','), ?, ?) on conflict do nothing""")
                .params(isolationId, day, slot.name(), temperature, SymptomColumn.text(symptoms), note, by).update() == 1;
    }

    List<IsolationView.IsolationCheck> checksOf(long isolationId) {
        return jdbc.sql("select * from isolation_check where isolation_id = ? order by check_date, slot desc").param(isolationId)
                .query((rs, n) -> new IsolationView.IsolationCheck(rs.getObject("check_date", LocalDate.class),
                        CheckSlot.valueOf(rs.getString("slot")), rs.getBigDecimal("temperature"), SymptomColumn.read(rs.getArray("symptoms")),
                        rs.getString("note"), rs.getString("recorded_by")))
                .list();
    }

    private static StoredIsolation isolation(ResultSet rs, int n) throws SQLException {
        return new StoredIsolation(rs.getLong("id"), rs.getLong("person_id"), rs.getLong("referral_id"), (Long) rs.getObject("episode_id"),
                rs.getLong("site_id"), rs.getString("site_name"), rs.getString("area_code"), rs.getObject("started_on", LocalDate.class),
                IsolationStatus.valueOf(rs.getString("status")), rs.getObject("ended_on", LocalDate.class), rs.getString("outcome_by"),
                rs.getString("outcome_note"), (Long) rs.getObject("followup_episode_id"), rs.getString("created_by"),
                (Long) rs.getObject("case_id"), rs.getInt("checks"));
    }
}
