package org.cordon.checkpoint;

import java.time.Instant;
import java.time.LocalDate;

/** A passage was registered at a checkpoint (published once per passage, never on a retry). */
public record PassageRegistered(long passageId, String checkpointCode, String townCode, Direction direction,
                                Instant recordedAt, LocalDate recordedOn, int occupants, boolean vehicle,
                                boolean disinfected, String destinationAreaCode) {
}
