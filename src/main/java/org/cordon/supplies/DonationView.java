package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A recorded donation, as staff see it (the donor's name even when not public). */
public record DonationView(long id, DonationKind kind, DonorType donorType, String donorName, boolean showName, BigDecimal amount,
                           DonationChannel channel, String designatedUse, String recipient, String receiptNumber,
                           LocalDate receivedOn, Long campaignId, String campaignName, Long warehouseId, String warehouseName,
                           List<ItemQuantity> lines, String recordedBy, Instant recordedAt) {
}
