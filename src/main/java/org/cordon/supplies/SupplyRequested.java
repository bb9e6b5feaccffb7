package org.cordon.supplies;

/** A post requested supplies. Carries ids only. */
public record SupplyRequested(long requestId) {
}
