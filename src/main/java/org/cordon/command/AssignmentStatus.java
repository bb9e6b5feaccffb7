package org.cordon.command;

import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * Where an addressee stands with a directive: ASSIGNED → ACCEPTED → DONE (the commander may reopen DONE). The status
 * owns its transitions: each method answers the next status or the problem that forbids the step, so that no service
 * decides them on its own.
 */
enum AssignmentStatus {
    /** Issued, not yet accepted. */
    ASSIGNED,
    /** Accepted; progress reports follow. */
    ACCEPTED,
    /** Marked done by the addressee. */
    DONE;

    /** The addressee accepts: ASSIGNED → ACCEPTED; anything else is refused. */
    AssignmentStatus accept() {
        if (this != ASSIGNED) {
            throw new ValidationFailedException("status", "directive.validation.alreadyAccepted");
        }
        return ACCEPTED;
    }

    /** Progress may be reported and the part completed only once accepted and before done; adds the refusal, if any. */
    void requireWorkable(List<FieldProblem> problems) {
        if (this == ASSIGNED) {
            problems.add(new FieldProblem("status", "directive.validation.notAccepted"));
        } else if (this == DONE) {
            problems.add(new FieldProblem("status", "directive.validation.alreadyDone"));
        }
    }

    /** The commander reopens a done part of a directive that is not cancelled: DONE → ACCEPTED; adds the refusal, if any. */
    void requireReopenable(boolean directiveCancelled, List<FieldProblem> problems) {
        if (directiveCancelled) {
            problems.add(new FieldProblem("status", "directive.validation.cancelled"));
        } else if (this != DONE) {
            problems.add(new FieldProblem("status", "directive.validation.notDone"));
        }
    }
}
