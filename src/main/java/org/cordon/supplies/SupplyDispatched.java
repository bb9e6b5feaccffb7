package org.cordon.supplies;

/** Items were dispatched for a request. Carries ids only. */
public record SupplyDispatched(long dispatchId, long requestId) {
}
