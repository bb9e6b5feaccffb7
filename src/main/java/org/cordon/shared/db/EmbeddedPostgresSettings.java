package org.cordon.shared.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Embedded PostgreSQL ({@code cordon.embedded-db.*}); used only when no
 * {@code spring.datasource.url} is configured.
 *
 * @param port  TCP port on 127.0.0.1; 0 picks a free port
 * @param clean wipe the data directory at start (tests only)
 * @param directory sub-directory of the data directory holding the cluster
 */
@ConfigurationProperties("cordon.embedded-db")
public record EmbeddedPostgresSettings(@DefaultValue("0") int port,
                                       @DefaultValue("false") boolean clean,
                                       @DefaultValue("pg") String directory) {
}
