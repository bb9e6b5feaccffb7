package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A donation to record. MONEY needs {@code amount}; GOODS needs {@code warehouseId} and {@code lines}.
 * {@code donorName} is required for PERSON and ORGANISATION; {@code showName} (persons) = agreed to be named on the
 * public ledger. A blank {@code receiptNumber} gets the next number ({@code JZ2020-000001}); {@code receivedOn}
 * defaults to today (city time).
 */
public record DonationRequest(DonationKind kind, DonorType donorType, String donorName, Boolean showName, BigDecimal amount,
                              DonationChannel channel, String designatedUse, String recipient, String receiptNumber,
                              LocalDate receivedOn, Long campaignId, Long warehouseId, List<QuantityLine> lines) {
}
