package org.cordon.supplies;

import java.math.BigDecimal;

/** A stored item quantity with the item's name and unit. */
record ItemQuantity(long itemId, String itemName, String unit, BigDecimal quantity) {
}
