package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;

/** An occupant must be escorted to a fever clinic. Personal data stays in the checkpoint module. */
public record FeverReferralRequired(long passageId, long occupantId, String checkpointCode, String townCode,
                                    BigDecimal temperature, String destinationAreaCode, Instant recordedAt) {
}
