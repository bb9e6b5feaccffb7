package org.cordon.observation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.checkpoint.Symptom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Referrals to fever clinics (from abnormal checks and from checkpoints) and their outcomes. */
@Repository
class ReferralRepository {

    /**
     * A referral as stored, with what its checkpoint knew of the arrival and where the person went after the outcome.
     *
     * @param occupantId  the checkpoint's occupant of a checkpoint referral; null for referrals from observation
     * @param riskArrival the occupant entered from a risk area or had contact with a case (checkpoint referrals)
     * @param followUp    null while the referral is open
     */
    record StoredReferral(long id, long personId, Long episodeId, String source, String areaCode, Instant raisedAt,
                          BigDecimal temperature, List<Symptom> symptoms, ReferralOutcome outcome, Instant outcomeAt,
                          String outcomeBy, String clinic, String note, Long occupantId, boolean riskArrival, String originCode,
                          LocalDate arrivedOn, FollowUp followUp) {

        /** The referral's lifecycle: open until its outcome. */
        Referral lifecycle() {
            return new Referral(id, outcome);
        }
    }

    /** The referral with the current status of the record it led to. */
    private static final String SELECT = """
            select r.*, e.status as f_episode_status, i.status as f_isolation_status, s.name as f_site_name
            from referral r
            left join observation_episode e on r.followup_kind = 'OBSERVATION' and e.id = r.followup_id
            left join isolation i on r.followup_kind = 'ISOLATION' and i.id = r.followup_id
            left join quarantine_site s on s.id = coalesce(i.site_id, e.site_id)
            """;

    private final JdbcClient jdbc;

    ReferralRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> insertReferral(long personId, Long episodeId, String source, String sourceRef, String areaCode, Instant raisedAt,
                                  BigDecimal temperature, Collection<Symptom> symptoms) {
        return insertReferral(personId, episodeId, source, sourceRef, areaCode, raisedAt, temperature, symptoms, null, false, null, null);
    }

    /** A referral, with what a checkpoint knew of the arrival; empty when its source was referred already. */
    Optional<Long> insertReferral(long personId, Long episodeId, String source, String sourceRef, String areaCode, Instant raisedAt,
                                  BigDecimal temperature, Collection<Symptom> symptoms, Long occupantId, boolean riskArrival,
                                  String originCode, LocalDate arrivedOn) {
        return jdbc.sql("""
                        insert into referral(person_id, episode_id, source, source_ref, area_code, raised_at, temperature, symptoms,
                                             occupant_id, risk_arrival, origin_code, arrived_on)
                        values (?, ?, ?, ?, ?, ?, ?, string_to_array(?, ','), ?, ?, ?, ?)
                        on conflict (source_ref) do nothing returning id""")
                .params(personId, episodeId, source, sourceRef, areaCode, Timestamp.from(raisedAt), temperature,
                        SymptomColumn.text(symptoms), occupantId, riskArrival, originCode, arrivedOn)
                .query(Long.class).optional();
    }

    /** An open referral as the grid worker's lists show it (who has it, since when). */
    record OpenReferral(long id, Long episodeId, Instant raisedAt, String areaCode, String source) {
    }

