package org.cordon.observation;

import java.time.LocalDate;

/**
 * A close contact of a suspected or confirmed person.
 *
 * @param areaCode where the contact is observed (area-tree code inside the caller's area)
 * @param kind     HOME (default) or CENTRALISED (then {@code siteId} is required)
 */
public record CloseContactRequest(long casePersonId, String name, String idType, String idNumber, String phone,
                                  LocalDate exposureDate, String areaCode, String address, String kind, Long siteId) {
}
