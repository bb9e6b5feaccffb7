package org.cordon.supplies;

/**
 * Status of a supply request: REQUESTED → APPROVED (or REJECTED) → PARTIALLY_DISPATCHED / DISPATCHED → RECEIVED
 * (every dispatch confirmed and everything approved dispatched).
 */
public enum RequestStatus { REQUESTED, APPROVED, PARTIALLY_DISPATCHED, DISPATCHED, RECEIVED, REJECTED }
