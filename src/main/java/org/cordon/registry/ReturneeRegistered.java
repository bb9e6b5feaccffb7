package org.cordon.registry;

import java.time.LocalDate;

/**
 * A returnee was registered (from a checkpoint, door to door, an imported roster or a confirmed
 * self-report). Carries ids only.
 */
public record ReturneeRegistered(long returneeId, long personId, String destinationCode, LocalDate arrivedOn,
                                 ReturneeSource source, String responsibleUsername) {
}
