package org.cordon.supplies;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One item's stock over all warehouses for the stock page.
 *
 * @param byWarehouse warehouse id → balance (warehouses without stock absent)
 * @param low         the total is below the item's low-stock mark
 */
record ItemStock(Item item, BigDecimal total, boolean low, Map<Long, BigDecimal> byWarehouse) {

    /** The balance in one warehouse, zero when none. */
    public BigDecimal in(long warehouseId) {
        return byWarehouse.getOrDefault(warehouseId, BigDecimal.ZERO);
    }
}
