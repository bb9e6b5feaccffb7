package org.cordon.registry;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.account.AccountManagement;
import org.cordon.account.AreaScope;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Disclosure;
import org.cordon.account.PersonalDataManagement;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rosters (造册) in Excel: the template, the import of upstream lists (Excel or CSV) and the export
 * of an area's returnees.
 *
 * <p><b>Import.</b> The file is read row by row (never held in memory); every row is validated by
 * the same {@link ReturneeValidator} as a hand registration, plus the importing user's jurisdiction.
 * Valid rows are stored in chunks of {@link #CHUNK_SIZE}, one transaction per chunk, with one
 * statement for the chunk's persons and one for its returnees; each new returnee publishes
 * {@link ReturneeRegistered}. A row is identified by the person's identity document and arrival date
 * (source {@code IMPORTED}), so importing a file again stores nothing new. Rejected rows go to an
 * error file (CSV) as they are read; only counts and the first {@link #SHOWN_ERRORS} problems are
 * kept in memory. A chunk that was stored stays stored when a later part of the file turns out
 * unreadable: importing the repaired file again completes it without duplicates.
 *
 * <p><b>Export.</b> Streams the area's returnees from a database cursor into an .xlsx workbook
 * written straight to the caller's stream; names, ID numbers and phones are masked unless the
 * user's role may reveal them and asks for full values. Every export is audit-logged (action
 * EXPORT, record type {@code roster}, record id = area code).
 *
 * <p>Import and export are for grid workers, medical staff, commanders and administrators with an
 * area jurisdiction; everyone else gets {@link AccessDeniedException}.
 */
@Service
public class RosterManagement {

    /** Valid rows stored per transaction. */
    public static final int CHUNK_SIZE = 1000;
    /** Problems kept for display; all rejected rows are in the error file. */
    public static final int SHOWN_ERRORS = 200;
    /** Audit record type of roster exports. */
    public static final String AUDIT_RECORD_TYPE = "roster";

    static final String FORMAT_XLSX = "XLSX";
    static final String FORMAT_CSV = "CSV";
    /** Message codes tried before the shared ones, for texts that fit a spreadsheet better. */
    private static final String OVERRIDE_PREFIX = "roster.problem.";
    private static final Pattern DATE_TEXT = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern DATE_DIGITS = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d(?:\\.\\d+)?[eE]\\+?\\d+");
    private static final int MAX_MEMO = 20_000;
    private static final HexFormat HEX = HexFormat.of();

    private final RegistryManagement registry;
    private final RosterRepository rosters;
    private final ReportedIdentities reports;
    private final RosterErrorFiles errorFiles;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final PersonalDataManagement personalData;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate readTx;
    private final TransactionTemplate auditTx;

    RosterManagement(RegistryManagement registry, RosterRepository rosters, ReportedIdentities reports, RosterErrorFiles errorFiles,
                     AreaManagement areas,
                     AccountManagement accounts, PersonalDataCipher cipher, AuditLog audit, PersonalDataManagement personalData,
                     CordonSettings settings, ApplicationEventPublisher events, MessageSource messages, Clock clock,
                     PlatformTransactionManager transactions) {
        this.registry = registry;
        this.rosters = rosters;
        this.reports = reports;
        this.errorFiles = errorFiles;
        this.areas = areas;
        this.accounts = accounts;
        this.cipher = cipher;
        this.audit = audit;
        this.personalData = personalData;
        this.settings = settings;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
        this.writeTx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.auditTx = new TransactionTemplate(transactions);
        this.auditTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ------------------------------------------------------------------ import

    /**
     * Imports a roster from a stream: copies it to a temporary file first (an .xlsx file needs random
     * access; the copy keeps memory flat) and then works like {@link #importRoster(CordonUser, Path, String, Locale)}.
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public RosterReport importRoster(CordonUser user, InputStream in, String fileName, Locale locale) throws IOException {
        requireRegistrar(user);
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
        requireRegistrar(user);
        long started = System.nanoTime();
        String format = detectFormat(file);
        Import run = new Import(user, locale);
        try (RosterRows rows = FORMAT_XLSX.equals(format) ? new RosterXlsxRows(file) : new RosterCsvRows(file)) {
            run.csv = FORMAT_CSV.equals(format);
            RosterRows.Row header = rows.next();
            while (header != null && header.blank()) {
                header = rows.next();
            }
            if (header == null) {
                throw new ValidationFailedException("file", "roster.file.empty");
            }
            run.header(header);
            boolean first = true;
            for (RosterRows.Row row = rows.next(); row != null; row = rows.next()) {
                if (row.blank()) {
                    continue;
                }
                if (first && run.isHeaderAgain(row)) {
                    continue;
                }
                first = false;
                run.accept(row);
            }
            run.flush();
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
        return new RosterReport(fileName, format, run.read, run.saved, run.alreadyPresent, run.rejected, List.copyOf(run.shown),
                run.moreErrors, run.errorFile == null ? null : run.errorFile.token(), millis);
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

    /** A valid row waiting for its chunk to be stored. */
    private record Pending(ReturneeValidator.Valid valid, String sourceRef, byte[] identityHash) {
    }

    /** The state of one import: header mapping, counters, the current chunk and the error file. */
    private final class Import {

        final CordonUser user;
        final Locale locale;
        final LocalDate today = settings.today(clock);
        final ReturneeValidator validator = new ReturneeValidator(
                memo(areas::divisionExists), memo(code -> areas.findArea(code).isPresent()));
        final Function<String, Optional<String>> gridWorker = memoFunction(accounts::gridWorkerFor);
        final EnumMap<RosterColumn, Integer> index = new EnumMap<>(RosterColumn.class);
        final Map<RosterColumn, String> headers = new EnumMap<>(RosterColumn.class);
        final List<Pending> chunk = new ArrayList<>(CHUNK_SIZE);
        final List<RosterRowError> shown = new ArrayList<>();
        boolean csv;
        boolean moreErrors;
        long read;
        long saved;
        long alreadyPresent;
        long rejected;
        int lastRow;
        RosterErrorFiles.Writer errorFile;

        Import(CordonUser user, Locale locale) {
            this.user = user;
            this.locale = locale;
        }

        void header(RosterRows.Row header) {
            for (int i = 0; i < header.cells().size(); i++) {
                RosterRows.Value v = header.cell(i);
                RosterColumn column = v == null ? null : RosterColumn.forHeader(v.text());
                if (column != null && !index.containsKey(column)) {
                    index.put(column, i);
                    headers.put(column, v.text().strip());
                }
            }
            List<String> missing = new ArrayList<>();
            for (RosterColumn c : RosterColumn.values()) {
                if (c.required() && !index.containsKey(c)) {
                    missing.add(c.header() + " (" + c.field() + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new ValidationFailedException("file", "roster.file.missingColumns", String.join(", ", missing));
            }
            lastRow = header.number();
        }

        /** A second header line (e.g. the English field names under the Chinese headers of the CSV template). */
        boolean isHeaderAgain(RosterRows.Row row) {
            boolean any = false;
            for (Map.Entry<RosterColumn, Integer> e : index.entrySet()) {
                RosterRows.Value v = row.cell(e.getValue());
                if (v == null || v.blank()) {
                    continue;
                }
                if (RosterColumn.forHeader(v.text()) != e.getKey()) {
                    return false;
                }
                any = true;
            }
            return any;
        }

        void accept(RosterRows.Row row) {
            read++;
            lastRow = row.number();
            List<FieldProblem> problems = new ArrayList<>();
            ReturneeRequest request = request(row, problems);
            Set<String> flagged = new HashSet<>();
            problems.forEach(p -> flagged.add(p.field()));
            ReturneeValidator.Result result = validator.validate(request, today);
            for (FieldProblem p : result.problems()) {
                if (flagged.contains(p.field())) {
                    continue;
                }
                if ("validation.enum".equals(p.code()) && "idType".equals(p.field())) {
                    p = new FieldProblem(p.field(), "roster.idType.unknown", request.idType());
                } else if ("validation.enum".equals(p.code()) && "transportMode".equals(p.field())) {
                    p = new FieldProblem(p.field(), "roster.transportMode.unknown", request.transportMode());
                }
                problems.add(p);
            }
            if (problems.isEmpty() && !AreaScope.of(user).covers(result.valid().destinationCode())) {
                problems.add(new FieldProblem("destinationCode", "validation.destination.outsideJurisdiction"));
            }
            if (!problems.isEmpty()) {
                reject(row, problems);
                return;
            }
            ReturneeValidator.Valid v = result.valid();
            byte[] hash = registry.identityHash(v.person().idNumber(), v.person().nationality());
            chunk.add(new Pending(v, HEX.formatHex(hash) + ":" + v.arrivedOn(), hash));
            if (chunk.size() >= CHUNK_SIZE) {
                flush();
            }
        }

        ReturneeRequest request(RosterRows.Row row, List<FieldProblem> problems) {
            String idNumber = text(row, RosterColumn.ID_NUMBER);
            RosterRows.Value idCell = cell(row, RosterColumn.ID_NUMBER);
            if (idNumber != null && ((idCell.number() != null && idNumber.length() >= 15) || SCIENTIFIC.matcher(idNumber).matches())) {
                problems.add(new FieldProblem("idNumber", "roster.idNumber.numeric"));
            }
            return new ReturneeRequest(null, text(row, RosterColumn.NAME), RosterColumn.idType(text(row, RosterColumn.ID_TYPE)),
                    idNumber, text(row, RosterColumn.NATIONALITY), text(row, RosterColumn.PHONE),
                    text(row, RosterColumn.ORIGIN_CODE), date(row, RosterColumn.LEFT_RISK_AREA_ON, problems),
                    date(row, RosterColumn.ARRIVED_ON, problems), RosterColumn.transportMode(text(row, RosterColumn.TRANSPORT_MODE)),
                    text(row, RosterColumn.TRANSPORT_DETAIL), text(row, RosterColumn.COMPANIONS),
                    text(row, RosterColumn.DESTINATION_CODE), text(row, RosterColumn.DESTINATION_ADDRESS));
        }

        RosterRows.Value cell(RosterRows.Row row, RosterColumn column) {
            Integer i = index.get(column);
            return i == null ? null : row.cell(i);
        }

        String text(RosterRows.Row row, RosterColumn column) {
            RosterRows.Value v = cell(row, column);
            if (v == null || v.blank()) {
                return null;
            }
            String text = csv ? RosterErrorFiles.uncsv(v.text()) : v.text();
            text = text.strip();
            return text.isEmpty() ? null : text;
        }

        LocalDate date(RosterRows.Row row, RosterColumn column, List<FieldProblem> problems) {
            RosterRows.Value v = cell(row, column);
            if (v == null || v.blank()) {
                return null;
            }
            if (v.date() != null) {
                return v.date();
            }
            String text = text(row, column);
            LocalDate date = parseDate(text);
            if (date == null) {
                problems.add(new FieldProblem(column.field(), "roster.date.format", text));
            }
            return date;
        }

        void reject(RosterRows.Row row, List<FieldProblem> problems) {
            rejected++;
            StringBuilder summary = new StringBuilder();
            for (FieldProblem p : problems) {
                String column = columnName(p.field());
                String message = message(p, locale);
                if (shown.size() < SHOWN_ERRORS) {
                    shown.add(new RosterRowError(row.number(), column, p.field(), p.code(), message));
                } else {
                    moreErrors = true;
                }
                summary.append(summary.isEmpty() ? "" : "; ").append(column).append(": ").append(message);
            }
            List<String> values = new ArrayList<>(RosterColumn.values().length + 2);
            for (RosterColumn c : RosterColumn.values()) {
                RosterRows.Value v = cell(row, c);
                values.add(v == null || v.blank() ? "" : c.isDate() && v.date() != null ? v.date().toString()
                        : csv ? RosterErrorFiles.uncsv(v.text()) : v.text());
            }
            values.add(String.valueOf(row.number()));
            values.add(summary.toString());
            errorFile().row(values);
        }

        RosterErrorFiles.Writer errorFile() {
            if (errorFile == null) {
                List<String> header = new ArrayList<>();
                for (RosterColumn c : RosterColumn.values()) {
                    header.add(c.header());
                }
                header.add(messages.getMessage("roster.errorFile.row", null, locale));
                header.add(messages.getMessage("roster.errorFile.problems", null, locale));
                try {
                    errorFile = errorFiles.create(user.getUsername(), header);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return errorFile;
        }

        void closeErrorFile() {
            if (errorFile != null) {
                try {
                    errorFile.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        String columnName(String field) {
            RosterColumn c = RosterColumn.forField(field);
            if (c == null) {
                return field;
            }
            return headers.getOrDefault(c, c.header());
        }

        /**
         * Stores the chunk in one transaction: existing rows skipped, new persons inserted (registered ones
         * left as they are), returnees inserted with the identity values that differ kept, events published.
         */
        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            long[] counts = writeTx.execute(status -> store(chunk, user.getUsername(), gridWorker));
            saved += counts[0];
            alreadyPresent += counts[1];
            chunk.clear();
        }

        ValidationFailedException unreadable() {
            if (read == 0) {
                return new ValidationFailedException("file", "roster.file.unreadable");
            }
            return new ValidationFailedException("file", "roster.file.unreadableAfter", lastRow, saved + alreadyPresent);
        }
    }

    /** Returns {new, already present}. */
    private long[] store(List<Pending> chunk, String username, Function<String, Optional<String>> gridWorker) {
        Map<String, Pending> unique = new LinkedHashMap<>();
        for (Pending p : chunk) {
            unique.putIfAbsent(p.sourceRef(), p);
        }
        unique.keySet().removeAll(rosters.existingImported(unique.keySet()));
        if (unique.isEmpty()) {
            return new long[] {0, chunk.size()};
        }
        // one row per person, in hash order; a new person is stored with the values of their last row (the
        // other rows' differing values are kept as reported), a registered one is never changed
        TreeMap<String, RosterRepository.PersonRow> persons = new TreeMap<>();
        for (Pending p : unique.values()) {
            persons.put(HEX.formatHex(p.identityHash()), personRow(p));
        }
        Map<String, Long> personIds = rosters.insertOrFindPersons(new ArrayList<>(persons.values()));
        TreeMap<String, RosterRepository.ReturneeRow> returnees = new TreeMap<>();
        for (Pending p : unique.values()) {
            ReturneeValidator.Valid v = p.valid();
            long personId = personIds.get(HEX.formatHex(p.identityHash()));
            returnees.put(p.sourceRef(), new RosterRepository.ReturneeRow(personId, v.originCode(), v.leftRiskAreaOn(),
                    v.arrivedOn(), v.transportMode(), v.transportDetail(), v.companions(), v.destinationCode(),
                    v.destinationAddress(), p.sourceRef(), gridWorker.apply(v.destinationCode()).orElse(null), username));
        }
        List<RosterRepository.Inserted> inserted = rosters.insertReturnees(new ArrayList<>(returnees.values()));
        List<ReportedIdentities.Report> reported = new ArrayList<>(inserted.size());
        for (RosterRepository.Inserted r : inserted) {
            reported.add(new ReportedIdentities.Report(r.personId(), unique.get(r.sourceRef()).valid().person(),
                    ReportedIdentity.RecordType.RETURNEE, r.id(), r.destinationCode(), username));
        }
        reports.keepDiffering(reported);
        for (RosterRepository.Inserted r : inserted) {
            events.publishEvent(new ReturneeRegistered(r.id(), r.personId(), r.destinationCode(), r.arrivedOn(),
                    ReturneeSource.IMPORTED, r.responsibleUsername()));
        }
        return new long[] {inserted.size(), chunk.size() - inserted.size()};
    }

    private RosterRepository.PersonRow personRow(Pending p) {
        PersonData data = p.valid().person();
        IdNumber id = data.idNumber();
        String phone = data.phone() == null ? null : data.phone().value();
        return new RosterRepository.PersonRow(p.identityHash(), id.type(), data.nationality() == null ? "" : data.nationality(),
                cipher.encrypt(RegistryManagement.ID_FIELD, id.value()), data.name(), id.sex().map(Enum::name).orElse(null),
                id.birthDate().orElse(null), phone == null ? null : cipher.encrypt(RegistryManagement.PHONE_FIELD, phone),
                phone == null ? null : cipher.hash(RegistryManagement.PHONE_FIELD, phone), data.address());
    }

    /** yyyy-MM-dd (also / . 年月日 separators, an ignored time of day) or yyyyMMdd; null when not a date. */
    static LocalDate parseDate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TEXT.matcher(text);
        if (!m.matches()) {
            m = DATE_DIGITS.matcher(text);
            if (!m.matches()) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A problem's message: the roster's own wording when it has one, else the shared message. */
    String message(FieldProblem p, Locale locale) {
        return messages.getMessage(new DefaultMessageSourceResolvable(new String[] {OVERRIDE_PREFIX + p.code(), p.code()},
                p.args(), p.code()), locale);
    }

    private static Predicate<String> memo(Predicate<String> lookup) {
        Map<String, Boolean> known = new HashMap<>();
        return code -> {
            if (known.size() > MAX_MEMO) {
                known.clear();
            }
            return known.computeIfAbsent(code, lookup::test);
        };
    }

    private static <T> Function<String, T> memoFunction(Function<String, T> lookup) {
        Map<String, T> known = new HashMap<>();
        return code -> {
            if (known.size() > MAX_MEMO) {
                known.clear();
            }
            return known.computeIfAbsent(code, lookup);
        };
    }

    // ------------------------------------------------------------------ template

    /**
     * Writes the Excel template: a sheet with the Chinese headers (each with a comment giving the
     * English field name and what to fill in), text-formatted ID/phone/code columns and date-formatted
     * date columns, and a sheet of instructions in the user's language.
     */
    @SystemOperation
    public void writeTemplate(OutputStream out, Locale locale) throws IOException {
        Workbook workbook = new Workbook(out, "Cordon", "1.0");
        Worksheet sheet = workbook.newWorksheet(messages.getMessage("roster.sheet.data", null, locale));
        writeHeader(sheet, locale);
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.style(c).format(columns[c].isDate() ? "yyyy-mm-dd" : "@").set();
        }
        Worksheet help = workbook.newWorksheet(messages.getMessage("roster.sheet.help", null, locale));
        String[] helpHeader = {"roster.help.column", "roster.help.field", "roster.help.required", "roster.help.content"};
        for (int c = 0; c < helpHeader.length; c++) {
            help.inlineString(0, c, messages.getMessage(helpHeader[c], null, locale));
            help.style(0, c).bold().fillColor("F4E1DF").set();
        }
        for (int r = 0; r < columns.length; r++) {
            RosterColumn column = columns[r];
            help.inlineString(r + 1, 0, column.header());
            help.inlineString(r + 1, 1, column.field());
            help.inlineString(r + 1, 2, messages.getMessage(column.required() ? "roster.help.yes" : "roster.help.no", null, locale));
            help.inlineString(r + 1, 3, messages.getMessage("roster.help." + column.field(), null, locale));
        }
        help.width(0, 20);
        help.width(1, 20);
        help.width(2, 10);
        help.width(3, 90);
        help.inlineString(columns.length + 2, 0, messages.getMessage("roster.help.footer", null, locale));
        workbook.finish();
    }

    /**
     * Writes the CSV template (UTF-8 with byte-order mark): the Chinese headers, then a line with the
     * English field names, which the import skips.
     */
    @SystemOperation
    public void writeCsvTemplate(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFF");
        RosterColumn[] columns = RosterColumn.values();
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ",").append(RosterErrorFiles.csv(columns[i].header()));
        }
        sb.append("\r\n");
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ",").append(columns[i].field());
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void writeHeader(Worksheet sheet, Locale locale) {
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            RosterColumn column = columns[c];
            sheet.inlineString(0, c, column.header());
            sheet.style(0, c).bold().fillColor(column.required() ? "F4E1DF" : "EEF1F6").set();
            sheet.comment(0, c, column.field() + (column.required() ? " *" : "") + "\n"
                    + messages.getMessage("roster.help." + column.field(), null, locale));
            sheet.width(c, column == RosterColumn.ID_NUMBER || column == RosterColumn.DESTINATION_ADDRESS ? 22
                    : column.isDate() || column == RosterColumn.DESTINATION_CODE || column == RosterColumn.PHONE ? 16 : 12);
        }
        sheet.freezePane(0, 1);
    }

    // ------------------------------------------------------------------ export

    /** True when the user's role may export full (unmasked) values. */
    @PermissionQuery(Permission.PERSONAL_DATA_REVEAL)
    public boolean mayExportFull(CordonUser user) {
        return personalData.mayReveal(user);
    }

    /**
     * Checks an export before anything is written and returns the area to export: the given code
     * (trimmed) or, when blank, the user's own area.
     *
     * @throws AccessDeniedException     when the user may not export, the area lies outside the user's
     *                                   jurisdiction, or full values are asked for without permission
     * @throws ValidationFailedException (field {@code area}) when the area code is unknown
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public String exportArea(CordonUser user, String areaCode, boolean full) {
        String own = requireRegistrar(user);
        String area = areaCode == null || areaCode.isBlank() ? own : areaCode.trim();
        if (!AreaScope.of(user).covers(area)) {
            throw new AccessDeniedException("Area " + area + " is outside the jurisdiction of " + user.getUsername());
        }
        if (full && !personalData.mayReveal(user)) {
            throw new AccessDeniedException("Role " + user.role() + " may not export full personal data");
        }
        if (areas.findArea(area).isEmpty()) {
            throw new ValidationFailedException("area", "validation.area.unknown", area);
        }
        return area;
    }

    /**
     * Streams the roster of an area (returnees whose destination lies in its subtree, by destination
     * and arrival) as an .xlsx workbook to {@code out}: the template's columns, then origin and
     * destination names, status, source, responsible grid worker and registration time. Names, ID
     * numbers and phones are masked unless {@code full}. Always writes an audit entry (also when the
     * export breaks off, then marked incomplete).
     *
     * @return the number of returnee rows written
     * @throws AccessDeniedException     see {@link #exportArea}; nothing is written then
     * @throws ValidationFailedException see {@link #exportArea}; nothing is written then
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public long exportRoster(CordonUser user, String areaCode, boolean full, OutputStream out, Locale locale) throws IOException {
        String area = exportArea(user, areaCode, full);
        Disclosure shown = full
                ? personalData.revealFully(user, PersonalDataManagement.Record.inArea(AUDIT_RECORD_TYPE, area, area), "roster export")
                : Disclosure.masked();
        Map<String, String> areaNames = new HashMap<>();
        areas.findArea(area).ifPresent(a -> areaNames.put(a.code(), a.name()));
        for (Area a : areas.descendants(area)) {
            areaNames.put(a.code(), a.name());
        }
        Function<String, String> originNames = memoFunction(areas::divisionPath);
        ZoneId zone = settings.timeZone();
        long[] rows = {0};
        boolean completed = false;
        try {
            Workbook workbook = new Workbook(out, "Cordon", "1.0");
            Worksheet sheet = workbook.newWorksheet(messages.getMessage("roster.sheet.data", null, locale));
            writeHeader(sheet, locale);
            String[] extra = {"originName", "destinationName", "status", "source", "responsible", "registeredAt"};
            int first = RosterColumn.values().length;
            for (int i = 0; i < extra.length; i++) {
                sheet.inlineString(0, first + i, messages.getMessage("roster.export.column." + extra[i], null, locale));
                sheet.style(0, first + i).bold().fillColor("EEF1F6").set();
                sheet.width(first + i, i < 2 ? 24 : 14);
            }
            Map<String, String> statusNames = new HashMap<>();
            Map<String, String> sourceNames = new HashMap<>();
            readTx.executeWithoutResult(status -> rosters.exportRows(area, rs -> {
                int r = (int) ++rows[0];
                String name = rs.getString("name");
                String idNumber = cipher.decrypt(RegistryManagement.ID_FIELD, rs.getBytes("id_number_enc"));
                String phone = cipher.decrypt(RegistryManagement.PHONE_FIELD, rs.getBytes("phone_enc"));
                String mode = rs.getString("transport_mode");
                String origin = rs.getString("origin_code");
                String destination = rs.getString("destination_code");
                text(sheet, r, RosterColumn.NAME, shown.name(name).text());
                text(sheet, r, RosterColumn.ID_TYPE, RosterColumn.ID_TYPE_LABELS.get(rs.getString("id_type")));
                text(sheet, r, RosterColumn.ID_NUMBER, shown.idNumber(idNumber).text());
                text(sheet, r, RosterColumn.NATIONALITY, rs.getString("nationality"));
                text(sheet, r, RosterColumn.PHONE, phone == null ? null : shown.phone(phone).text());
                text(sheet, r, RosterColumn.ORIGIN_CODE, origin);
                date(sheet, r, RosterColumn.LEFT_RISK_AREA_ON, rs.getObject("left_risk_area_on", LocalDate.class));
                date(sheet, r, RosterColumn.ARRIVED_ON, rs.getObject("arrived_on", LocalDate.class));
                text(sheet, r, RosterColumn.TRANSPORT_MODE, mode == null ? null : RosterColumn.TRANSPORT_LABELS.get(mode));
                text(sheet, r, RosterColumn.TRANSPORT_DETAIL, rs.getString("transport_detail"));
                text(sheet, r, RosterColumn.COMPANIONS, rs.getString("companions"));
                text(sheet, r, RosterColumn.DESTINATION_CODE, destination);
                text(sheet, r, RosterColumn.DESTINATION_ADDRESS, rs.getString("destination_address"));
                inline(sheet, r, first, origin == null ? null : originNames.apply(origin));
                inline(sheet, r, first + 1, areaNames.get(destination));
                inline(sheet, r, first + 2, statusNames.computeIfAbsent(rs.getString("status"),
                        s -> messages.getMessage("returneeStatus." + s, null, s, locale)));
                inline(sheet, r, first + 3, sourceNames.computeIfAbsent(rs.getString("source"),
                        s -> messages.getMessage("returneeSource." + s, null, s, locale)));
                inline(sheet, r, first + 4, rs.getString("responsible_username"));
                sheet.value(r, first + 5, rs.getTimestamp("created_at").toInstant().atZone(zone).toLocalDateTime());
                sheet.style(r, first + 5).format("yyyy-mm-dd hh:mm").set();
                if (r % CHUNK_SIZE == 0) {
                    try {
                        sheet.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }));
            workbook.finish();
            completed = true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            String detail = "rows=" + rows[0] + ", full=" + full + (completed ? "" : ", incomplete");
            auditTx.executeWithoutResult(status -> audit.record(user.getUsername(), AuditLog.Action.EXPORT, AUDIT_RECORD_TYPE,
                    area, detail));
        }
        return rows[0];
    }

    private static void text(Worksheet sheet, int row, RosterColumn column, String value) {
        inline(sheet, row, column.ordinal(), value);
    }

    private static void inline(Worksheet sheet, int row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            // inline strings: a shared-strings table would keep every exported value in memory
            sheet.inlineString(row, column, value);
        }
    }

    private static void date(Worksheet sheet, int row, RosterColumn column, LocalDate value) {
        if (value != null) {
            sheet.value(row, column.ordinal(), value);
            sheet.style(row, column.ordinal()).format("yyyy-mm-dd").set();
        }
    }

    // ------------------------------------------------------------------ access

    /**
     * The area whose rosters the user keeps (the root of their jurisdiction).
     *
     * @throws AccessDeniedException for roles that do not keep rosters or users without an area
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public String rosterArea(CordonUser user) {
        return requireRegistrar(user);
    }

    /** The user's area, for registrar roles with an area jurisdiction. */
    private static String requireRegistrar(CordonUser user) {
        if (!RolePermissions.may(user, Permission.RETURNEE_REGISTER)) {
            throw new AccessDeniedException("Role " + (user == null ? null : user.role()) + " does not keep rosters");
        }
        if (user.jurisdiction().areaCode() == null) {
            throw new AccessDeniedException("Rosters are for staff with an area jurisdiction");
        }
        return user.jurisdiction().areaCode();
    }
}
