package org.cordon.command;

/** Kind of addressee of a directive. */
public enum AssigneeType {
    /** A special working group; reference = the group's code. */
    GROUP,
    /** A town or street office; reference = its area-tree code. */
    AREA,
    /**
     * A Party branch; until the mobilisation module provides branches the reference is a free text
     * chosen by the commander and only the commander and administrators see these assignments.
     */
    BRANCH
}
