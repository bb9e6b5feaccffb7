package org.cordon.observation;

/** Outcome of a fever-clinic referral. */
public enum ReferralOutcome {
    /** Excluded: observation continues. */
    EXCLUDED,
    /** Suspected case: isolation. */
    SUSPECTED,
    /** Confirmed case. */
    CONFIRMED
}
