package org.cordon.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.cordon.shared.CordonSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL 17 (zonky binaries from Maven Central) in the data directory when
 * no external datasource is configured. The cluster persists across restarts. One server per
 * JVM and directory: several Spring contexts (as in tests) share it; zonky's shutdown hook stops it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatasource.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final Map<Path, EmbeddedPostgres> servers = new HashMap<>();

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(CordonSettings settings, EmbeddedPostgresSettings embedded) {
        EmbeddedPostgres pg = server(settings.dataDir().resolve(embedded.directory()), embedded);
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("cordon-embedded");
        ds.setMaximumPoolSize(10);
        return ds;
    }

    static synchronized EmbeddedPostgres server(Path directory, EmbeddedPostgresSettings embedded) {
        Path dir = directory.toAbsolutePath().normalize();
        return servers.computeIfAbsent(dir, d -> {
            try {
                Files.createDirectories(d);
                long start = System.nanoTime();
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(d)
                        .setCleanDataDirectory(embedded.clean())
                        .setPort(embedded.port())
                        .setLocaleConfig("locale", "C")
                        .setLocaleConfig("encoding", "UTF8")
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("timezone", "UTC")
                        .start();
                log.info("Embedded PostgreSQL started in {} ms, data directory {}, port {}",
                        (System.nanoTime() - start) / 1_000_000, d, pg.getPort());
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + d, e);
            }
        });
    }

    static class NoExternalDatasource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
