package org.cordon.observation;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A fever clinic's outcome of a referral.
 *
 * @param outcome EXCLUDED (observation continues), SUSPECTED (isolation) or CONFIRMED (a case)
 * @param kind    EXCLUDED only, when observation starts with it (a risk arrival referred at a checkpoint): HOME
 *                (default) or CENTRALISED
 * @param siteId  SUSPECTED: the isolation site (required); EXCLUDED with CENTRALISED: the observation site
 */
public record ReferralOutcomeRequest(@Schema(allowableValues = {"EXCLUDED", "SUSPECTED", "CONFIRMED"}) String outcome,
                                     String clinic, String note,
                                     @Schema(allowableValues = {"HOME", "CENTRALISED"}) String kind, Long siteId) {

    /** Just the outcome. */
    public static ReferralOutcomeRequest of(String outcome) {
        return new ReferralOutcomeRequest(outcome, null, null, null, null);
    }
}
