package org.cordon.supplies;

import java.time.Instant;
import java.util.List;

/**
 * One dispatch of a request from one warehouse; {@code receivedAt} null until the post confirms receipt.
 * {@code noteYear}/{@code noteNumber}: the dispatch note's number of its year (null for dispatches made before numbering).
 */
public record DispatchView(long id, long requestId, long warehouseId, String warehouseName, Instant dispatchedAt,
                           String dispatchedBy, Instant receivedAt, String receivedBy, List<ItemQuantity> lines, Integer noteYear,
                           Integer noteNumber) {

    public boolean received() {
        return receivedAt != null;
    }
}
