package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fundraising campaign to create: name, organiser, target amount (yuan), period (end optional). */
public record CampaignRequest(String name, String organiser, BigDecimal target, LocalDate startsOn, LocalDate endsOn) {
}
