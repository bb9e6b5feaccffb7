package org.cordon.checkpoint;

/** What happens to an occupant after screening. */
public enum Disposition {
    /** Temperature at or above the threshold, or a fever symptom: escorted to a fever clinic. */
    FEVER_REFERRAL,
    /** Risk-area stay, origin in a risk area or contact with a case: 14 days of medical observation. */
    HOME_OBSERVATION,
    /** Turned back by the officer (劝返). */
    TURNED_BACK,
    /** Nothing found: released (放行). */
    RELEASED
}
