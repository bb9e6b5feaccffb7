package org.cordon.observation;

import java.util.Locale;

import org.cordon.shared.ValidationFailedException;

/**
 * A referral to a fever clinic and the rule of its life: open (no outcome) → EXCLUDED, SUSPECTED or CONFIRMED, once.
 * What the outcome means for the episode is {@link Episode#afterOutcome}'s.
 *
 * @param outcome null while the referral is open
 */
record Referral(long id, ReferralOutcome outcome) {

    boolean open() {
        return outcome == null;
    }

    /**
     * Records the clinic's outcome ({@code EXCLUDED}, {@code SUSPECTED} or {@code CONFIRMED}, any case): an unknown one
     * is refused ({@code validation.enum}), and so is a referral that has its outcome already
     * ({@code validation.referral.closed}). Answers the closed referral.
     */
    Referral close(String given) {
        ReferralOutcome result;
        try {
            result = ReferralOutcome.valueOf(given == null ? "" : given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException("outcome", "validation.enum", String.valueOf(given), "EXCLUDED, SUSPECTED, CONFIRMED");
        }
        if (!open()) {
            throw new ValidationFailedException("outcome", "validation.referral.closed");
        }
        return new Referral(id, result);
    }
}
