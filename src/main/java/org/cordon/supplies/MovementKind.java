package org.cordon.supplies;

/** Kind of a stock movement; in-movements are positive, dispatches negative, adjustments either way. */
enum MovementKind { DONATION_IN, PURCHASE_IN, DISPATCH_OUT, ADJUSTMENT }
