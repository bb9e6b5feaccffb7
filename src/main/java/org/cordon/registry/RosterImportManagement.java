package org.cordon.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.area.AreaManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.ValidationFailedException;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The import of rosters (造册导入): upstream lists in Excel or CSV.
 *
 * <p>The file is read row by row (never held in memory); every row is validated by the same
 * {@link ReturneeValidator} as a hand registration, plus the importing user's jurisdiction (see
 * {@link RosterImport}). Valid rows are stored in chunks of {@link #CHUNK_SIZE}, one transaction per chunk, with
 * one statement for the chunk's persons and one for its returnees; each new returnee publishes
 * {@link ReturneeRegistered} (see {@link RosterChunkStore}). A row is identified by the person's identity document
 * and arrival date (source {@code IMPORTED}), so importing a file again stores nothing new. Rejected rows go to an
 * error file (CSV, {@link RosterErrorFiles}) as they are read; only counts and the first {@link #SHOWN_ERRORS}
 * problems are kept in memory. A chunk that was stored stays stored when a later part of the file turns out
 * unreadable: importing the repaired file again completes it without duplicates.
 *
 * <p>Import is for grid workers, medical staff, commanders and administrators with an area jurisdiction;
 * everyone else gets {@link AccessDeniedException}.
 */
@Service
public class RosterImportManagement {

    /** Valid rows stored per transaction. */
    public static final int CHUNK_SIZE = 1000;
    /** Problems kept for display; all rejected rows are in the error file. */
    public static final int SHOWN_ERRORS = 200;

    static final String FORMAT_XLSX = "XLSX";
    static final String FORMAT_CSV = "CSV";

    private final RosterChunkStore store;
    private final RosterErrorFiles errorFiles;
    private final AreaManagement areas;
    private final CordonSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    RosterImportManagement(RosterChunkStore store, RosterErrorFiles errorFiles, AreaManagement areas, CordonSettings settings,
                           MessageSource messages, Clock clock) {
        this.store = store;
        this.errorFiles = errorFiles;
        this.areas = areas;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Imports a roster from a stream: copies it to a temporary file first (an .xlsx file needs random
     * access; the copy keeps memory flat) and then works like {@link #importRoster(CordonUser, Path, String, Locale)}.
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public RosterReport importRoster(CordonUser user, InputStream in, String fileName, Locale locale) throws IOException {
        RosterAccess.requireRegistrar(user);
        Path temp = Files.createTempFile("cordon-roster-", ".upload");
        try {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            return importRoster(user, temp, fileName, locale);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Imports a roster file (.xlsx, or CSV in UTF-8 or GB18030; told apart by content, not by name).
     * The first non-blank row is the header; columns are matched by their Chinese header or English
     * field name, unknown columns are ignored.
     *
     * @param user     the importing user (registrar role with an area jurisdiction)
     * @param file     the file on disk; not modified
     * @param fileName the name to show in the report (may be null)
     * @param locale   language of the problem messages
     * @return counts and the first problems; never null
     * @throws ValidationFailedException (field {@code file}) when the file is empty, an old .xls file,
     *                                   unreadable, or lacks a required column
     * @throws AccessDeniedException     for a user who may not register returnees
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public RosterReport importRoster(CordonUser user, Path file, String fileName, Locale locale) throws IOException {
        RosterAccess.requireRegistrar(user);
        long started = System.nanoTime();
        String format = detectFormat(file);
        ReturneeValidator validator = new ReturneeValidator(RosterMemo.predicate(areas::divisionExists),
                RosterMemo.predicate(code -> areas.findArea(code).isPresent()));
        RosterImport run = new RosterImport(user, locale, settings.today(clock), FORMAT_CSV.equals(format), validator,
                store.start(user.getUsername()), errorFiles, messages);
        try (RosterRows rows = FORMAT_XLSX.equals(format) ? new RosterXlsxRows(file) : new RosterCsvRows(file)) {
            run.readAll(rows);
        } catch (ExcelReaderException | UncheckedIOException | RosterCsvRows.UnreadableException e) {
            throw run.unreadable();
        } catch (IOException e) {
            // the file is a local copy: a failure to read it is a broken upload (truncated zip, bad XML)
            throw run.unreadable();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof javax.xml.stream.XMLStreamException || e.getCause() instanceof IOException) {
                throw run.unreadable();
            }
            throw e;
        } finally {
            run.closeErrorFile();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return run.report(fileName, format, millis);
    }

    /**
     * The error file of an import by this user (CSV of the rejected rows with their problems, to fix
     * and upload again); empty when the token is unknown, expired or another user's.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public Optional<Path> errorFile(CordonUser user, String token) {
        return errorFiles.find(user.getUsername(), token);
    }

    private static String detectFormat(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (head.length == 0) {
            throw new ValidationFailedException("file", "roster.file.empty");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return FORMAT_XLSX;
        }
        if (head.length == 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            throw new ValidationFailedException("file", "roster.file.xls");
        }
        return FORMAT_CSV;
    }
}
