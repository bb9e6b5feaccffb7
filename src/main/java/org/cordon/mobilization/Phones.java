package org.cordon.mobilization;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.cordon.account.PersonalValue;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.stereotype.Component;

/** Members' and volunteers' phones: stored encrypted with a keyed hash for look-ups, only ever read masked. */
@Component
class Phones {

    static final String MEMBER = "party_member.phone";
    /** The same field name as the portal's sign-ups, so a taken-over sign-up keeps its ciphertext and hash. */
    static final String VOLUNTEER = "volunteer.phone";

    private final PersonalDataCipher cipher;

    Phones(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The masked phone of the row's {@code phone_enc} column. */
    PersonalValue masked(String field, ResultSet rs) throws SQLException {
        return masked(field, rs.getBytes("phone_enc"));
    }

    PersonalValue masked(String field, byte[] encrypted) {
        return PersonalValue.phone(cipher.decrypt(field, encrypted));
    }

    byte[] encrypt(String field, String phone) {
        return cipher.encrypt(field, phone);
    }

    byte[] hash(String field, String phone) {
        return cipher.hash(field, phone);
    }
}
