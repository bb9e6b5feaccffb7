package org.cordon.command;

import java.util.List;

/**
 * A special working group (专项工作组).
 *
 * @param code    stable reference (e.g. {@code WG02}); directives address the group by it
 * @param sample  true for the shipped sample group until someone edits it
 * @param members the member accounts, by user name; never null
 */
public record WorkingGroup(long id, String code, String name, String duties, int sort, boolean sample,
                           List<GroupMember> members) {
}
