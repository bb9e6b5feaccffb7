package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An occupant must be escorted to a fever clinic. Personal data stays in the checkpoint module.
 *
 * @param riskArrival   the occupant enters from a risk area (origin, stay) or had contact with a case: whatever the
 *                      clinic finds, observation awaits them ({@link ScreeningRules#riskArrival})
 * @param originAreaCode the passage's origin (division code); null when not recorded
 */
public record FeverReferralRequired(long passageId, long occupantId, String checkpointCode, String townCode,
                                    BigDecimal temperature, String destinationAreaCode, Instant recordedAt,
                                    boolean riskArrival, String originAreaCode) {
}
