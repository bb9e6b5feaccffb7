package org.cordon.registry;

import java.time.LocalDate;

import org.cordon.shared.IdType;

/**
 * A person as listed: masked unless revealed (an audited view).
 *
 * @param full            every value unmasked (roles of {@code cordon.privacy.reveal-roles})
 * @param contactRevealed name and phone unmasked, the ID number still masked (grid workers and town staff
 *                        for people on their own list); true as well when {@code full}
 */
public record PersonSummary(long id, String name, IdType idType, String idNumber, String phone, String sex,
                            LocalDate birthDate, String residenceCode, boolean full, boolean contactRevealed) {
}
