package org.cordon.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A returnee record as shown (person masked unless the view is revealed). {@code confirmation} is the
 * confirmation number given to a self-reporting person (null for other sources).
 *
 * @param identityDiffers  this registration reported identity values that differ from the registered
 *                         person's and wait for confirmation
 * @param reportedIdentity those values (masked unless revealed); null when there are none
 */
public record ReturneeView(long id, PersonSummary person, String originCode, String originName, LocalDate leftRiskAreaOn,
                           LocalDate arrivedOn, TransportMode transportMode, String transportDetail, String companions,
                           String destinationCode, String destinationName, String destinationAddress,
                           ReturneeSource source, String responsibleUsername, ReturneeStatus status, Instant createdAt,
                           String createdBy, String confirmation, boolean identityDiffers,
                           ReportedIdentity reportedIdentity) {
}
