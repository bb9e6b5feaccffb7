package org.cordon.supplies;

import java.math.BigDecimal;

/** A key item's city-wide balance and what was dispatched of it since a time, for the dashboard's days of cover. */
public record KeyItemStock(String code, String name, String unit, BigDecimal lowStock, BigDecimal balance, BigDecimal dispatchedSince) {
}
