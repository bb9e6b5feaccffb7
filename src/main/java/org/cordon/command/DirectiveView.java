package org.cordon.command;

import java.time.Instant;
import java.util.List;

/**
 * A directive as the caller may see it: the commander and administrators see every addressee,
 * everyone else only their own addressees' assignments and the history entries about them.
 *
 * @param overdue     not cancelled and a visible assignment is not done after the deadline
 * @param open        not cancelled and a visible assignment is not done
 * @param assignments visible assignments, in the order issued
 * @param history     oldest first; null in lists (only the detail carries it)
 */
public record DirectiveView(long id, String title, String content, DirectivePriority priority, Instant deadline,
                            String issuedBy, String issuedByName, Instant issuedAt, boolean cancelled, boolean overdue,
                            boolean open, List<AssignmentView> assignments, List<DirectiveEvent> history) {

    /** Number of visible assignments marked done. */
    public long doneCount() {
        return assignments.stream().filter(a -> a.status() == AssignmentStatus.DONE).count();
    }
}
