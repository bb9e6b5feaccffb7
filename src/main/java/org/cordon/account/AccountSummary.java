package org.cordon.account;

import java.util.Set;

/** An account as listed for administrators (no password hash). */
public record AccountSummary(long id, String username, String displayName, Role role, String areaCode,
                             String areaName, Set<String> checkpointCodes, boolean enabled) {
}
