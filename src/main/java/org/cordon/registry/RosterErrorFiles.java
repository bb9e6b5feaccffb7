package org.cordon.registry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cordon.shared.CordonSettings;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.cordon.shared.tabular.TabularColumn;
import org.cordon.shared.tabular.TabularWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Files of rejected roster rows, so that the importing user can fix them and import them again: written row by row
 * while an import runs (CSV through {@link TabularWriter#csv}: UTF-8 with a byte-order mark so that Excel opens it,
 * long numbers kept as text, formulas neutralised; the import reads them back as written), downloadable only by the
 * user who imported, for {@link RosterErrorFileSettings#lifetime()}.
 *
 * <p>They hold full ID and phone numbers (the user needs them to re-import), so they are protected like the
 * database: encrypted at rest with {@link PersonalDataCipher} in chunks of {@link #CHUNK} bytes (each bound to its
 * file, its place and whether it is the last, so that chunks cannot be moved, reordered or cut off undetected) and
 * decrypted only when the owner downloads; under {@code <data-dir>/roster-errors} (mode 0700) with mode 0600, next to
 * a small file naming the owner (the file's record), so that a download still works after a restart;
 * deleted by {@link RosterErrorFileCleanup} after their lifetime.
 *
 * <p>Bounded: a cell is kept up to {@link RosterErrorFileSettings#maxCellLength()} characters, the problems of a row
 * up to {@link #MAX_PROBLEM_CHARS}, a file up to {@link RosterErrorFileSettings#maxSize()}; rows beyond it are
 * counted in a last line (which the import skips: no template column is filled). So a file is never larger than
 * the rejected rows as read plus their messages, whatever a workbook unpacks to.
 */
@Component
class RosterErrorFiles {

    private static final Logger log = LoggerFactory.getLogger(RosterErrorFiles.class);

    /** Plaintext bytes per encrypted chunk. */
    static final int CHUNK = 64 * 1024;
    /** The most characters of one row's problems kept. */
    static final int MAX_PROBLEM_CHARS = 2000;
    /** Room kept below the size limit for the row being written and the writer's buffer. */
    private static final long RESERVE = 256 * 1024;
    private static final String FIELD = "roster-error-file";
    private static final byte[] MAGIC = "CORDON-SEALED-CSV/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final String OWNER = ".owner";
    private static final String SEALED = ".sealed";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final RosterErrorFileSettings settings;
    private final PersonalDataCipher cipher;
    private final MessageSource messages;
    private final Clock clock;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    RosterErrorFiles(CordonSettings cordon, RosterErrorFileSettings settings, PersonalDataCipher cipher, MessageSource messages,
                     Clock clock) {
        this.directory = cordon.dataDir().resolve("roster-errors");
        this.settings = settings;
        this.cipher = cipher;
        this.messages = messages;
        this.clock = clock;
    }

    /** A file being written. */
    final class Writer implements Closeable {

        private final String token;
        private final Locale locale;
        private final SealedOutput sealed;
        private final TabularWriter out;
        private long omitted;

        private Writer(String token, Locale locale, SealedOutput sealed) throws IOException {
            this.token = token;
            this.locale = locale;
            this.sealed = sealed;
            this.out = TabularWriter.csv(sealed);
        }

        String token() {
            return token;
        }

        /** Rejected rows not written since the file reached its size limit. */
        long omitted() {
            return omitted;
        }

        private void row(List<?> values) {
            try {
                out.row(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * A rejected row: its cells as read (in {@link RosterColumn} order), its sheet (null for CSV), its row number
         * on that sheet and its problems; cut to the limits, or only counted once the file is full.
         */
        void rejected(List<String> cells, String sheet, int rowNumber, String problems) {
            if (sealed.plaintextBytes() + RESERVE > settings.maxSize().toBytes()) {
                omitted++;
                return;
            }
            List<Object> values = new ArrayList<>(cells.size() + 2);
            for (String cell : cells) {
                values.add(cut(cell, settings.maxCellLength()));
            }
            values.add(sheet == null ? "" : cut(sheet, settings.maxCellLength()));
            values.add(rowNumber);
            values.add(cut(problems, MAX_PROBLEM_CHARS));
            row(values);
        }

        @Override
        public void close() throws IOException {
            if (omitted > 0) {
                List<Object> note = new ArrayList<>();
                for (int i = 0; i < RosterColumn.values().length; i++) {
                    note.add("");
                }
                note.add("");
                note.add("");
                note.add(messages.getMessage("roster.errorFile.truncated",
                        new Object[] {omitted, settings.maxSize().toMegabytes()}, locale));
                row(note);
            }
            out.close();
        }
    }

    /** {@code text} cut to {@code max} characters (never inside a surrogate pair), marked with … when cut. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * Starts a new error file of this user with a header row: the template's column headers, then the sheet (of a
     * workbook; empty for CSV), the row number and the problems (in the user's language). The import ignores these
     * three columns, so the file can be fixed and imported again.
     */
    Writer create(String username, Locale locale) throws IOException {
        List<TabularColumn> header = new ArrayList<>();
        for (RosterColumn c : RosterColumn.values()) {
            header.add(TabularColumn.of(c.header()));
        }
        header.add(TabularColumn.of(messages.getMessage("roster.errorFile.sheet", null, locale)));
        header.add(TabularColumn.of(messages.getMessage("roster.errorFile.row", null, locale)));
        header.add(TabularColumn.of(messages.getMessage("roster.errorFile.problems", null, locale)));
        ownerOnlyDirectory();
        String token = UUID.randomUUID().toString().replace("-", "");
        Path owner = createOwnerOnly(directory.resolve(token + OWNER));
        Files.writeString(owner, username, StandardCharsets.UTF_8);
        OutputStream file = Files.newOutputStream(createOwnerOnly(directory.resolve(token + SEALED)));
        Writer writer = new Writer(token, locale, new SealedOutput(file, token));
        writer.out.header(header);
        return writer;
    }

    /** The error file with this token when it belongs to the user and has not expired. */
    Optional<RosterErrorFile> find(String username, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Path sealed = directory.resolve(token + SEALED);
        Path owner = directory.resolve(token + OWNER);
        try {
            if (!Files.exists(sealed) || !Files.exists(owner) || expired(owner, Instant.now(clock))
                    || !Files.readString(owner, StandardCharsets.UTF_8).equals(username)) {
                return Optional.empty();
            }
            // checked whole before anything is sent: a damaged file is no file, not half a download
            open(sealed, token, OutputStream.nullOutputStream());
            return Optional.of(out -> open(sealed, token, out));
        } catch (IOException e) {
            log.warn("Roster error file {} cannot be read: {}", token, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Deletes the files past their lifetime at {@code now} with their owner records, and any plaintext CSV an earlier
     * version left; returns how many files were deleted.
     */
    int deleteExpired(Instant now) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.toList();
        } catch (IOException e) {
            log.warn("Cannot list {}", directory, e);
            return 0;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                boolean expired;
                if (name.endsWith(".csv")) {
                    expired = true;   // plaintext of an earlier version
                } else if (name.endsWith(SEALED)) {
                    Path owner = directory.resolve(name.substring(0, name.length() - SEALED.length()) + OWNER);
                    expired = expired(Files.exists(owner) ? owner : file, now);
                } else if (name.endsWith(OWNER)) {
                    expired = expired(file, now);
                } else {
                    continue;
                }
                if (expired && Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (IOException e) {
                log.warn("Cannot delete expired roster error file {}", name);
            }
        }
        if (deleted > 0) {
            log.info("{} expired roster error files deleted", deleted);
        }
        return deleted;
    }

    private boolean expired(Path file, Instant now) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().plus(settings.lifetime()).isBefore(now);
    }

    private void ownerOnlyDirectory() throws IOException {
        if (!posix) {
            Files.createDirectories(directory);
            return;
        }
        if (Files.isDirectory(directory)) {
            if (!Files.getPosixFilePermissions(directory).equals(OWNER_DIRECTORY)) {
                Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
            }
        } else {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        }
    }

    private Path createOwnerOnly(Path file) throws IOException {
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        return Files.createFile(file, attributes);
    }

    private static String chunkField(String token, long index, boolean last) {
        return FIELD + ":" + token + ":" + index + ":" + (last ? "last" : "more");
    }

    /** Decrypts the file chunk by chunk into {@code out}; fails on a changed, moved or missing chunk. */
    private void open(Path file, String token, OutputStream out) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("Not a sealed roster error file");
            }
            for (long index = 0; ; index++) {
                boolean last;
                byte[] chunk;
                try {
                    last = in.readBoolean();
                    int length = in.readInt();
                    if (length < 0 || length > CHUNK + 64) {
                        throw new IOException("Broken roster error file");
                    }
                    chunk = in.readNBytes(length);
                    if (chunk.length != length) {
                        throw new EOFException();
                    }
                } catch (EOFException e) {
                    throw new IOException("Roster error file cut off", e);
                }
                try {
                    out.write(cipher.decryptBytes(chunkField(token, index, last), chunk));
                } catch (IllegalStateException e) {
                    throw new IOException("Roster error file fails its integrity check", e);
                }
                if (last) {
                    if (in.read() >= 0) {
                        throw new IOException("Data after the last chunk of a roster error file");
                    }
                    return;
                }
            }
        }
    }

    /**
     * Encrypts what is written to it in chunks: {@link #MAGIC}, then per chunk a last-flag, the length and the
     * sealed bytes ({@link PersonalDataCipher#encrypt(String, byte[])}, bound to the file's token, the chunk's index
     * and flag).
     */
    private final class SealedOutput extends OutputStream {
        private final DataOutputStream file;
        private final String token;
        private final byte[] buffer = new byte[CHUNK];
        private int buffered;
        private long index;
        private long plaintext;
        private boolean closed;

        SealedOutput(OutputStream file, String token) throws IOException {
            this.file = new DataOutputStream(new BufferedOutputStream(file));
            this.token = token;
            this.file.write(MAGIC);
        }

        long plaintextBytes() {
            return plaintext;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (buffered == CHUNK) {
                    seal(false);
                }
                int n = Math.min(length, CHUNK - buffered);
                System.arraycopy(bytes, offset, buffer, buffered, n);
                buffered += n;
                offset += n;
                length -= n;
                plaintext += n;
            }
        }

        private void seal(boolean last) throws IOException {
            byte[] sealed = cipher.encrypt(chunkField(token, index++, last), Arrays.copyOf(buffer, buffered));
            file.writeBoolean(last);
            file.writeInt(sealed.length);
            file.write(sealed);
            buffered = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (file) {
                seal(true);
            }
        }
    }
}
