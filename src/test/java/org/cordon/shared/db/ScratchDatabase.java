package org.cordon.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An embedded PostgreSQL of its own (in {@code target/embedded-pg-tests/<name>}, wiped first) for tests of migrations
 * on data of an earlier release: migrate to a version, write rows as that release did, migrate on. Not the shared test
 * database; close it when done.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer server;

    private ScratchDatabase(EmbeddedPostgresServer server) {
        this.server = server;
    }

    public static ScratchDatabase start(String name) throws Exception {
        Path parent = Path.of("target", "embedded-pg-tests", name).toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(parent);
        Files.createDirectories(parent);
        return new ScratchDatabase(EmbeddedPostgresServer.acquire(parent.resolve("pg"), EmbeddedPostgresServerTests.settings()));
    }

    /** Applies the schema migrations up to {@code target} (a version; null: all), as the schema owner. */
    public void migrate(String target) {
        var config = Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                .locations("classpath:db/migration");
        if (target != null) {
            config = config.target(target);
        }
        config.load().migrate();
    }

    /** Applies the schema migrations of the versions before {@code version} (the release that came before it). */
    public void migrateBefore(String version) {
        org.flywaydb.core.api.MigrationVersion limit = org.flywaydb.core.api.MigrationVersion.fromVersion(version);
        Flyway flyway = Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                .locations("classpath:db/migration").load();
        org.flywaydb.core.api.MigrationVersion last = null;
        for (var m : flyway.info().all()) {
            if (m.getVersion() != null && m.getVersion().compareTo(limit) < 0 && (last == null || m.getVersion().compareTo(last) > 0)) {
                last = m.getVersion();
            }
        }
        migrate(last.getVersion());
    }

    /** Connections as the application's role (not the owner), as the application writes. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(server.jdbcUrl(), server.appUser(), server.appPassword());
    }

    @Override
    public void close() {
        server.close();
    }
}
