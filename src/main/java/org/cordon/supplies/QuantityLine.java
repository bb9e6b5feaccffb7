package org.cordon.supplies;

import java.math.BigDecimal;

/** An item and a quantity as entered (donation, request, approval or dispatch line); fields may be null (reported). */
public record QuantityLine(Long itemId, BigDecimal quantity) {
}
