package org.cordon.observation;

/** Where an isolation of a suspected case stands. */
public enum IsolationStatus {
    /** In isolation at the designated site. */
    ISOLATED,
    /** Suspicion excluded: released from isolation. */
    RELEASED,
    /** Confirmed: the person is a case. */
    CONFIRMED;

    public boolean open() {
        return this == ISOLATED;
    }
}
