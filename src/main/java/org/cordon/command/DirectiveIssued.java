package org.cordon.command;

import java.util.List;

/** The commander issued a directive to one or more addressees. */
record DirectiveIssued(long directiveId, List<Long> assignmentIds) {

    public DirectiveIssued {
        assignmentIds = List.copyOf(assignmentIds);
    }
}
