package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Donations received on one day (city-wide), with the money donated, for the dashboard. */
public record DonationTally(LocalDate day, long donations, BigDecimal amount) {
}
