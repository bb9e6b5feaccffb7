package org.cordon.shared.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional streaming replica ({@code cordon.datasource.replica.*}; README "Production deployment"). Without a
 * URL every query goes to the primary, as on a single node.
 *
 * @param url      JDBC URL of the replica, e.g. {@code jdbc:postgresql://db2:5432/cordon}; empty: no replica
 * @param username its user (a read-only role will do); empty: the primary's
 * @param password its password; empty: the primary's
 */
@ConfigurationProperties("cordon.datasource.replica")
public record ReplicaSettings(String url, String username, String password) {

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
