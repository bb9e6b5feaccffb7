package org.cordon.checkpoint;

import java.time.Instant;

/**
 * An occupant entering the city comes from a risk area (or had case contact) and must be put
 * under observation in the destination area. Personal data of the person is read with
 * {@link CheckpointManagement#occupantDetails(long)}. Published within {@link RiskArrivalsDetected}, once per passage;
 * publications of this type stored before that (issue 17) are still delivered to their listeners.
 */
public record RiskArrivalDetected(long passageId, long occupantId, String checkpointCode, String townCode,
                                  String originAreaCode, String destinationAreaCode, Instant recordedAt) {
}
