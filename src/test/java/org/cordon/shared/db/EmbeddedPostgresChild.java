package org.cordon.shared.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

/**
 * A JVM of its own that starts the embedded server on a directory, writes one committed row and
 * then waits to be killed: the test kills it with {@code kill -9} as a crash would, leaving the
 * postmaster running. Prints {@code READY <port>} once the row is committed.
 */
public final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(Path.of(args[0]), EmbeddedPostgresServerTests.settings());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.owner(), server.ownerPassword());
             Statement s = c.createStatement()) {
            s.execute("create table if not exists crash_probe(id bigserial primary key, note text not null)");
            s.execute("insert into crash_probe(note) values ('" + args[1] + "')");
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
