package org.cordon.observation;

/** Where an observation episode stands. */
public enum EpisodeStatus {
    ACTIVE,
    /** An abnormal check: referred to a fever clinic, outcome pending. */
    REFERRED,
    /** Suspected case: isolated. */
    ISOLATED,
    /** Confirmed case. */
    CONFIRMED,
    RELEASED;

    public boolean open() {
        return this == ACTIVE || this == REFERRED;
    }
}
