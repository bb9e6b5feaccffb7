package org.cordon.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cordon.shared.CordonSettings;
import org.cordon.shared.tabular.TabularColumn;
import org.cordon.shared.tabular.TabularWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Files of rejected roster rows: written row by row while an import runs (CSV through {@link TabularWriter#csv}:
 * UTF-8 with a byte-order mark so that Excel opens it, long numbers kept as text, formulas neutralised; the import
 * reads them back as written), downloadable only by the user who imported, deleted after
 * {@link #RETENTION} since they hold personal data. Kept under {@code <data-dir>/roster-errors},
 * next to a small file naming the owner, so that a download still works after a restart.
 */
@Component
class RosterErrorFiles {

    private static final Logger log = LoggerFactory.getLogger(RosterErrorFiles.class);

    /** How long an error file stays downloadable. */
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private final Path directory;
    private final MessageSource messages;
    private final Clock clock;

    RosterErrorFiles(CordonSettings settings, MessageSource messages, Clock clock) {
        this.directory = settings.dataDir().resolve("roster-errors");
        this.messages = messages;
        this.clock = clock;
    }

    /** A file being written. */
    final class Writer implements Closeable {

        private final String token;
        private final TabularWriter out;

        private Writer(String token, TabularWriter out) {
            this.token = token;
            this.out = out;
        }

        String token() {
            return token;
        }

        private void row(List<?> values) {
            try {
                out.row(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A rejected row: its cells as read (in {@link RosterColumn} order), its row number and its problems. */
        void rejected(List<String> cells, int rowNumber, String problems) {
            List<Object> values = new ArrayList<>(cells.size() + 2);
            values.addAll(cells);
            values.add(rowNumber);
            values.add(problems);
            row(values);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Starts a new error file of this user with a header row: the template's column headers, then the row number
     * and the problems (in the user's language).
     */
    Writer create(String username, Locale locale) throws IOException {
        List<TabularColumn> header = new ArrayList<>();
        for (RosterColumn c : RosterColumn.values()) {
            header.add(TabularColumn.of(c.header()));
        }
        header.add(TabularColumn.of(messages.getMessage("roster.errorFile.row", null, locale)));
        header.add(TabularColumn.of(messages.getMessage("roster.errorFile.problems", null, locale)));
        Files.createDirectories(directory);
        deleteExpired();
        String token = UUID.randomUUID().toString().replace("-", "");
        Files.writeString(directory.resolve(token + ".owner"), username, StandardCharsets.UTF_8);
        TabularWriter out = TabularWriter.csv(Files.newOutputStream(directory.resolve(token + ".csv")));
        out.header(header);
        return new Writer(token, out);
    }

    /** The error file with this token when it belongs to the user and has not expired. */
    Optional<Path> find(String username, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Path csv = directory.resolve(token + ".csv");
        Path owner = directory.resolve(token + ".owner");
        try {
            if (!Files.exists(csv) || !Files.exists(owner) || expired(csv)
                    || !Files.readString(owner, StandardCharsets.UTF_8).equals(username)) {
                return Optional.empty();
            }
            return Optional.of(csv);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private boolean expired(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        return modified.toInstant().plus(RETENTION).isBefore(Instant.now(clock));
    }

    private void deleteExpired() {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> {
                try {
                    return expired(f);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    log.warn("Cannot delete expired roster error file {}", f.getFileName());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot list {}", directory, e);
        }
    }
}
