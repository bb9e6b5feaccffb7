package org.cordon.command;

import java.time.Instant;

import org.cordon.account.Role;

/** A staff account that belongs to a working group; its people act on the group's directives. */
record GroupMember(long accountId, String username, String displayName, Role role, boolean enabled,
                          String addedBy, Instant addedAt) {
}
