package org.cordon.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Sample data is not schema: migrating with the schema location only (a production start) leaves the real reference
 * data and no sample row; adding the demo location (demo and test profiles) brings the Shenmu samples, idempotently.
 */
class SampleDataMigrationTests {

    static final String SAMPLE_ROWS = """
            select (select count(*) from area where sample) + (select count(*) from checkpoint where sample)
                 + (select count(*) from venue where sample) + (select count(*) from working_group where sample)
                 + (select count(*) from leadership_member where sample) + (select count(*) from party_branch where sample)
                 + (select count(*) from warehouse where sample) + (select count(*) from transport_service where sample)
                 + (select count(*) from quarantine_site where name like '%〔示例〕%') + (select count(*) from hotline where name like '%〔示例〕%')""";

    private static long one(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aProductionStartHasNoSampleRowsAndTheDemoLocationAddsThemOnce() throws Exception {
        Path parent = Path.of("target", "embedded-pg-tests", "sample-data").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(parent);
        Files.createDirectories(parent);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(parent.resolve("pg"), EmbeddedPostgresServerTests.settings());
        try {
            Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                    .locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword())) {
                assertThat(one(c, SAMPLE_ROWS)).as("sample rows in a production database").isZero();
                assertThat(one(c, "select count(*) from area where kind in ('TOWN', 'STREET')")).as("the city's towns and streets").isGreaterThanOrEqualTo(20);
                assertThat(one(c, "select count(*) from area where kind not in ('CITY', 'TOWN', 'STREET')")).as("an empty grid").isZero();
                assertThat(one(c, "select count(*) from checkpoint where code = 'KK01'")).as("the 338 road checkpoint").isEqualTo(1);
                assertThat(one(c, "select count(*) from division")).isGreaterThan(3000);
            }
            for (int run = 0; run < 2; run++) {
                Flyway demo = Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                        .locations("classpath:db/migration", "classpath:db/demo").load();
                demo.migrate();
                if (run == 0) {
                    // re-applying the repeatable migration (as after an edit) adds nothing twice
                    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword());
                         Statement s = c.createStatement()) {
                        s.execute("update flyway_schema_history set checksum = 0 where version is null");
                    }
                }
            }
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword())) {
                assertThat(one(c, SAMPLE_ROWS)).as("the Shenmu samples, once").isEqualTo(192);
                assertThat(one(c, "select count(*) from checkpoint")).isEqualTo(14);
            }
        } finally {
            server.close();
        }
    }
}
