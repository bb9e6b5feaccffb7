package org.cordon.supplies;

/** A stock movement was recorded (one event per movement). Carries ids only. */
record StockMoved(long movementId, long itemId, long warehouseId, MovementKind kind) {
}
