package org.cordon.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.TypedDate;
import org.cordon.shared.TypedInput;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.tabular.HeaderSearch;
import org.cordon.shared.tabular.TabularCell;
import org.cordon.shared.tabular.TabularException;
import org.cordon.shared.tabular.TabularReader;
import org.cordon.shared.tabular.TabularRow;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One roster import as it runs: finds each sheet's header, maps its columns, turns each row into a
 * {@link ReturneeRequest}, validates it like a hand registration plus the importing user's jurisdiction, hands valid
 * rows to the {@link RosterChunkStore} and writes rejected ones to the error file as they are read. Only counts and
 * the first {@link RosterImportManagement#SHOWN_ERRORS} problems are kept in memory.
 *
 * <p>As rosters really arrive: the header is looked for among the first rows of every sheet ({@link HeaderSearch}:
 * title rows above it, two-row headers with merged group cells); every sheet of a workbook that has the header is
 * read, the others are reported as skipped; cells are trimmed of spaces of any kind and invisible characters (the
 * value types normalise IDs, phones, codes and plates, {@link TypedInput}); dates are read by {@link TypedDate}.
 */
final class RosterImport {

    /** Message codes tried before the shared ones, for texts that fit a spreadsheet better. */
    private static final String OVERRIDE_PREFIX = "roster.problem.";
    /** The most characters of a cell a problem's message quotes. */
    static final int QUOTED_CHARS = 50;
    /** The most cells of a row a message quotes (a sheet without header). */
    private static final int QUOTED_CELLS = 8;
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d(?:\\.\\d+)?[eE]\\+?\\d+");
    private static final HeaderSearch<RosterColumn> HEADER_SEARCH = new HeaderSearch<>(RosterColumn::forHeader,
            Arrays.stream(RosterColumn.values()).filter(RosterColumn::required).toList());

    private final CordonUser user;
    private final Locale locale;
    private final LocalDate today;
    private final ReturneeValidator validator;
    private final RosterChunkStore.Run store;
    private final RosterErrorFiles errorFiles;
    private final MessageSource messages;
    private final EnumMap<RosterColumn, Integer> index = new EnumMap<>(RosterColumn.class);
    private final Map<RosterColumn, String> headers = new EnumMap<>(RosterColumn.class);
    private final List<RosterRowError> shown = new ArrayList<>();
    private final List<RosterReport.Sheet> sheets = new ArrayList<>();
    private final List<RosterReport.SkippedSheet> skipped = new ArrayList<>();
    private boolean moreErrors;
    private long read;
    private long rejected;
    private int lastRow;
    private String sheet;
    private long sheetRead;
    private long sheetRejected;
    private RosterErrorFiles.Writer errorFile;

    /**
     * @param today the city's today, for the validator's date rules
     */
    RosterImport(CordonUser user, Locale locale, LocalDate today, ReturneeValidator validator, RosterChunkStore store,
                 RosterErrorFiles errorFiles, MessageSource messages) {
        this.user = user;
        this.locale = locale;
        this.today = today;
        this.validator = validator;
        this.store = store.start(user, this::reject);
        this.errorFiles = errorFiles;
        this.messages = messages;
    }

    /**
     * Reads every sheet (the one table of a CSV file): the header is found among its first rows (a second header
     * line right under it is skipped), then the data rows are read; blank rows are skipped. A hidden sheet, a blank
     * one and one without the header are skipped and reported. Stores the last chunk at the end.
     *
     * @throws ValidationFailedException (field {@code file}) when no sheet has a blank-free header naming every
     *                                   required column: {@code roster.file.empty} (nothing in the file),
     *                                   {@code roster.file.missingColumns} (the closest row and what it lacks) or
     *                                   {@code roster.file.noHeader} (what was looked for, what the first row holds)
     */
    void readAll(TabularReader rows) throws IOException {
        boolean workbook = rows.sheet() != null;
        HeaderSearch.Outcome<RosterColumn> closest = null;
        String closestSheet = null;
        HeaderSearch.Outcome<RosterColumn> first = null;
        String firstSheet = null;
        do {
            sheet = rows.sheet();
            if (rows.sheetHidden()) {
                skip("HIDDEN", sheet);
                continue;
            }
            HeaderSearch.Outcome<RosterColumn> found = HEADER_SEARCH.find(rows);
            if (!found.found()) {
                if (found.blank()) {
                    skip("EMPTY", sheet);
                    continue;
                }
                if (first == null) {
                    first = found;
                    firstSheet = sheet;
                }
                if (found.closest() != null && (closest == null
                        || found.closest().found().size() > closest.closest().found().size())) {
                    closest = found;
                    closestSheet = sheet;
                }
                skip("NO_HEADER", sheet, found);
                continue;
            }
            readSheet(rows, found);
        } while (rows.nextSheet());
        store.flush();
        if (sheets.isEmpty()) {
            throw noHeader(workbook, closest, closestSheet, first, firstSheet);
        }
    }

    private void readSheet(TabularReader rows, HeaderSearch.Outcome<RosterColumn> found) throws IOException {
        header(found.header());
        sheetRead = 0;
        sheetRejected = 0;
        boolean[] first = {true};
        for (TabularRow row : found.following()) {
            data(row, first);
        }
        for (TabularRow row = rows.next(); row != null; row = rows.next()) {
            data(row, first);
        }
        // the sheet's last chunk is stored now, so that the rows it rejects are counted and named with their sheet
        store.flush();
        sheets.add(new RosterReport.Sheet(sheet, found.header().row(), sheetRead, sheetRejected));
    }

    private void data(TabularRow row, boolean[] first) {
        if (blank(row) || templateColumnsBlank(row)) {
            return;
        }
        if (first[0] && isHeaderAgain(row)) {
            first[0] = false;
            return;
        }
        first[0] = false;
        accept(row);
    }

    /** The outcome so far (problems in row order: those found when a chunk was stored come after the chunk's rows). */
    RosterReport report(String fileName, String format, long millis) {
        // the rows a chunk rejected when it was stored (at the latest when its sheet ended) come after the chunk's rows
        Map<String, Integer> order = new HashMap<>();
        for (RosterReport.Sheet s : sheets) {
            order.put(s.name(), order.size());
        }
        List<RosterRowError> errors = new ArrayList<>(shown);
        errors.sort(Comparator.comparingInt((RosterRowError e) -> order.getOrDefault(e.sheet(), order.size()))
                .thenComparingInt(RosterRowError::row));
        return new RosterReport(fileName, format, read, store.saved(), store.alreadyPresent(), rejected, List.copyOf(errors),
                moreErrors, errorFile == null ? null : errorFile.token(), errorFile == null ? 0 : errorFile.omitted(), millis,
                List.copyOf(sheets), List.copyOf(skipped));
    }

    /**
     * The problem to report when reading stops at a problem of the file as a whole ({@code null}: the input failed):
     * {@code roster.file.<kind>} with the row, the limit and the number of rows stored before (chunks stored stay
     * stored); an unreadable file says where it broke off.
     */
    ValidationFailedException refused(TabularException problem) {
        return refused(problem, read, lastRow, store.saved() + store.alreadyPresent());
    }

    /** {@link #refused(TabularException)} after {@code read} data rows, the last of them {@code lastRow}. */
    static ValidationFailedException refused(TabularException problem, long read, int lastRow, long stored) {
        if (problem == null || problem.kind() == TabularException.Kind.UNREADABLE) {
            if (read == 0) {
                return new ValidationFailedException("file", "roster.file.unreadable");
            }
            return new ValidationFailedException("file", "roster.file.unreadableAfter", String.valueOf(lastRow), stored);
        }
        return new ValidationFailedException("file", problem.code("roster.file"), String.valueOf(problem.row()), problem.limit(),
                stored);
    }

    /** Ends the import: the chunk being stored (if any) finishes and hands back its rejections, then the error file closes. */
    void closeErrorFile() {
        store.close();
        if (errorFile != null) {
            try {
                errorFile.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ header

    private void header(HeaderSearch.Header<RosterColumn> header) {
        index.clear();
        headers.clear();
        index.putAll(header.columns());
        headers.putAll(header.labels());
        lastRow = header.row();
    }

    private void skip(String reason, String name) {
        skipped.add(new RosterReport.SkippedSheet(name, reason, text("roster.sheet.skipped." + reason, name)));
    }

    private void skip(String reason, String name, HeaderSearch.Outcome<RosterColumn> found) {
        String closest = found.closest() == null ? ""
                : text("roster.sheet.closest", String.valueOf(found.closest().row()), columns(missing(found.closest().found())));
        skipped.add(new RosterReport.SkippedSheet(name, reason, text("roster.sheet.skipped." + reason, name,
                HeaderSearch.SEARCH_ROWS, columns(required()), closest)));
    }

    /** The refusal of a file in which no sheet has the header. */
    private ValidationFailedException noHeader(boolean workbook, HeaderSearch.Outcome<RosterColumn> closest, String closestSheet,
                                               HeaderSearch.Outcome<RosterColumn> first, String firstSheet) {
        if (first == null) {
            return new ValidationFailedException("file", "roster.file.empty");
        }
        if (closest != null) {
            HeaderSearch.Candidate<RosterColumn> c = closest.closest();
            return new ValidationFailedException("file", "roster.file.missingColumns", columns(missing(c.found())),
                    location(workbook, closestSheet, c.row()), columns(c.found()));
        }
        List<String> cells = new ArrayList<>();
        for (TabularCell cell : first.firstRow().cells()) {
            if (!TypedInput.blank(cell.text()) && cells.size() < QUOTED_CELLS) {
                cells.add("“" + RosterErrorFiles.cut(cell.text().strip(), QUOTED_CHARS) + "”");
            }
        }
        return new ValidationFailedException("file", "roster.file.noHeader", HeaderSearch.SEARCH_ROWS, columns(required()),
                location(workbook, firstSheet, first.firstRow().number()), String.join(separator(), cells));
    }

    private static List<RosterColumn> required() {
        return Arrays.stream(RosterColumn.values()).filter(RosterColumn::required).toList();
    }

    private static List<RosterColumn> missing(Collection<RosterColumn> found) {
        return required().stream().filter(c -> !found.contains(c)).toList();
    }

    /** Columns as the messages name them: the template's header and the English field name. */
    private String columns(Collection<RosterColumn> columns) {
        List<String> names = new ArrayList<>();
        for (RosterColumn c : columns) {
            names.add(c.header() + " (" + c.field() + ")");
        }
        return String.join(separator(), names);
    }

    private String separator() {
        return "zh".equals(locale.getLanguage()) ? "、" : ", ";
    }

    /** "row 3", or "sheet “名单” row 3" for a workbook. */
    private String location(boolean workbook, String sheetName, int row) {
        return workbook ? text("roster.location.sheetRow", sheetName, String.valueOf(row))
                : text("roster.location.row", String.valueOf(row));
    }

    private String text(String code, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }

    /**
     * A row that fills none of the template's columns (only columns the import ignores, e.g. the last line of an
     * error file that counts the rows left out of it) is no data row.
     */
    private boolean templateColumnsBlank(TabularRow row) {
        for (Integer i : index.values()) {
            if (!TypedInput.blank(row.text(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(TabularRow row) {
        for (TabularCell cell : row.cells()) {
            if (!TypedInput.blank(cell.text())) {
                return false;
            }
        }
        return true;
    }

    /** A second header line (e.g. the English field names under the Chinese headers of the CSV template). */
    private boolean isHeaderAgain(TabularRow row) {
        boolean any = false;
        for (Map.Entry<RosterColumn, Integer> e : index.entrySet()) {
            TabularCell v = row.cell(e.getValue());
            if (TypedInput.blank(v.text())) {
                continue;
            }
            if (RosterColumn.forHeader(v.text()) != e.getKey()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    // ------------------------------------------------------------------ rows

    private void accept(TabularRow row) {
        read++;
        sheetRead++;
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
        store.add(result.valid(), row.number(), values(row));
    }

    private ReturneeRequest request(TabularRow row, List<FieldProblem> problems) {
        String idNumber = text(row, RosterColumn.ID_NUMBER);
        TabularCell idCell = cell(row, RosterColumn.ID_NUMBER);
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

    private TabularCell cell(TabularRow row, RosterColumn column) {
        Integer i = index.get(column);
        return i == null ? TabularCell.EMPTY : row.cell(i);
    }

    /**
     * The cell's text trimmed of spaces of any kind (no-break and ideographic ones too); null for a cell of nothing
     * but spaces and invisible characters. Invisible characters inside stay: the value types remove them from IDs,
     * phones and codes, {@link org.cordon.shared.TextRules} refuses them in names.
     */
    private String text(TabularRow row, RosterColumn column) {
        String text = cell(row, column).text();
        return TypedInput.blank(text) ? null : TypedInput.trim(text);
    }

    /**
     * A date column: a workbook's number cell is an Excel date (accepted in {@link TypedDate}'s plausible window),
     * a text is read by {@link TypedDate#parse}.
     */
    private LocalDate date(TabularRow row, RosterColumn column, List<FieldProblem> problems) {
        TabularCell v = cell(row, column);
        String text = text(row, column);
        if (text == null) {
            return null;
        }
        try {
            if (v.number() != null && v.date() != null) {
                if (!TypedDate.plausible(v.date(), today)) {
                    throw new InvalidValueException(TypedDate.IMPLAUSIBLE, v.date().toString(), v.date().toString());
                }
                return v.date();
            }
            return TypedDate.parse(text, today);
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(column.field(), e.messageCode(), e.args()));
            return null;
        }
    }

    // ------------------------------------------------------------------ rejected rows

    private void reject(TabularRow row, List<FieldProblem> problems) {
        reject(row.number(), values(row), problems);
    }

    /** The row's cells in template order, as the error file repeats them. */
    private List<String> values(TabularRow row) {
        List<String> values = new ArrayList<>(RosterColumn.values().length);
        for (RosterColumn c : RosterColumn.values()) {
            TabularCell v = cell(row, c);
            values.add(TypedInput.blank(v.text()) ? "" : c.isDate() && v.date() != null ? v.date().toString() : v.text());
        }
        return values;
    }

    /** Counts a rejected row, keeps its first problems for the report and writes it to the error file. */
    private void reject(int rowNumber, List<String> values, List<FieldProblem> problems) {
        rejected++;
        StringBuilder summary = new StringBuilder();
        for (FieldProblem p : problems) {
            String column = columnName(p.field());
            String message = message(p);
            if (shown.size() < RosterImportManagement.SHOWN_ERRORS) {
                shown.add(new RosterRowError(sheet, rowNumber, column, p.field(), p.code(), message));
            } else {
                moreErrors = true;
            }
            summary.append(summary.isEmpty() ? "" : "; ").append(column).append(": ").append(message);
        }
        sheetRejected++;
        errorFile().rejected(values, sheet, rowNumber, summary.toString());
    }

    private RosterErrorFiles.Writer errorFile() {
        if (errorFile == null) {
            try {
                errorFile = errorFiles.create(user.getUsername(), locale);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return errorFile;
    }

    private String columnName(String field) {
        RosterColumn c = RosterColumn.forField(field);
        if (c == null) {
            return field;
        }
        return headers.getOrDefault(c, c.header());
    }

    /**
     * A problem's message: the roster's own wording when it has one, else the shared message. A value the message
     * quotes is cut to {@link #QUOTED_CHARS} characters, so that a long cell is not repeated in full in the report
     * and the error file.
     */
    private String message(FieldProblem p) {
        Object[] args = p.args().clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String text) {
                args[i] = RosterErrorFiles.cut(text, QUOTED_CHARS);
            }
        }
        return messages.getMessage(new DefaultMessageSourceResolvable(new String[] {OVERRIDE_PREFIX + p.code(), p.code()},
                args, p.code()), locale);
    }
}
