package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;

import org.cordon.shared.IdType;

/**
 * Full personal data of one screened occupant, for modules that take over the person (the
 * returnee registry). Callers must apply their own jurisdiction and audit rules.
 */
public record OccupantDetails(long occupantId, long passageId, String name, IdType idType, String idNumber, String phone,
                              BigDecimal temperature, Disposition disposition, String originAreaCode,
                              String destinationAreaCode, String plateNumber, Instant recordedAt, String checkpointCode) {
}
