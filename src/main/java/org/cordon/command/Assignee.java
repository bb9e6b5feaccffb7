package org.cordon.command;

/**
 * An addressee named in a new directive.
 *
 * @param type the kind of addressee (required)
 * @param ref  the group's code, the town's area code, or a free reference for a Party branch
 * @param name only for {@link AssigneeType#BRANCH}: the branch's name (defaults to {@code ref});
 *             ignored otherwise (the group's or town's own name is used)
 */
public record Assignee(AssigneeType type, String ref, String name) {

    /** A working group by code. */
    public static Assignee group(String code) {
        return new Assignee(AssigneeType.GROUP, code, null);
    }

    /** A town or street office by area code. */
    public static Assignee area(String code) {
        return new Assignee(AssigneeType.AREA, code, null);
    }

    /** A Party branch by a free reference and its name. */
    public static Assignee branch(String ref, String name) {
        return new Assignee(AssigneeType.BRANCH, ref, name);
    }
}
