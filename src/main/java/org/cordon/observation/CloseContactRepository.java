package org.cordon.observation;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Close contacts of suspected and confirmed people, linked to the episodes they are observed in. */
@Repository
class CloseContactRepository {

    private final JdbcClient jdbc;

    CloseContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the same contact with the same exposure was registered already. */
    Optional<Long> insertCloseContact(long casePersonId, long contactPersonId, LocalDate exposure, String by) {
        return jdbc.sql("""
                        insert into close_contact(case_person_id, contact_person_id, exposure_date, created_by)
                        values (?, ?, ?, ?) on conflict do nothing returning id""")
                .params(casePersonId, contactPersonId, exposure, by).query(Long.class).optional();
    }

    Optional<Long> find(long casePersonId, long contactPersonId, LocalDate exposure) {
        return jdbc.sql("select id from close_contact where case_person_id = ? and contact_person_id = ? and exposure_date = ?")
                .params(casePersonId, contactPersonId, exposure).query(Long.class).optional();
    }

    void linkContactEpisode(long contactId, long episodeId) {
        jdbc.sql("update close_contact set episode_id = ? where id = ?").params(episodeId, contactId).update();
    }
}
