package org.cordon.command;

/** Where an addressee stands with a directive: ASSIGNED → ACCEPTED → DONE (the commander may reopen DONE). */
public enum AssignmentStatus {
    /** Issued, not yet accepted. */
    ASSIGNED,
    /** Accepted; progress reports follow. */
    ACCEPTED,
    /** Marked done by the addressee. */
    DONE
}
