package org.cordon.shared.db;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as an operator meets it: durable settings, passwords, an unprivileged
 * application role, restarts after a crashed JVM (its postmaster left running, or a stale pid
 * file), a postmaster that dies while the platform runs, and a data directory of an earlier
 * version.
 */
@Execution(ExecutionMode.CONCURRENT) // own servers: runs beside the context-sharing tests
class EmbeddedPostgresServerTests {

    static EmbeddedPostgresSettings settings() {
        return new EmbeddedPostgresSettings(0, false, "pg", 20, Duration.ofSeconds(60), Duration.ofMillis(200));
    }

    private static Path freshDirectory(String name) throws Exception {
        Path parent = Path.of("target", "embedded-pg-tests", name).toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(parent);
        Files.createDirectories(parent);
        return parent.resolve("pg");
    }

    private static Connection app(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.appUser(), server.appPassword());
    }

    private static Connection owner(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword());
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void runsDurablyWithPasswordsAndAnUnprivilegedApplicationRole() throws Exception {
        Path dir = freshDirectory("durable");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
        try {
            try (Connection c = app(server)) {
                assertThat(one(c, "show fsync")).isEqualTo("on");
                assertThat(one(c, "show synchronous_commit")).isEqualTo("on");
                assertThat(one(c, "show full_page_writes")).isEqualTo("on");
                assertThat(one(c, "select current_user")).isEqualTo("cordon_app");
                assertThat(one(c, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
                assertThat(one(c, "select current_database()")).isEqualTo("cordon");
            }
            // the owner creates tables, the application role may use their rows but not change the schema
            try (Connection c = owner(server); Statement s = c.createStatement()) {
                assertThat(one(c, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
                s.execute("create table probe(id bigserial primary key, note text)");
            }
            try (Connection c = app(server); Statement s = c.createStatement()) {
                s.execute("insert into probe(note) values ('written by the application role')");
                assertThat(one(c, "select count(*) from probe")).isEqualTo("1");
                assertThatThrownBy(() -> s.execute("create table intruder(id int)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("drop table probe")).isInstanceOf(SQLException.class);
            }
            // no login without the password, none with a wrong one
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), noPassword).close()).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "cordon_app", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            String hba = Files.readString(dir.resolve("pg_hba.conf"));
            assertThat(hba.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList())
                    .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("scram-sha-256").doesNotContain("trust"));
            // the password file: readable by the owner only, names every role
            Path passwords = dir.resolveSibling("pg-passwords.properties");
            assertThat(Files.getPosixFilePermissions(passwords))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(passwords)) {
                p.load(in);
            }
            assertThat(p.getProperty("cordon_app")).isEqualTo(server.appPassword());
            assertThat(p.getProperty("postgres")).isNotBlank();
            assertThat(p.getProperty("cordon")).isEqualTo(server.ownerPassword());
            // the server's own log is a file in the data directory
            assertThat(server.logFile()).startsWith(dir).exists();
            assertThat(Files.readString(server.logFile())).contains("database system is ready to accept connections");
        } finally {
            server.release();
        }
        // a second start on the same directory keeps the passwords and the data
        EmbeddedPostgresServer again = EmbeddedPostgresServer.acquire(dir, settings());
        try (Connection c = app(again)) {
            assertThat(one(c, "select note from probe")).isEqualTo("written by the application role");
        } finally {
            again.release();
        }
    }

    @Test
    void restartsAfterTheJvmWasKilledAndItsPostmasterLeftRunning() throws Exception {
        Path dir = freshDirectory("killed-jvm");
        for (int round = 1; round <= 2; round++) {
            Process child = startChild(dir, "round " + round);
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 of the JVM
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("postmaster outlives the JVM").contains(true);

            long begin = System.nanoTime();
            EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
            try (Connection c = owner(server)) {
                assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(one(c, "select count(*) from crash_probe")).isEqualTo(Integer.toString(round));
            } finally {
                server.release();
            }
        }
    }

    @Test
    void startsWhenThePidFileNamesAnotherLiveProgramAndRefusesASecondJvm() throws Exception {
        Path dir = freshDirectory("stale-pid");
        Process child = startChild(dir, "before the crash");
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        // while that JVM lives, this one must not take over (nor stop) its server
        assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(dir, settings()))
                .hasMessageContaining("Another Cordon process is using the embedded database");
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

        // machine crash: everything killed; then the pid is reused by an unrelated program
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle p : ProcessHandle.of(postmaster).stream().flatMap(h -> java.util.stream.Stream.concat(h.children(), java.util.stream.Stream.of(h))).toList()) {
            p.destroyForcibly();
        }
        ProcessHandle.of(postmaster).ifPresent(h -> h.onExit().join());
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        List<String> pidFile = new ArrayList<>(Files.readAllLines(dir.resolve("postmaster.pid")));
        pidFile.set(0, Long.toString(unrelated.pid()));
        Files.write(dir.resolve("postmaster.pid"), pidFile);
        try {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
            try (Connection c = owner(server)) {
                assertThat(one(c, "select note from crash_probe")).isEqualTo("before the crash");
                assertThat(unrelated.isAlive()).as("an unrelated program is never stopped").isTrue();
            } finally {
                server.release();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void restartsAPostmasterThatDiedWhileRunning() throws Exception {
        Path dir = freshDirectory("dead-postmaster");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
        try {
            try (Connection c = owner(server); Statement s = c.createStatement()) {
                s.execute("create table probe(id bigserial primary key, note text)");
                s.execute("insert into probe(note) values ('committed before the crash')");
            }
            long pid = server.pid();
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> backends = postmaster.children().toList();
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().join();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String note = null;
            while (note == null && System.nanoTime() < deadline) {
                try (Connection c = app(server)) {
                    note = one(c, "select note from probe");
                } catch (SQLException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(note).isEqualTo("committed before the crash");
            assertThat(server.pid()).isNotEqualTo(pid);
            assertThat(server.restarts()).isEqualTo(1);
        } finally {
            server.release();
        }
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).as("stopped at release").isFalse();
    }

    @Test
    void aServerThatCannotStartReportsWhyFromItsLog() throws Exception {
        Path dir = freshDirectory("port-taken");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EmbeddedPostgresSettings onTakenPort = new EmbeddedPostgresSettings(taken.getLocalPort(), false, "pg", 20,
                    Duration.ofSeconds(30), Duration.ofMillis(200));
            assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(dir, onTakenPort))
                    .hasMessageContaining("exited during start-up")
                    .hasMessageContaining("Last lines of")
                    .hasMessageContaining("could not bind");
        }
        // the directory is usable again right away
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
        try (Connection c = app(server)) {
            assertThat(one(c, "show fsync")).isEqualTo("on");
        } finally {
            server.release();
        }
    }

    @Test
    void convertsAClusterOfAnEarlierVersionWithTrustAuthentication() throws Exception {
        Path dir = freshDirectory("legacy");
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setLocaleConfig("locale", "C").setLocaleConfig("encoding", "UTF8").start();
             Connection c = legacy.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table passage_of_old(id bigserial primary key, plate text)");
            s.execute("insert into passage_of_old(plate) values ('陕K12345')");
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings());
        try {
            try (Connection c = app(server)) {
                assertThat(one(c, "select current_database()")).isEqualTo("postgres");
                assertThat(one(c, "select plate from passage_of_old")).isEqualTo("陕K12345");
                assertThat(one(c, "show fsync")).isEqualTo("on");
            }
            Properties trust = new Properties();
            trust.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), trust).close()).isInstanceOf(SQLException.class);
        } finally {
            server.release();
        }
    }

    /** A JVM that starts the server on {@code dir}, commits a row and waits to be killed. */
    private static Process startChild(Path dir, String note) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName(), dir.toString(), note)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the child was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return child;
            }
        }
        throw new AssertionError("child JVM ended without starting the server:\n" + seen);
    }
}
