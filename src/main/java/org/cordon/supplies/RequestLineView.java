package org.cordon.supplies;

import java.math.BigDecimal;

/** One line of a request: requested, approved (null before approval) and dispatched so far. */
record RequestLineView(long itemId, String itemName, String unit, BigDecimal requested, BigDecimal approved,
                              BigDecimal dispatched) {

    /** Approved but not yet dispatched. */
    public BigDecimal remaining() {
        return approved == null ? BigDecimal.ZERO : approved.subtract(dispatched);
    }
}
