package org.cordon.observation;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A close contact of a suspected or confirmed person.
 *
 * @param exposureDate the last exposure: not in the future, and less than the observation period ago
 * @param areaCode     the contact's place of residence, an area-tree code inside the caller's area (required): that
 *                     place's grid worker follows the contact up
 * @param kind         HOME (default) or CENTRALISED (then {@code siteId}, an observation site, is required)
 */
public record CloseContactRequest(long casePersonId, String name, String idType, String idNumber, String phone,
                                  LocalDate exposureDate, String areaCode, String address,
                                  @Schema(allowableValues = {"HOME", "CENTRALISED"}) String kind, Long siteId) {
}