    /** The newest open referral of each of these episodes (one round trip). */
    java.util.Map<Long, OpenReferral> openReferralsOf(Collection<Long> episodeIds) {
        java.util.Map<Long, OpenReferral> result = new java.util.HashMap<>();
        if (episodeIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select distinct on (episode_id) id, episode_id, raised_at, area_code, source from referral
                        where episode_id in (:ids) and outcome is null order by episode_id, raised_at desc, id desc""")
                .param("ids", List.copyOf(episodeIds))
                .query((rs, n) -> new OpenReferral(rs.getLong("id"), rs.getLong("episode_id"), rs.getTimestamp("raised_at").toInstant(),
                        rs.getString("area_code"), rs.getString("source")))
                .list().forEach(r -> result.put(r.episodeId(), r));
        return result;
    }

    /** The person's newest referral without an outcome, if any. */
    Optional<OpenReferral> openReferralOfPerson(long personId) {
        return jdbc.sql("""
                        select id, episode_id, raised_at, area_code, source from referral where person_id = ? and outcome is null
                        order by raised_at desc, id desc limit 1""")
                .param(personId)
                .query((rs, n) -> new OpenReferral(rs.getLong("id"), (Long) rs.getObject("episode_id"),
                        rs.getTimestamp("raised_at").toInstant(), rs.getString("area_code"), rs.getString("source")))
                .optional();
    }

    /** Lets an open referral without an episode decide this one (its outcome then continues or ends the observation). */
    void linkEpisode(long referralId, long episodeId) {
        jdbc.sql("update referral set episode_id = ? where id = ? and episode_id is null and outcome is null")
                .params(episodeId, referralId).update();
    }

    /** The id of the referral a source opened ({@code check:17}), if it opened one. */
    Optional<Long> referralIdOf(String sourceRef) {
        return jdbc.sql("select id from referral where source_ref = ?").param(sourceRef).query(Long.class).optional();
    }

    Optional<StoredReferral> findReferral(long id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(ReferralRepository::referral).optional();
    }

    /** The person's referrals, newest first. */
    List<StoredReferral> referralsOf(long personId) {
        return jdbc.sql(SELECT + " where r.person_id = ? order by r.raised_at desc, r.id desc").param(personId)
                .query(ReferralRepository::referral).list();
    }

    /** Records where the person went after the outcome. */
    void setFollowUp(long id, FollowUp.Kind kind, Long followUpId) {
        jdbc.sql("update referral set followup_kind = ?, followup_id = ? where id = ?").params(kind.name(), followUpId, id).update();
    }

    List<StoredReferral> referrals(String areaPrefix, boolean includeClosed, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(SELECT + " where " + scope.condition("r.area_code", "area") + """
                         and (:all or r.outcome is null)
                        order by r.outcome is not null, r.raised_at desc limit :limit""")
                .param("area", scope.pattern()).param("all", includeClosed).param("limit", limit)
                .query(ReferralRepository::referral).list();
    }

    /**
     * Whether the person is a suspected or confirmed case whose referral lies inside {@code areaPrefix}
     * (the caller's area): a case outside it is answered like no case at all. The precondition for
     * registering close contacts.
     */
    boolean isSuspectedOrConfirmedIn(long personId, String areaPrefix) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("""
                        select exists (select 1 from referral where person_id = ? and outcome in ('SUSPECTED','CONFIRMED')
                                       and\s""" + scope.condition("area_code") + """
                        ) or exists (select 1 from confirmed_case where person_id = ? and\s""" + scope.condition("area_code") + ")")
                .params(personId, scope.pattern(), personId, scope.pattern())
                .query(Boolean.class).single();
    }

    /** Stores the outcome of an open referral; 0 when it had one already. */
    int setOutcome(long id, ReferralOutcome outcome, String clinic, String note, String by) {
        return jdbc.sql("""
                        update referral set outcome = ?, clinic = ?, note = ?, outcome_by = ?, outcome_at = now()
                        where id = ? and outcome is null""")
                .params(outcome.name(), clinic, note, by, id).update();
    }

    /** When the referral's outcome was recorded; empty when there is no such referral or no outcome yet. */
    Optional<Instant> referralOutcomeAt(long referralId) {
        return jdbc.sql("select outcome_at from referral where id = ?").param(referralId).query(Timestamp.class)
                .optional().filter(Objects::nonNull).map(Timestamp::toInstant);
    }

    private static StoredReferral referral(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return new StoredReferral(rs.getLong("id"), rs.getLong("person_id"), (Long) rs.getObject("episode_id"), rs.getString("source"),
                rs.getString("area_code"), rs.getTimestamp("raised_at").toInstant(), rs.getBigDecimal("temperature"),
                SymptomColumn.read(rs.getArray("symptoms")), outcome == null ? null : ReferralOutcome.valueOf(outcome),
                rs.getTimestamp("outcome_at") == null ? null : rs.getTimestamp("outcome_at").toInstant(), rs.getString("outcome_by"),
                rs.getString("clinic"), rs.getString("note"), (Long) rs.getObject("occupant_id"), rs.getBoolean("risk_arrival"),
                rs.getString("origin_code"), rs.getObject("arrived_on", LocalDate.class), followUp(rs));
    }

    private static FollowUp followUp(ResultSet rs) throws SQLException {
        String kind = rs.getString("followup_kind");
        if (kind == null) {
            return null;
        }
        FollowUp.Kind k = FollowUp.Kind.valueOf(kind);
        String status = switch (k) {
            case OBSERVATION -> rs.getString("f_episode_status");
            case ISOLATION -> rs.getString("f_isolation_status");
            default -> null;
        };
        return new FollowUp(k, (Long) rs.getObject("followup_id"), status, rs.getString("f_site_name"));
    }
}
