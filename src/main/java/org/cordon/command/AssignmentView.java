package org.cordon.command;

import java.time.Instant;

/**
 * One addressee's part of a directive.
 *
 * @param assigneeName the group's current name, the town's name or the branch name
 * @param progress     0–100, the last reported percentage (100 when done)
 * @param lastReport   the text of the last progress report, or null
 * @param overdue      not done, directive not cancelled and the deadline has passed
 * @param mine         the caller belongs to this addressee and may accept, report and complete
 */
public record AssignmentView(long id, long directiveId, AssigneeType assigneeType, String assigneeRef, String assigneeName,
                             AssignmentStatus status, int progress, String lastReport, Instant acceptedAt, String acceptedBy,
                             Instant reportedAt, Instant doneAt, String doneBy, boolean overdue, boolean mine) {

    /** True while the addressee still has work to do. */
    public boolean open() {
        return status != AssignmentStatus.DONE;
    }
}
