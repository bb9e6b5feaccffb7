package org.cordon.shared.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL cluster in a directory of its own, run the way a production server is
 * run:
 * <ul>
 * <li><b>durable</b>: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are on
 * (given on the server's command line, so no configuration file can turn them off);</li>
 * <li><b>secured</b>: TCP on 127.0.0.1 only, no Unix socket, password authentication
 * (scram-sha-256) for every role; the superuser's password is generated at {@code initdb}; the
 * database {@code cordon} belongs to the role {@code cordon} (Flyway migrates as it) and the
 * application connects as {@code cordon_app}, which is no superuser and may only read and write
 * rows. The passwords are in {@code <cluster>-passwords.properties} next to the cluster directory
 * (mode 0600);</li>
 * <li><b>restartable</b>: a server left running by a JVM that was killed is stopped first (only a
 * process whose working directory is this cluster directory, which PostgreSQL's postmaster always
 * has), a stale {@code postmaster.pid} naming some other program is removed, orphaned backends of
 * a killed postmaster are killed;</li>
 * <li><b>supervised</b>: a watchdog thread restarts a postmaster that died (on the same port, so the
 * connection pool reconnects by itself);</li>
 * <li><b>observable</b>: the server's own log goes to {@code <cluster>/log/postgresql.log}, and a
 * server that does not start reports the last lines of that log in the exception.</li>
 * </ul>
 * A cluster created by an earlier Cordon (zonky's defaults: {@code trust} authentication, the data
 * in the database {@code postgres}) is converted in place at its first start: passwords are set,
 * {@code pg_hba.conf} switches to scram-sha-256, and its database keeps its name and owner.
 *
 * <p>One instance per directory and JVM ({@link #acquire}/{@link #release} count the Spring
 * contexts using it); a file lock ({@code <cluster>.lock}) refuses a second JVM on the same
 * directory instead of letting it stop the first one's server.
 */
final class EmbeddedPostgresServer {

    static final String SUPERUSER = "postgres";
    static final String OWNER = "cordon";
    static final String APP = "cordon_app";
    static final String DATABASE = "cordon";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> servers = new HashMap<>();
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final Path dir;
    private final Path passwordFile;
    private final Path logFile;
    private final EmbeddedPostgresSettings settings;
    private final PostgresBinaries binaries;
    private FileChannel lockChannel;
    private FileLock lock;
    private Credentials credentials;
    private int port;
    private volatile Process process;
    private volatile boolean closed;
    private volatile boolean restartsHeld;
    private Thread watchdog;
    private int users;
    private int restarts;

    /** The roles' passwords and which database and owner the application uses. */
    record Credentials(String database, String owner, String superuserPassword, String ownerPassword, String appPassword) {

        String passwordOf(String role) {
            if (role.equals(SUPERUSER)) {
                return superuserPassword;
            }
            return role.equals(APP) ? appPassword : ownerPassword;
        }
    }

    private EmbeddedPostgresServer(Path dir, EmbeddedPostgresSettings settings) {
        this.dir = dir;
        this.settings = settings;
        this.passwordFile = dir.resolveSibling(dir.getFileName() + "-passwords.properties");
        this.logFile = dir.resolve("log").resolve("postgresql.log");
        this.binaries = PostgresBinaries.unpacked();
    }

    /** The running server of {@code directory} in this JVM, started if need be; call {@link #release} when done. */
    static synchronized EmbeddedPostgresServer acquire(Path directory, EmbeddedPostgresSettings settings) {
        Path dir = directory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = servers.get(dir);
        if (server == null || server.closed) {
            server = new EmbeddedPostgresServer(dir, settings);
            server.start();
            servers.put(dir, server);
            EmbeddedPostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeAtExit, "embedded-postgres-stop"));
        }
        synchronized (server) {
            server.users++;
        }
        return server;
    }

    /** One user (a Spring context) is done; the last one stops the server. */
    synchronized void release() {
        users--;
        if (users <= 0) {
            close();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + credentials.database() + "?ApplicationName=cordon&connectTimeout=3&loginTimeout=5";
    }

    String appUser() {
        return APP;
    }

    String appPassword() {
        return credentials.appPassword();
    }

    String owner() {
        return credentials.owner();
    }

    String ownerPassword() {
        return credentials.passwordOf(credentials.owner());
    }

    int port() {
        return port;
    }

    Path passwordFile() {
        return passwordFile;
    }

    Path logFile() {
        return logFile;
    }

    /** Process id of the running postmaster (for tests and diagnostics). */
    long pid() {
        return process.pid();
    }

    /**
     * Tests only: while held, the watchdog leaves a dead server dead, so that an outage can be
     * observed for as long as the test needs; releasing the hold lets it restart the server.
     */
    void holdRestarts(boolean hold) {
        restartsHeld = hold;
    }

    /** How many times the watchdog restarted a postmaster that had died. */
    synchronized int restarts() {
        return restarts;
    }

    // ---------------------------------------------------------------- start

    private void start() {
        long begin = System.nanoTime();
        try {
            Files.createDirectories(dir.getParent());
            lock();
            if (settings.clean()) {
                stopLeftoverServer();
                killOrphans();
                org.springframework.util.FileSystemUtils.deleteRecursively(dir);
                Files.deleteIfExists(passwordFile);
            }
            stopLeftoverServer();
            boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
            boolean legacy = false;
            if (fresh) {
                credentials = newCredentials(DATABASE, OWNER);
                initdb();
                writePasswordFile();
            } else if (Files.exists(passwordFile)) {
                credentials = readPasswordFile();
            } else {
                legacy = true;
            }
            port = settings.port() != 0 ? settings.port() : freePort();
            killOrphans();
            launch();
            waitUntilReady(legacy ? null : credentials.superuserPassword());
            if (legacy) {
                convertLegacyCluster();
            }
            prepareRolesAndDatabase();
            startWatchdog();
            log.info("Embedded PostgreSQL started in {} ms: data directory {}, port {}, database {}, application role {} "
                            + "(passwords in {}, server log {})", (System.nanoTime() - begin) / 1_000_000, dir, port,
                    credentials.database(), APP, passwordFile, logFile);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void lock() throws IOException {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IllegalStateException("Another Cordon process is using the embedded database in " + dir
                    + " (" + lockFile + " is locked). Stop it first, or give this one another cordon.data-dir.");
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dir);
        Path pwfile = Files.createTempFile(dir.getParent(), "initdb-", ".password",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, credentials.superuserPassword() + "\n");
            List<String> command = binaries.command("initdb", "-D", dir.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C");
            Files.createDirectories(logFile.getParent().getParent());
            Path initdbLog = dir.resolveSibling(dir.getFileName() + "-initdb.log");
            Process initdb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(initdbLog.toFile())).start();
            int code = waitFor(initdb, Duration.ofMinutes(2));
            if (code != 0) {
                throw new IllegalStateException("initdb of " + dir + " failed (exit code " + code + "):\n" + tail(initdbLog, 30));
            }
            Files.createDirectories(logFile.getParent());
            Files.move(initdbLog, logFile.getParent().resolve("initdb.log"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** Starts the postmaster (its output appended to the log file) on {@link #port}. */
    private void launch() throws IOException {
        Files.createDirectories(logFile.getParent());
        if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
            Files.move(logFile, logFile.resolveSibling("postgresql.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = binaries.command("postgres", "-D", dir.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "password_encryption=scram-sha-256",
                "-c", "timezone=UTC",
                "-c", "max_connections=" + settings.maxConnections(),
                "-c", "logging_collector=off",
                "-c", "log_line_prefix=%m [%p] %q%u@%d ");
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Waits until the server accepts connections; {@code superuserPassword} null: trust (legacy). */
    private void waitUntilReady(String superuserPassword) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Embedded PostgreSQL in " + dir + " exited during start-up (exit code "
                        + process.exitValue() + "). Last lines of " + logFile + ":\n" + tail(logFile, 25));
            }
            try (Connection c = connect("postgres", SUPERUSER, superuserPassword)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        stopProcess(Duration.ofSeconds(10));
        throw new IllegalStateException("Embedded PostgreSQL in " + dir + " did not accept connections within "
                + settings.startupTimeout().toSeconds() + " s (" + (last == null ? "" : last.getMessage())
                + "). Last lines of " + logFile + ":\n" + tail(logFile, 25));
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "2");
        // something else listening on the port never answers the start-up packet: don't wait for it
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "cordon-embedded-setup");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** Roles, database and privileges; idempotent, run at every start. */
    private void prepareRolesAndDatabase() {
        String owner = credentials.owner();
        String database = credentials.database();
        try (Connection c = connect("postgres", SUPERUSER, credentials.superuserPassword()); Statement s = c.createStatement()) {
            for (String role : owner.equals(SUPERUSER) ? List.of(APP) : List.of(owner, APP)) {
                s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN; END IF; END$$");
                s.execute("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
                        + credentials.passwordOf(role) + "'");
            }
            boolean exists;
            try (var rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
                rs.next();
                exists = rs.getInt(1) > 0;
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + database + " OWNER " + owner + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            }
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + APP);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the roles of embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
        try (Connection c = connect(database, SUPERUSER, credentials.superuserPassword()); Statement s = c.createStatement()) {
            if (!owner.equals(SUPERUSER)) {
                s.execute("ALTER SCHEMA public OWNER TO " + owner);
            }
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT USAGE ON SCHEMA public TO " + APP);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO " + APP);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + APP);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO " + APP);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO " + APP);
            s.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + APP);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the privileges of embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A cluster of an earlier version ({@code trust} authentication, data in the database
     * {@code postgres} owned by the superuser): passwords, scram-sha-256 in pg_hba.conf, and the
     * application role; the data stay where they are.
     */
    private void convertLegacyCluster() throws IOException {
        boolean hasData;
        try (Connection c = connect("postgres", SUPERUSER, null); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                rs.next();
                hasData = rs.getInt(1) > 0;
            }
            credentials = hasData ? newCredentials("postgres", SUPERUSER) : newCredentials(DATABASE, OWNER);
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + credentials.superuserPassword() + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not convert the embedded PostgreSQL cluster in " + dir + ": " + e.getMessage(), e);
        }
        writePasswordFile();
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, """
                # Written by Cordon: password authentication (scram-sha-256) only, TCP on the loopback interface.
                local   all   all                  scram-sha-256
                host    all   all   127.0.0.1/32   scram-sha-256
                host    all   all   ::1/128        scram-sha-256
                """);
        try (Connection c = connect("postgres", SUPERUSER, credentials.superuserPassword()); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reload pg_hba.conf in " + dir + ": " + e.getMessage(), e);
        }
        log.warn("Converted the embedded PostgreSQL cluster in {} from trust to password authentication; "
                + "the application now connects as {} (passwords in {})", dir, APP, passwordFile);
    }

    // ------------------------------------------------------------- leftovers

    /** Stops a postmaster of this directory left running by an earlier JVM; removes a stale pid file. */
    private void stopLeftoverServer() throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            log.warn("Removing unreadable {}", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return; // PostgreSQL itself replaces a pid file whose process is gone
        }
        if (!belongsHere(pid)) {
            log.warn("{} names process {}, which is not a PostgreSQL server of this directory; removing the stale pid file", pidFile, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("A PostgreSQL server of an earlier run (pid {}) still runs on {}; stopping it", pid, dir);
        signal(pid, "INT"); // fast shutdown: roll back open transactions, checkpoint, exit
        if (!waitForExit(handle.get(), Duration.ofSeconds(30))) {
            log.warn("PostgreSQL server {} did not stop within 30 s; killing it", pid);
            handle.get().destroyForcibly();
            waitForExit(handle.get(), Duration.ofSeconds(10));
        }
    }

    /** Kills processes left of a killed postmaster (backends keep its shared memory in use). */
    private void killOrphans() {
        List<ProcessHandle> orphans = processesOfThisDirectory();
        for (ProcessHandle p : orphans) {
            log.warn("Killing process {} left over from an earlier PostgreSQL server of {}", p.pid(), dir);
            p.destroyForcibly();
        }
        for (ProcessHandle p : orphans) {
            waitForExit(p, Duration.ofSeconds(10));
        }
    }

    private List<ProcessHandle> processesOfThisDirectory() {
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (belongsHere(pid)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            log.debug("Cannot list /proc", e);
        }
        return found;
    }

    /** A PostgreSQL process of this cluster: its program is postgres and its working directory is the cluster. */
    private boolean belongsHere(long pid) {
        try {
            Path proc = Path.of("/proc", Long.toString(pid));
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            if (!cwd.equals(dir.toRealPath())) {
                return false;
            }
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            String program = cmdline.split("\0", 2)[0];
            return program.endsWith("/postgres") || program.startsWith("postgres");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------- watchdog

    private void startWatchdog() {
        watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch() {
        long backoff = settings.watchdogInterval().toMillis();
        while (!closed) {
            sleep(backoff);
            synchronized (this) {
                if (closed || restartsHeld || process.isAlive()) {
                    backoff = settings.watchdogInterval().toMillis();
                    continue;
                }
                log.error("Embedded PostgreSQL (pid {}) stopped unexpectedly (exit code {}); restarting it. Last lines of {}:\n{}",
                        process.pid(), process.exitValue(), logFile, tail(logFile, 10));
                try {
                    stopLeftoverServer();
                    killOrphans();
                    launch();
                    waitUntilReady(credentials.superuserPassword());
                    restarts++;
                    log.warn("Embedded PostgreSQL restarted on port {} (pid {})", port, process.pid());
                    backoff = settings.watchdogInterval().toMillis();
                } catch (IOException | RuntimeException e) {
                    log.error("Restarting embedded PostgreSQL failed; trying again: {}", e.getMessage());
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
    }

    // ---------------------------------------------------------------- stop

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        stopProcess(Duration.ofSeconds(30));
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            log.debug("Releasing the lock of {}", dir, e);
        }
    }

    private void stopProcess(Duration timeout) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        signal(p.pid(), "INT");
        if (!waitForExit(p.toHandle(), timeout)) {
            log.warn("Embedded PostgreSQL did not stop within {} s; killing it", timeout.toSeconds());
            p.destroyForcibly();
            waitForExit(p.toHandle(), Duration.ofSeconds(10));
            killOrphans();
        }
    }

    /** JVM exit: give the Spring contexts a moment to close their pools first. */
    private void closeAtExit() {
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

    // -------------------------------------------------------------- helpers

    private static Credentials newCredentials(String database, String owner) {
        return new Credentials(database, owner, randomPassword(), randomPassword(), randomPassword());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void writePasswordFile() throws IOException {
        Path tmp = Files.createTempFile(passwordFile.getParent(), "pg-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String text = "# Embedded PostgreSQL of Cordon: roles and passwords (generated; keep this file private).\n"
                + "# psql \"host=127.0.0.1 port=$(sed -n 4p " + dir + "/postmaster.pid) dbname=" + credentials.database()
                + " user=" + APP + "\" (password: the " + APP + " line)\n"
                + "database=" + credentials.database() + "\n"
                + "owner=" + credentials.owner() + "\n"
                + SUPERUSER + "=" + credentials.superuserPassword() + "\n"
                + (credentials.owner().equals(SUPERUSER) ? "" : credentials.owner() + "=" + credentials.ownerPassword() + "\n")
                + APP + "=" + credentials.appPassword() + "\n";
        Files.writeString(tmp, text);
        Files.move(tmp, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Credentials readPasswordFile() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(passwordFile)) {
            p.load(in);
        }
        String database = p.getProperty("database", DATABASE);
        String owner = p.getProperty("owner", OWNER);
        String superuser = p.getProperty(SUPERUSER);
        if (superuser == null || superuser.isBlank()) {
            throw new IllegalStateException(passwordFile + " has no password for " + SUPERUSER);
        }
        boolean missing = p.getProperty(APP) == null || (!owner.equals(SUPERUSER) && p.getProperty(owner) == null);
        credentials = new Credentials(database, owner, superuser,
                owner.equals(SUPERUSER) ? superuser : p.getProperty(owner, randomPassword()),
                p.getProperty(APP, randomPassword()));
        if (missing) {
            writePasswordFile();
        }
        return credentials;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (waitFor(kill, Duration.ofSeconds(5)) == 0) {
                return;
            }
        } catch (IOException e) {
            log.debug("kill -{} {} failed", signal, pid, e);
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: smart shutdown
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    private static int waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
