package org.cordon.notice;

import java.util.List;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Self-report receipts and volunteer sign-ups of the public portal. */
@Repository
class PortalRepository {

    /** A stored sign-up with the phone still encrypted. */
    record StoredSignup(long id, String name, byte[] phoneEnc, String areaCode, String areaName, String organisation,
                        String skills, String availability, String note, String status, java.time.Instant createdAt,
                        java.time.Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean confirmationExists(String confirmation) {
        return jdbc.sql("select count(*) from self_report where confirmation = ?").param(confirmation).query(Long.class).single() > 0;
    }

    long insertSelfReport(String confirmation, String clientAddress) {
        return jdbc.sql("insert into self_report(confirmation, client_address) values (?, ?) returning id")
                .params(confirmation, clientAddress).query(Long.class).single();
    }

    /**
     * Stores a sign-up; a repeat with the same phone (keyed hash) fills in only what the stored sign-up lacks (area,
     * organisation, skills, availability, note) and never replaces or erases a value, the name included. Returns
     * the number of rows written (0: a repeat that added nothing).
     */
    int upsertSignup(String name, byte[] phoneEnc, byte[] phoneHash, String areaCode, String organisation, String skills,
                     String availability, String note) {
        return jdbc.sql("""
                        insert into volunteer_signup(name, phone_enc, phone_hash, area_code, organisation, skills, availability, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (phone_hash) do update set
                          area_code = coalesce(volunteer_signup.area_code, excluded.area_code),
                          organisation = coalesce(volunteer_signup.organisation, excluded.organisation),
                          skills = coalesce(volunteer_signup.skills, excluded.skills),
                          availability = coalesce(volunteer_signup.availability, excluded.availability),
                          note = coalesce(volunteer_signup.note, excluded.note),
                          updated_at = now()
                        where volunteer_signup.area_code is null and excluded.area_code is not null
                           or volunteer_signup.organisation is null and excluded.organisation is not null
                           or volunteer_signup.skills is null and excluded.skills is not null
                           or volunteer_signup.availability is null and excluded.availability is not null
                           or volunteer_signup.note is null and excluded.note is not null""")
                .params(name, phoneEnc, phoneHash, areaCode, organisation, skills, availability, note).update();
    }

    /** Sign-ups whose area lies under {@code areaPrefix} or that named no area; null prefix = all. Newest first. */
    List<StoredSignup> signups(String areaPrefix, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix);
        return jdbc.sql("""
                        select s.*, a.name as area_name from volunteer_signup s left join area a on a.code = s.area_code
                        where :all or s.area_code is null or\s""" + scope.condition("s.area_code", "prefix")
                         + " order by s.created_at desc, s.id desc limit :limit")
                .param("all", areaPrefix == null).param("prefix", scope.pattern()).param("limit", limit)
                .query((rs, n) -> new StoredSignup(rs.getLong("id"), rs.getString("name"), rs.getBytes("phone_enc"),
                        rs.getString("area_code"), rs.getString("area_name"), rs.getString("organisation"), rs.getString("skills"),
                        rs.getString("availability"), rs.getString("note"), rs.getString("status"),
                        NoticeRepository.instant(rs, "created_at"), NoticeRepository.instant(rs, "updated_at")))
                .list();
    }
}
