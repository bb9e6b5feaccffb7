package org.cordon.observation;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A case's fellow traveller made a close contact: the person's data come from the checkpoint's registration, the
 * exposure is the day of the shared passage.
 *
 * @param areaCode the contact's place of residence (area-tree code inside the caller's area), required
 * @param kind     HOME (default) or CENTRALISED (then {@code siteId}, an observation site, is required)
 */
public record TravellerContactRequest(String areaCode, @Schema(allowableValues = {"HOME", "CENTRALISED"}) String kind, Long siteId) {
}
