package org.cordon.observation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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

    record StoredReferral(long id, long personId, Long episodeId, String source, String areaCode, Instant raisedAt,
                          BigDecimal temperature, List<Symptom> symptoms, ReferralOutcome outcome, Instant outcomeAt,
                          String outcomeBy, String clinic, String note) {

        /** The referral's lifecycle: open until its outcome. */
        Referral lifecycle() {
            return new Referral(id, outcome);
        }
    }

    private final JdbcClient jdbc;

    ReferralRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> insertReferral(long personId, Long episodeId, String source, String sourceRef, String areaCode, Instant raisedAt,
                                  BigDecimal temperature, Collection<Symptom> symptoms) {
        return jdbc.sql("""
                        insert into referral(person_id, episode_id, source, source_ref, area_code, raised_at, temperature, symptoms)
                        values (?, ?, ?, ?, ?, ?, ?, string_to_array(?, ','))
                        on conflict (source_ref) do nothing returning id""")
                .params(personId, episodeId, source, sourceRef, areaCode, Timestamp.from(raisedAt), temperature,
                        SymptomColumn.text(symptoms))
                .query(Long.class).optional();
    }

    Optional<StoredReferral> findReferral(long id) {
        return jdbc.sql("select * from referral where id = ?").param(id).query(ReferralRepository::referral).optional();
    }

    List<StoredReferral> referrals(String areaPrefix, boolean includeClosed, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("select * from referral where " + scope.condition("area_code", "area") + """
                         and (:all or outcome is null)
                        order by outcome is not null, raised_at desc limit :limit""")
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
                                       and\s""" + scope.condition("area_code") + ")")
                .params(personId, scope.pattern())
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
                rs.getString("clinic"), rs.getString("note"));
    }
}
