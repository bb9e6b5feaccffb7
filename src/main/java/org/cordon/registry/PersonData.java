package org.cordon.registry;

import org.cordon.shared.IdNumber;
import org.cordon.shared.PhoneNumber;

/**
 * A person's identifying data, already validated.
 *
 * @param nationality ISO 3166 alpha-3 for passports ("" when unknown, always "" for resident IDs)
 * @param phone       null when unknown
 * @param residenceCode area-tree code of the residence, null when unknown
 */
public record PersonData(IdNumber idNumber, String nationality, String name, PhoneNumber phone, String residenceCode,
                         String address) {
}
