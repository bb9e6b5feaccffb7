package org.cordon.registry;

/** Where a returnee stands. */
public enum ReturneeStatus {
    /** Self-reported, not yet confirmed by a grid worker. */
    UNVERIFIED,
    /** Registered; observation not (yet) started. */
    REGISTERED,
    UNDER_OBSERVATION,
    /** Referred to a fever clinic, suspected or confirmed. */
    REFERRED,
    RELEASED
}
