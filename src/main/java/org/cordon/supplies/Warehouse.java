package org.cordon.supplies;

/** A warehouse; {@code sample} marks sample data shipped with the product. */
public record Warehouse(long id, String code, String name, String areaCode, boolean sample) {
}
