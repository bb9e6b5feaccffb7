package org.cordon.observation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.cordon.account.SystemOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Observation's part of data retention (PIPL art. 47; CAC notice of 4 Feb 2020): who is still under follow-up,
 * when each person's follow-up ended, and clearing the free-text notes of anonymised persons' records. Used by the
 * retention job only.
 */
@Service
@Transactional(readOnly = true)
public class ObservationRetentionManagement {

    private final JdbcClient jdbc;

    ObservationRetentionManagement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The persons under follow-up, whose data must stay whatever their dates: an observation episode still open
     * (active or referred), an isolation still running, a fever referral without outcome, a confirmed case whose
     * contact tracing is not done, and the close contacts of such a case or with an open episode of their own.
     */
    @SystemOperation
    public Set<Long> personsUnderFollowUp() {
        Set<Long> held = new HashSet<>(jdbc.sql("""
                        select person_id from observation_episode where status in ('ACTIVE', 'REFERRED')
                        union select person_id from isolation where status = 'ISOLATED'
                        union select person_id from referral where outcome is null
                        union select person_id from confirmed_case where tracing_done_at is null
                        union select k.contact_person_id from close_contact k
                              join confirmed_case c on c.person_id = k.case_person_id where c.tracing_done_at is null
                        union select k.contact_person_id from close_contact k
                              join observation_episode e on e.id = k.episode_id where e.status in ('ACTIVE', 'REFERRED')""")
                .query(Long.class).list());
        return held;
    }

    /**
     * The last day of each person's follow-up that observation knows of (persons without observation records are
     * left out): the latest end of an episode (its planned end while open), of an isolation, of a referral's
     * outcome, of a case's contact tracing (its confirmation while open) and of a contact's exposure.
     */
    @SystemOperation
    public Map<Long, LocalDate> followUpEnds(String timeZone) {
        Map<Long, LocalDate> ends = new HashMap<>();
        jdbc.sql("""
                        select person_id, max(d) from (
                          select person_id, coalesce(ended_on, planned_end) as d from observation_episode
                          union all select person_id, coalesce(ended_on, started_on) from isolation
                          union all select person_id, (coalesce(outcome_at, raised_at) at time zone :tz)::date from referral
                          union all select person_id, coalesce((tracing_done_at at time zone :tz)::date, confirmed_on) from confirmed_case
                          union all select contact_person_id, exposure_date from close_contact
                        ) t group by person_id""")
                .param("tz", timeZone)
                .query((rs, n) -> ends.put(rs.getLong(1), rs.getObject(2, LocalDate.class))).list();
        return ends;
    }

    /**
     * Clears the free-text notes of the persons' observation records (checks, isolation checks, referrals with
     * their clinic, isolation outcomes, dismissed fellow travellers): what could name or describe them. Temperatures,
     * symptoms, flags, dates and areas stay (the figures count them; the person is anonymised in the registry).
     * Returns the records changed.
     */
    @Transactional
    @SystemOperation
    public int clearNotes(Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return 0;
        }
        int changed = 0;
        changed += jdbc.sql("""
                        update observation_check set note = null where note is not null
                          and episode_id in (select id from observation_episode where person_id in (:ids))""")
                .param("ids", personIds).update();
        changed += jdbc.sql("""
                        update isolation_check set note = null where note is not null
                          and isolation_id in (select id from isolation where person_id in (:ids))""")
                .param("ids", personIds).update();
        changed += jdbc.sql("update referral set note = null, clinic = null where person_id in (:ids) and (note is not null or clinic is not null)")
                .param("ids", personIds).update();
        changed += jdbc.sql("update isolation set outcome_note = null where person_id in (:ids) and outcome_note is not null")
                .param("ids", personIds).update();
        return changed;
    }
}
