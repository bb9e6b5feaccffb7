package org.cordon.registry;

import org.cordon.shared.IdNumber;

/**
 * A registered person's identity, decrypted, for another module's trusted use without a user (the checkpoint fills an
 * occupant from a scanned health code; the portal compares a health declaration): never shown as such.
 */
public record RegisteredIdentity(long personId, IdNumber idNumber, String nationality, String name, String phone,
                                 java.time.LocalDate birthDate, String residenceCode) {

    public PersonData toPersonData() {
        return new PersonData(idNumber, nationality, name, phone == null ? null : org.cordon.shared.PhoneNumber.parse(phone),
                residenceCode, null);
    }
}
