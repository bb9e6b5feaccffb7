package org.cordon.supplies;

/** Items were dispatched for a request. Carries ids only. */
record SupplyDispatched(long dispatchId, long requestId) {
}
