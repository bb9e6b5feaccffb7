package org.cordon.supplies;

import java.time.Instant;
import java.util.List;

/** One dispatch of a request from one warehouse; {@code receivedAt} null until the post confirms receipt. */
record DispatchView(long id, long requestId, long warehouseId, String warehouseName, Instant dispatchedAt,
                           String dispatchedBy, Instant receivedAt, String receivedBy, List<ItemQuantity> lines) {

    public boolean received() {
        return receivedAt != null;
    }
}
