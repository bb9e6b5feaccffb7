package org.cordon.shared.db;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
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
@Execution(ExecutionMode.CONCURRENT) // own servers: runs beside the context-sharing tests
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
                assertThat(one(c, SAMPLE_ROWS)).as("the Shenmu samples, once").isEqualTo(193);   // 192 + the isolation site of issue 13
                assertThat(one(c, "select count(*) from checkpoint")).isEqualTo(14);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anUpgradedDatabaseKeepsTheSampleRowsLiveDataRefersTo() throws Exception {
        Path parent = Path.of("target", "embedded-pg-tests", "sample-data-upgrade").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(parent);
        Files.createDirectories(parent);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(parent.resolve("pg"), EmbeddedPostgresServerTests.settings());
        try {
            // a database of the previous release, in use: a member of WG01, a directive to WG02 and to village
            // 610881106201, an officer posted to KK02
            Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                    .locations("classpath:db/migration").target("15").load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword());
                 Statement s = c.createStatement()) {
                s.execute("insert into account(username, password_hash, display_name, role, area_code) values"
                        + " ('wg-live', 'x', '组员', 'WORKING_GROUP', '610881'), ('officer-live', 'x', '执勤员', 'OFFICER', null)");
                s.execute("insert into working_group_member(group_id, account_id, added_by)"
                        + " select g.id, a.id, 'admin' from working_group g, account a where g.code = 'WG01' and a.username = 'wg-live'");
                s.execute("insert into account_checkpoint(account_id, checkpoint_code) select id, 'KK02' from account where username = 'officer-live'");
                s.execute("insert into directive(title, content, priority, deadline, issued_by, issued_name)"
                        + " values ('t', 'c', 'NORMAL', now(), 'commander', '指挥部')");
                s.execute("insert into directive_assignment(directive_id, assignee_type, assignee_ref, assignee_name)"
                        + " select id, 'GROUP', 'WG02', '疫情防控组' from directive union all"
                        + " select id, 'AREA', '610881106201', '中鸡一村' from directive");
            }
            Flyway.configure().dataSource(server.jdbcUrl(), server.owner(), server.ownerPassword())
                    .locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword())) {
                assertThat(one(c, "select count(*) from working_group where code in ('WG01', 'WG02')")).as("groups in use").isEqualTo(2);
                assertThat(one(c, "select count(*) from working_group_member")).as("memberships kept").isEqualTo(1);
                assertThat(one(c, "select count(*) from checkpoint where code = 'KK02'")).as("checkpoint an officer is posted to").isEqualTo(1);
                assertThat(one(c, "select count(*) from area where code = '610881106201'")).as("village a directive is addressed to").isEqualTo(1);
                assertThat(one(c, "select count(*) from working_group where code = 'WG03'")).as("unused sample group removed").isZero();
                assertThat(one(c, "select count(*) from checkpoint where code = 'KK03'")).as("unused sample checkpoint removed").isZero();
            }
        } finally {
            server.close();
        }
    }
}
