package org.cordon.registry;

import java.time.LocalDate;

import org.cordon.account.Disclosure;
import org.cordon.account.PersonalValue;
import org.cordon.shared.IdType;

/**
 * A person as shown: name, ID number and phone are {@link PersonalValue}s, masked unless the view is
 * a revealed one ({@link Disclosure} from the audited reveal). The birth date is given in full views
 * only — next to a masked ID number it would be exactly the hidden digits.
 *
 * @param full            every value unmasked (roles holding {@code PERSONAL_DATA_REVEAL})
 * @param contactRevealed name and phone unmasked, the ID number still masked (grid workers and town staff
 *                        for people on their own list); true as well when {@code full}
 */
public record PersonSummary(long id, PersonalValue name, IdType idType, PersonalValue idNumber, PersonalValue phone, String sex,
                            LocalDate birthDate, String residenceCode, boolean full, boolean contactRevealed) {

    static PersonSummary of(long id, String name, IdType idType, String idNumber, String phone, String sex, LocalDate birthDate,
                            String residenceCode, Disclosure shown) {
        return new PersonSummary(id, shown.name(name), idType, shown.idNumber(idNumber), shown.phone(phone), sex,
                shown.birthDate(birthDate), residenceCode, shown.full(), shown.contact());
    }
}
