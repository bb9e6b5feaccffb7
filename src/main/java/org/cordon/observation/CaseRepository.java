package org.cordon.observation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Confirmed cases, their fellow travellers and their close contacts (the contact-tracing task). */
@Repository
class CaseRepository {

    record StoredCase(long id, long personId, Long referralId, Long isolationId, String areaCode, LocalDate confirmedOn,
                      String confirmedBy, Instant tracingDoneAt, String tracingDoneBy, int travellers, int travellersOpen,
                      int contacts) {
    }

    /** A fellow traveller as stored: the checkpoint's occupant and passage, by id, and the close contact made of them. */
    record StoredTraveller(long id, long caseId, long occupantId, long passageId, LocalDate travelledOn, Long contactId,
                           Long contactEpisodeId, String contactEpisodeStatus, String dismissedBy, String dismissedNote) {

        /** Neither made a close contact nor judged none. */
        boolean open() {
            return contactId == null && dismissedBy == null;
        }
    }

    /** A registered close contact of a case's person with their episode. */
    record StoredContact(long id, long contactPersonId, LocalDate exposureDate, Long episodeId, String episodeStatus,
                         String episodeAreaCode, String responsible, String createdBy) {
    }

    private static final String SELECT = """
            select c.*,
                   (select count(*) from case_traveller t where t.case_id = c.id) as travellers,
                   (select count(*) from case_traveller t where t.case_id = c.id and t.contact_id is null and t.dismissed_by is null)
                       as travellers_open,
                   (select count(*) from close_contact k where k.case_person_id = c.person_id) as contacts
            from confirmed_case c
            """;

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new case; empty when the person is a case already (one per person). */
    Optional<Long> insert(long personId, Long referralId, Long isolationId, String areaCode, LocalDate confirmedOn, String by) {
        return jdbc.sql("""
                        insert into confirmed_case(person_id, referral_id, isolation_id, area_code, confirmed_on, confirmed_by)
                        values (?, ?, ?, ?, ?, ?) on conflict (person_id) do nothing returning id""")
                .params(personId, referralId, isolationId, areaCode, confirmedOn, by).query(Long.class).optional();
    }

    Optional<StoredCase> find(long id) {
        return jdbc.sql(SELECT + " where c.id = ?").param(id).query(CaseRepository::storedCase).optional();
    }

    Optional<StoredCase> ofPerson(long personId) {
        return jdbc.sql(SELECT + " where c.person_id = ?").param(personId).query(CaseRepository::storedCase).optional();
    }

    /** Cases in an area, those still being traced first, newest first. */
    List<StoredCase> cases(String areaPrefix, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql(SELECT + " where " + scope.condition("c.area_code", "area")
                        + " order by c.tracing_done_at is not null, c.confirmed_on desc, c.id desc limit :limit")
                .param("area", scope.pattern()).param("limit", limit).query(CaseRepository::storedCase).list();
    }

    /** Marks the tracing done; false when it was done already. */
    boolean markTracingDone(long id, String by) {
        return jdbc.sql("update confirmed_case set tracing_done_at = now(), tracing_done_by = ? where id = ? and tracing_done_at is null")
                .params(by, id).update() == 1;
    }

    /** Adds a fellow traveller (once per case and occupant); true when new. */
    boolean addTraveller(long caseId, long occupantId, long passageId, LocalDate travelledOn) {
        return jdbc.sql("""
                        insert into case_traveller(case_id, occupant_id, passage_id, travelled_on) values (?, ?, ?, ?)
                        on conflict (case_id, occupant_id) do nothing""")
                .params(caseId, occupantId, passageId, travelledOn).update() == 1;
    }

    private static final String TRAVELLERS = """
            select t.*, k.episode_id as contact_episode_id, e.status as contact_episode_status
            from case_traveller t
            left join close_contact k on k.id = t.contact_id
            left join observation_episode e on e.id = k.episode_id
            """;

    List<StoredTraveller> travellers(long caseId) {
        return jdbc.sql(TRAVELLERS + " where t.case_id = ? order by t.travelled_on, t.passage_id, t.occupant_id").param(caseId)
                .query(CaseRepository::traveller).list();
    }

    Optional<StoredTraveller> traveller(long caseId, long travellerId) {
        return jdbc.sql(TRAVELLERS + " where t.case_id = ? and t.id = ?").params(caseId, travellerId).query(CaseRepository::traveller).optional();
    }

    /** Links a traveller to the close contact made of them (clearing a dismissal); false when they had one already. */
    boolean linkTravellerContact(long travellerId, long contactId) {
        return jdbc.sql("""
                        update case_traveller set contact_id = ?, dismissed_by = null, dismissed_note = null, dismissed_at = null
                        where id = ? and contact_id is null""").params(contactId, travellerId).update() == 1;
    }

    /** Records that a traveller is no close contact, with the reason; false when they are one or were dismissed already. */
    boolean dismissTraveller(long travellerId, String by, String note) {
        return jdbc.sql("""
                        update case_traveller set dismissed_by = ?, dismissed_note = ?, dismissed_at = now()
                        where id = ? and contact_id is null and dismissed_by is null""").params(by, note, travellerId).update() == 1;
    }

    /** The registered close contacts of the case's person, with their episodes. */
    List<StoredContact> contacts(long casePersonId) {
        return jdbc.sql("""
                        select k.id, k.contact_person_id, k.exposure_date, k.episode_id, e.status, e.area_code, e.responsible_username,
                               k.created_by
                        from close_contact k left join observation_episode e on e.id = k.episode_id
                        where k.case_person_id = ? order by k.exposure_date desc, k.id""")
                .param(casePersonId)
                .query((rs, n) -> new StoredContact(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), (Long) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    private static StoredCase storedCase(ResultSet rs, int n) throws SQLException {
        Timestamp done = rs.getTimestamp("tracing_done_at");
        return new StoredCase(rs.getLong("id"), rs.getLong("person_id"), (Long) rs.getObject("referral_id"),
                (Long) rs.getObject("isolation_id"), rs.getString("area_code"), rs.getObject("confirmed_on", LocalDate.class),
                rs.getString("confirmed_by"), done == null ? null : done.toInstant(), rs.getString("tracing_done_by"),
                rs.getInt("travellers"), rs.getInt("travellers_open"), rs.getInt("contacts"));
    }

    private static StoredTraveller traveller(ResultSet rs, int n) throws SQLException {
        return new StoredTraveller(rs.getLong("id"), rs.getLong("case_id"), rs.getLong("occupant_id"), rs.getLong("passage_id"),
                rs.getObject("travelled_on", LocalDate.class), (Long) rs.getObject("contact_id"),
                (Long) rs.getObject("contact_episode_id"), rs.getString("contact_episode_status"), rs.getString("dismissed_by"),
                rs.getString("dismissed_note"));
    }
}
