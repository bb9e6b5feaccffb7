package org.cordon.account;

import java.util.Set;

/**
 * A staff account to create. Exactly the jurisdiction the role needs: officers a set of
 * checkpoints, everyone else an area node.
 */
public record NewAccount(String username, String password, String displayName, Role role, String areaCode,
                         Set<String> checkpointCodes) {
}
