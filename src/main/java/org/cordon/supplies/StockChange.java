package org.cordon.supplies;

import java.math.BigDecimal;

/**
 * A purchase (quantity &gt; 0, reason optional: supplier, invoice) or an adjustment (quantity ≠ 0, signed; reason
 * required: breakage, expiry, recount …) of one item in one warehouse.
 */
public record StockChange(Long warehouseId, Long itemId, BigDecimal quantity, String reason) {
}
