package org.cordon.shared.db;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Embedded PostgreSQL ({@code cordon.embedded-db.*}); used only when no
 * {@code spring.datasource.url} is configured.
 *
 * @param port             TCP port on 127.0.0.1; 0 picks a free port at each start
 * @param clean            wipe the data directory at start (tests and benchmarks only)
 * @param directory        sub-directory of the data directory holding the cluster
 * @param maxConnections   the server's {@code max_connections}
 * @param startupTimeout   how long a start (including crash recovery) may take before it is reported as failed
 * @param watchdogInterval how often the platform checks that its database server still runs (and restarts it)
 */
@ConfigurationProperties("cordon.embedded-db")
public record EmbeddedPostgresSettings(@DefaultValue("0") int port,
                                       @DefaultValue("false") boolean clean,
                                       @DefaultValue("pg") String directory,
                                       @DefaultValue("100") int maxConnections,
                                       @DefaultValue("60s") Duration startupTimeout,
                                       @DefaultValue("1s") Duration watchdogInterval) {
}
