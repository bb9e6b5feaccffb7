package org.cordon.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.UploadSettings;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.tabular.TabularException;
import org.cordon.shared.tabular.TabularFormat;
import org.cordon.shared.tabular.TabularLimits;
import org.cordon.shared.tabular.TabularReader;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The import of rosters (造册导入): upstream lists in Excel or CSV.
 *
 * <p>The file is read row by row through {@link TabularReader} like every import (never held in memory; CSV in
 * UTF-8 with or without byte-order mark or GB18030; at most {@link #LIMITS}, a workbook unpacking at most as far as
 * {@link UploadSettings} allow: a file beyond them is refused before any row is stored); every row is validated by the same
 * {@link ReturneeValidator} as a hand registration, plus the importing user's jurisdiction (see
 * {@link RosterImport}). Valid rows are stored in chunks of {@link #CHUNK_SIZE}, one transaction per chunk, with
 * one statement for the chunk's persons and one for its returnees; the chunk's new returnees publish one
 * {@link ReturneesRegistered} (see {@link RosterChunkStore}). A chunk is stored on a thread of its own while the next
 * one is read and validated (one chunk stored at a time). One person, one arrival, one record: a row whose person
 * has a record of the same arrival ({@link SameArrival}: arrival dates at most two days apart) from any source — this
 * file, an earlier import, door to door, a checkpoint, a self-report — is counted as already registered, so importing a
 * file again, or a full export, stores nothing new; a row whose ID number is registered with another name is rejected
 * (a roster never renames a person). Rejected rows go to an
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
    /** Rows (as many as an Excel sheet has), columns and characters per cell a roster file may have. */
    public static final TabularLimits LIMITS = new TabularLimits(1_048_576, 200, 10_000);

    private final RosterChunkStore store;
    private final RosterErrorFiles errorFiles;
    private final AreaManagement areas;
    private final CordonSettings settings;
    private final MessageSource messages;
    private final Clock clock;
    private final TabularLimits limits;

    RosterImportManagement(RosterChunkStore store, RosterErrorFiles errorFiles, AreaManagement areas, CordonSettings settings,
                           UploadSettings uploads, MessageSource messages, Clock clock) {
        this.limits = LIMITS.with(uploads.archiveLimits());
        this.store = store;
        this.errorFiles = errorFiles;
        this.areas = areas;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Imports a roster from a stream (closed when read): CSV is read straight from it, an .xlsx file is copied to a
     * temporary file first (it needs random access; the copy keeps memory flat); otherwise as
     * {@link #importRoster(CordonUser, Path, String, Locale)}.
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public RosterReport importRoster(CordonUser user, InputStream in, String fileName, Locale locale) throws IOException {
        RosterAccess.requireRegistrar(user);
        return run(user, () -> TabularReader.open(in, limits), fileName, locale);
    }

    /**
     * Imports a roster file (.xlsx, or CSV in UTF-8 or GB18030; told apart by content, not by name).
     * The header is found among the first {@value org.cordon.shared.tabular.HeaderSearch#SEARCH_ROWS} non-blank rows
     * of each sheet (title rows above it, two-row headers with merged group cells); columns are matched by their
     * Chinese header, an alias or the English field name, unknown columns are ignored. Every sheet of a workbook with
     * the header is read; the others are listed in {@link RosterReport#skippedSheets()}.
     *
     * @param user     the importing user (registrar role with an area jurisdiction)
     * @param file     the file on disk; not modified
     * @param fileName the name to show in the report (may be null)
     * @param locale   language of the problem messages
     * @return counts and the first problems; never null
     * @throws ValidationFailedException (field {@code file}) when the file is empty, an old .xls file,
     *                                   unreadable, in another encoding, beyond {@link #LIMITS} (the rows of all
     *                                   sheets together), or no sheet has a header with every required column
     *                                   ({@code roster.file.missingColumns} naming the closest row and what it has,
     *                                   {@code roster.file.noHeader} what was looked for and what the first row
     *                                   holds; else the message code {@code roster.file.<kind>} of the
     *                                   {@link TabularException}; rows stored before a problem stay stored)
     * @throws AccessDeniedException     for a user who may not register returnees
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public RosterReport importRoster(CordonUser user, Path file, String fileName, Locale locale) throws IOException {
        RosterAccess.requireRegistrar(user);
        return run(user, () -> TabularReader.open(file, limits), fileName, locale);
    }

    /** How the file is opened. */
    private interface Opening {
        TabularReader open() throws IOException;
    }

    private RosterReport run(CordonUser user, Opening opening, String fileName, Locale locale) {
        long started = System.nanoTime();
        TabularReader rows;
        try {
            rows = opening.open();
        } catch (TabularException e) {
            throw RosterImport.refused(e, 0, 0, 0);
        } catch (IOException | UncheckedIOException e) {
            throw RosterImport.refused(null, 0, 0, 0);
        }
        TabularFormat format = rows.format();
        ReturneeValidator validator = new ReturneeValidator(RosterMemo.function(code -> areas.resolveOrigin(code).map(Division::code)),
                RosterMemo.predicate(code -> areas.findArea(code).isPresent()));
        RosterImport run = new RosterImport(user, locale, settings.today(clock), validator, store,
                errorFiles, messages);
        try (rows) {
            run.readAll(rows);
        } catch (TabularException e) {
            throw run.refused(e);
        } catch (IOException | UncheckedIOException e) {
            // the upload or its local copy could not be read further
            throw run.refused(null);
        } finally {
            run.closeErrorFile();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return run.report(fileName, format.name(), millis);
    }

    /**
     * The error file of an import by this user (CSV of the rejected rows with their problems, to fix
     * and upload again; encrypted at rest, decrypted as it is written out); empty when the token is unknown,
     * expired, damaged or another user's.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public Optional<RosterErrorFile> errorFile(CordonUser user, String token) {
        return errorFiles.find(user.getUsername(), token);
    }
}
