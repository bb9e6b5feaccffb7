package org.cordon.command;

/**
 * The supervision view (督查): one addressee's work over all directives that are not cancelled.
 *
 * @param open    assignments not done (overdue ones included)
 * @param overdue assignments not done whose deadline has passed
 * @param done    assignments done
 */
public record SupervisionRow(AssigneeType assigneeType, String assigneeRef, String assigneeName, long open, long overdue,
                             long done) {
}
