package org.cordon.supplies;

/** The receiving post confirmed receipt of a dispatch. Carries ids only. */
record ReceiptConfirmed(long dispatchId, long requestId) {
}
