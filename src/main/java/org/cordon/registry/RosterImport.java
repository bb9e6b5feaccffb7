package org.cordon.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.tabular.TabularCell;
import org.cordon.shared.tabular.TabularException;
import org.cordon.shared.tabular.TabularReader;
import org.cordon.shared.tabular.TabularRow;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One roster import as it runs: maps the header's columns, turns each row into a {@link ReturneeRequest},
 * validates it like a hand registration plus the importing user's jurisdiction, hands valid rows to the
 * {@link RosterChunkStore} and writes rejected ones to the error file as they are read. Only counts and the first
 * {@link RosterImportManagement#SHOWN_ERRORS} problems are kept in memory.
 */
final class RosterImport {

    /** Message codes tried before the shared ones, for texts that fit a spreadsheet better. */
    private static final String OVERRIDE_PREFIX = "roster.problem.";
    private static final Pattern DATE_TEXT = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern DATE_DIGITS = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    /** The most characters of a cell a problem's message quotes. */
    static final int QUOTED_CHARS = 50;
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d(?:\\.\\d+)?[eE]\\+?\\d+");

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
    private boolean moreErrors;
    private long read;
    private long rejected;
    private int lastRow;
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
     * Reads every row: the first non-blank one is the header (a second header line right under it is skipped),
     * then the data rows; blank rows are skipped. Stores the last chunk at the end.
     *
     * @throws ValidationFailedException (field {@code file}) when there is no header or it lacks a required column
     */
    void readAll(TabularReader rows) throws IOException {
        TabularRow header = rows.next();
        while (header != null && header.blank()) {
            header = rows.next();
        }
        if (header == null) {
            throw new ValidationFailedException("file", "roster.file.empty");
        }
        header(header);
        boolean first = true;
        for (TabularRow row = rows.next(); row != null; row = rows.next()) {
            if (row.blank() || templateColumnsBlank(row)) {
                continue;
            }
            if (first && isHeaderAgain(row)) {
                continue;
            }
            first = false;
            accept(row);
        }
        store.flush();
    }

    /** The outcome so far (problems in row order: those found when a chunk was stored come after the chunk's rows). */
    RosterReport report(String fileName, String format, long millis) {
        List<RosterRowError> errors = new ArrayList<>(shown);
        errors.sort(java.util.Comparator.comparingInt(RosterRowError::row));
        return new RosterReport(fileName, format, read, store.saved(), store.alreadyPresent(), rejected, List.copyOf(errors),
                moreErrors, errorFile == null ? null : errorFile.token(), errorFile == null ? 0 : errorFile.omitted(), millis);
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

    void closeErrorFile() {
        if (errorFile != null) {
            try {
                errorFile.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

    // ------------------------------------------------------------------ header

    private void header(TabularRow header) {
        for (int i = 0; i < header.cells().size(); i++) {
            TabularCell v = header.cell(i);
            RosterColumn column = v.blank() ? null : RosterColumn.forHeader(v.text());
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

    /**
     * A row that fills none of the template's columns (only columns the import ignores, e.g. the last line of an
     * error file that counts the rows left out of it) is no data row.
     */
    private boolean templateColumnsBlank(TabularRow row) {
        for (Integer i : index.values()) {
            if (!row.cell(i).blank()) {
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
            if (v.blank()) {
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

    private String text(TabularRow row, RosterColumn column) {
        TabularCell v = cell(row, column);
        if (v.blank()) {
            return null;
        }
        String text = v.text().strip();
        return text.isEmpty() ? null : text;
    }

    private LocalDate date(TabularRow row, RosterColumn column, List<FieldProblem> problems) {
        TabularCell v = cell(row, column);
        if (v.blank()) {
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

    // ------------------------------------------------------------------ rejected rows

    private void reject(TabularRow row, List<FieldProblem> problems) {
        reject(row.number(), values(row), problems);
    }

    /** The row's cells in template order, as the error file repeats them. */
    private List<String> values(TabularRow row) {
        List<String> values = new ArrayList<>(RosterColumn.values().length);
        for (RosterColumn c : RosterColumn.values()) {
            TabularCell v = cell(row, c);
            values.add(v.blank() ? "" : c.isDate() && v.date() != null ? v.date().toString() : v.text());
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
                shown.add(new RosterRowError(rowNumber, column, p.field(), p.code(), message));
            } else {
                moreErrors = true;
            }
            summary.append(summary.isEmpty() ? "" : "; ").append(column).append(": ").append(message);
        }
        errorFile().rejected(values, rowNumber, summary.toString());
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
