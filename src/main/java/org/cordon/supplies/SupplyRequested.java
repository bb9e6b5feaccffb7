package org.cordon.supplies;

/** A post requested supplies. Carries ids only. */
record SupplyRequested(long requestId) {
}
