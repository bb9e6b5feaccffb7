package org.cordon.supplies;

import java.util.List;

/** A dispatch for a request: the warehouse and the quantities per item (at most what is approved and not yet sent). */
public record DispatchInput(Long warehouseId, List<QuantityLine> lines) {
}
