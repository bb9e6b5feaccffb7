package org.cordon.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cordon.account.SystemOperation;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's part of data retention (PIPL art. 47): when each registered person's registry records stop
 * serving a purpose, and the anonymisation of persons whose follow-up ended. Used by the retention job only.
 */
@Service
@Transactional(readOnly = true)
public class RegistryRetentionManagement {

    /** What an anonymised person's identity document reads (an "other" document: it never matches a real one). */
    static final String ANONYMISED_NUMBER = "ANONYMISED";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    RegistryRetentionManagement(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Every person not yet anonymised, with the last day their registry records serve: the latest arrival of their
     * returnee records plus {@code arrivalFollowUpDays} (the follow-up of an arrival), or the day the person was
     * registered when they have no returnee record.
     */
    @SystemOperation
    public Map<Long, LocalDate> followUpEnds(int arrivalFollowUpDays, String timeZone) {
        Map<Long, LocalDate> ends = new HashMap<>();
        jdbc.sql("""
                        select p.id, greatest((p.created_at at time zone :tz)::date, max(r.arrived_on) + :days)
                        from person p left join returnee r on r.person_id = p.id
                        where p.anonymised_at is null
                        group by p.id""")
                .param("tz", timeZone).param("days", arrivalFollowUpDays)
                .query((rs, n) -> ends.put(rs.getLong(1), rs.getObject(2, LocalDate.class))).list();
        return ends;
    }

    /**
     * The identity documents of the given persons (anonymised ones left out), decrypted, for the checkpoint module to
     * find the passages they travelled in (its keyed hash of a document differs from the registry's).
     */
    @SystemOperation
    public List<org.cordon.shared.IdNumber> identities(Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id_type, id_number_enc from person where id in (:ids) and anonymised_at is null")
                .param("ids", personIds)
                .query((rs, n) -> new org.cordon.shared.IdNumber(org.cordon.shared.IdType.valueOf(rs.getString(1)),
                        cipher.decrypt(RegistryManagement.ID_FIELD, rs.getBytes(2))))
                .list();
    }

    /** How many persons were anonymised so far. */
    @SystemOperation
    public long anonymisedCount() {
        return jdbc.sql("select count(*) from person where anonymised_at is not null").query(Long.class).single();
    }

    /**
     * Anonymises the persons: name, identity document (number and hash), phone, sex, birth date and address are
     * replaced or cleared, the identity values their registrations reported are deleted, and their returnee records
     * lose the free-text travel details and address. Dates, areas, statuses and sources stay, so every figure counted
     * from them stays. A person anonymised already is left alone. Returns how many persons were anonymised.
     */
    @Transactional
    @SystemOperation
    public int anonymise(Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = jdbc.sql("select id from person where id in (:ids) and anonymised_at is null for update")
                .param("ids", personIds).query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        byte[] number = cipher.encrypt(RegistryManagement.ID_FIELD, ANONYMISED_NUMBER);
        // the hash becomes a value no real document hashes to (16 bytes against the keyed hash's 32), unique per person
        jdbc.sql("""
                        update person set name = '*', id_type = 'OTHER', nationality = '', id_number_enc = :number,
                                          id_number_hash = decode(md5('anonymised person ' || id), 'hex'),
                                          phone_enc = null, phone_hash = null, sex = null, birth_date = null, address = null,
                                          anonymised_at = now(), updated_at = now()
                        where id in (:ids)""")
                .param("number", number).param("ids", ids).update();
        jdbc.sql("delete from reported_identity where person_id in (:ids)").param("ids", ids).update();
        jdbc.sql("""
                        update returnee set transport_detail = null, companions = null, destination_address = null
                        where person_id in (:ids)""").param("ids", ids).update();
        return ids.size();
    }
}
