package org.cordon.supplies;

/** A donation was recorded (goods have entered stock). Carries ids only. */
public record DonationReceived(long donationId) {
}
