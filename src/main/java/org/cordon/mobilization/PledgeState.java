package org.cordon.mobilization;

import org.cordon.shared.FieldChecks;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * A pledge's lifecycle: signed (OPEN), then the member ASSIGNED to a post; an assigned pledge can be re-assigned.
 * The time of the assignment is the store's.
 *
 * @param post       the post assigned, null while open
 * @param assignedBy who assigned it, null while open
 */
record PledgeState(long id, long memberId, PledgeStatus status, String post, String assignedBy) {

    static final int MAX_POST = 100;

    static PledgeState of(Pledge pledge) {
        return new PledgeState(pledge.id(), pledge.memberId(), pledge.status(), pledge.assignedPost(), pledge.assignedBy());
    }

    /**
     * Assigns the member to a post (e.g. 后鸡检查点执勤), from OPEN or ASSIGNED.
     *
     * @throws ValidationFailedException the post is blank or too long
     */
    PledgeState assign(String requestedPost, String by) {
        List<FieldProblem> problems = new ArrayList<>();
        String value = FieldChecks.text(requestedPost, "post", MAX_POST, true, problems);
        FieldChecks.failIfAny(problems);
        return new PledgeState(id, memberId, PledgeStatus.ASSIGNED, value, by);
    }
}
