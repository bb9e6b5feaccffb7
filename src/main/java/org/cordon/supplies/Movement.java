package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.Instant;

/** One recorded stock movement (signed quantity: negative for dispatches and downward adjustments). */
public record Movement(long id, Instant movedAt, MovementKind kind, long itemId, String itemName, String unit, long warehouseId,
                       String warehouseName, BigDecimal quantity, String reason, Long donationId, Long dispatchId, String movedBy) {
}
