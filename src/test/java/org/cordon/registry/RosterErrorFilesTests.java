package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.cordon.shared.crypto.CryptoSettings;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.unit.DataSize;

/**
 * Error files of rejected roster rows: encrypted at rest and readable only by their owner (0600 in a 0700 directory),
 * bounded per cell, per row and in all, refused when changed or cut off, deleted after their lifetime by the job.
 */
class RosterErrorFilesTests {

    static final String KEY = "bhU15j0Ledkr7Dpu6/r85NQk3OuQdBMwNGx0iKl4k+4=";
    static final String ID = "11010519491231002X";
    static final String PHONE = "13912345678";
    static final Instant NOW = Instant.parse("2020-02-01T08:00:00Z");

    @TempDir
    Path dataDir;
    ResourceBundleMessageSource messages;
    PersonalDataCipher cipher;

    @BeforeEach
    void setUp() {
        messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/roster");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        cipher = new PersonalDataCipher(new CryptoSettings(KEY, null, false));
    }

    RosterErrorFiles files(DataSize maxSize) {
        return new RosterErrorFiles(new CordonSettings(dataDir, java.time.ZoneId.of("Asia/Shanghai")),
                new RosterErrorFileSettings(Duration.ofHours(24), maxSize, 500, Duration.ofMinutes(15),
                        new RosterErrorFileSettings.Cleanup(true)),
                cipher, messages, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static List<String> cells(String name, String id, String phone) {
        List<String> cells = new ArrayList<>(Collections.nCopies(RosterColumn.values().length, ""));
        cells.set(RosterColumn.NAME.ordinal(), name);
        cells.set(RosterColumn.ID_NUMBER.ordinal(), id);
        cells.set(RosterColumn.PHONE.ordinal(), phone);
        return cells;
    }

    String download(RosterErrorFiles files, String owner, String token) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.find(owner, token).orElseThrow().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    Path directory() {
        return dataDir.resolve("roster-errors");
    }

    @Test
    void theFileIsEncryptedOwnerOnlyAndDecryptsForItsOwner() throws IOException {
        RosterErrorFiles files = files(DataSize.ofMegabytes(32));
        String token;
        try (RosterErrorFiles.Writer writer = files.create("gw1", Locale.SIMPLIFIED_CHINESE)) {
            token = writer.token();
            writer.rejected(cells("韩二", ID, PHONE), null, 3, "证件号码: 校验位不正确");
        }
        Path sealed = directory().resolve(token + ".sealed");
        byte[] onDisk = Files.readAllBytes(sealed);
        String raw = new String(onDisk, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(ID).doesNotContain(PHONE).doesNotContain("13912").doesNotContain(ID.substring(6, 14));
        assertThat(new String(onDisk, StandardCharsets.UTF_8)).doesNotContain("韩二");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealed))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory().resolve(token + ".owner"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory()))).isEqualTo("rwx------");
        try (var listed = Files.list(directory())) {
            assertThat(listed.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".csv"));
        }

        String csv = download(files, "gw1", token);
        assertThat(csv).startsWith("\uFEFF姓名,").contains("韩二").contains(ID).contains(PHONE).contains("校验位");
        assertThat(files.find("gw2", token)).as("another user's").isEmpty();
        assertThat(files.find("gw1", "0".repeat(32))).isEmpty();
        assertThat(files.find("gw1", "../../etc/passwd")).isEmpty();
    }

    @Test
    void anExistingDirectoryIsMadeOwnerOnly() throws IOException {
        Files.createDirectories(directory());
        Files.setPosixFilePermissions(directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
        files(DataSize.ofMegabytes(32)).create("gw1", Locale.ENGLISH).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory()))).isEqualTo("rwx------");
    }

    @Test
    void aChangedCutOffOrSwappedFileIsNoFile() throws IOException {
        RosterErrorFiles files = files(DataSize.ofMegabytes(32));
        List<String> tokens = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            try (RosterErrorFiles.Writer writer = files.create("gw1", Locale.ENGLISH)) {
                tokens.add(writer.token());
                for (int i = 0; i < 3000; i++) {   // more than one chunk
                    writer.rejected(cells("name" + i, ID, PHONE), null, i + 2, "problem " + i);
                }
            }
        }
        Path first = directory().resolve(tokens.get(0) + ".sealed");
        Path second = directory().resolve(tokens.get(1) + ".sealed");
        assertThat(Files.size(first)).isGreaterThan(RosterErrorFiles.CHUNK);
        assertThat(download(files, "gw1", tokens.get(0))).contains("name2999");

        byte[] original = Files.readAllBytes(first);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(first, flipped);
        assertThat(files.find("gw1", tokens.get(0))).as("changed").isEmpty();
        Files.write(first, java.util.Arrays.copyOf(original, original.length - 100));
        assertThat(files.find("gw1", tokens.get(0))).as("cut off").isEmpty();
        Files.copy(second, first, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(files.find("gw1", tokens.get(0))).as("another file's content").isEmpty();
        assertThat(files.find("gw1", tokens.get(1))).isPresent();
    }

    @Test
    void cellsProblemsAndTheWholeFileAreBounded() throws IOException {
        RosterErrorFiles files = files(DataSize.ofMegabytes(1));
        String huge = "长".repeat(10_000);
        String token;
        long rows = 2000;
        try (RosterErrorFiles.Writer writer = files.create("gw1", Locale.ENGLISH)) {
            token = writer.token();
            for (int i = 0; i < rows; i++) {
                List<String> cells = new ArrayList<>(Collections.nCopies(RosterColumn.values().length, huge));
                writer.rejected(cells, null, i + 2, "x".repeat(50_000));
            }
            assertThat(writer.omitted()).isPositive();
        }
        // as read, each row was 13 cells of 10,000 characters (390 KB of UTF-8) plus 50,000 of problems: 870 MB in all
        Path sealed = directory().resolve(token + ".sealed");
        assertThat(Files.size(sealed)).isLessThanOrEqualTo(1024 * 1024 + 1024);
        String csv = download(files, "gw1", token);
        String firstRow = csv.lines().skip(1).findFirst().orElseThrow();
        assertThat(firstRow).contains("长".repeat(499) + "…").doesNotContain("长".repeat(500));
        assertThat(firstRow.length()).isLessThan(RosterColumn.values().length * 510 + RosterErrorFiles.MAX_PROBLEM_CHARS + 100);
        String last = csv.lines().reduce((a, b) -> b).orElseThrow();
        // every template column empty (the first one quoted by the CSV printer), so that the import skips the line
        assertThat(last).startsWith("\"\"" + ",".repeat(RosterColumn.values().length + 1)).contains("more rejected rows are not in it")
                .contains("1 MB");
    }

    @Test
    void theJobDeletesExpiredFilesWithTheirRecordsAndPlaintextLeftByEarlierVersions() throws IOException {
        RosterErrorFiles files = files(DataSize.ofMegabytes(32));
        String old;
        String fresh;
        try (RosterErrorFiles.Writer writer = files.create("gw1", Locale.ENGLISH)) {
            old = writer.token();
            writer.rejected(cells("a", ID, PHONE), null, 2, "p");
        }
        try (RosterErrorFiles.Writer writer = files.create("gw1", Locale.ENGLISH)) {
            fresh = writer.token();
            writer.rejected(cells("b", ID, PHONE), null, 2, "p");
        }
        FileTime created = FileTime.from(NOW.minus(Duration.ofHours(2)));
        for (String suffix : List.of(".sealed", ".owner")) {
            Files.setLastModifiedTime(directory().resolve(old + suffix), created);
            Files.setLastModifiedTime(directory().resolve(fresh + suffix), FileTime.from(NOW));
        }
        Path legacy = Files.writeString(directory().resolve("0123456789abcdef0123456789abcdef.csv"), ID + "," + PHONE);

        RosterErrorFileCleanup job = new RosterErrorFileCleanup(files, Clock.fixed(NOW.plus(Duration.ofHours(21)), ZoneOffset.UTC));
        job.deleteExpired();
        assertThat(legacy).doesNotExist();
        assertThat(directory().resolve(old + ".sealed")).exists();
        assertThat(files.find("gw1", old)).isPresent();

        new RosterErrorFileCleanup(files, Clock.fixed(NOW.plus(Duration.ofHours(22).plusMinutes(1)), ZoneOffset.UTC)).deleteExpired();
        assertThat(directory().resolve(old + ".sealed")).doesNotExist();
        assertThat(directory().resolve(old + ".owner")).doesNotExist();
        assertThat(directory().resolve(fresh + ".sealed")).exists();
        assertThat(files.deleteExpired(NOW.plus(Duration.ofHours(25)))).isEqualTo(2);
        try (var listed = Files.list(directory())) {
            assertThat(listed).isEmpty();
        }
    }
}
