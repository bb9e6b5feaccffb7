package org.cordon.supplies;

import java.math.BigDecimal;

/** The balance of one item in one warehouse (derived from the movements; never negative). */
public record StockBalance(long itemId, String itemCode, String itemName, String unit, long warehouseId, String warehouseCode,
                           String warehouseName, BigDecimal quantity) {
}
