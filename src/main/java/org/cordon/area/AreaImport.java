package org.cordon.area;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TypedInput;
import org.cordon.shared.UploadSettings;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.tabular.HeaderSearch;
import org.cordon.shared.tabular.TabularColumn;
import org.cordon.shared.tabular.TabularException;
import org.cordon.shared.tabular.TabularLimits;
import org.cordon.shared.tabular.TabularReader;
import org.cordon.shared.tabular.TabularRow;
import org.cordon.shared.tabular.TabularWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports the area tree from a CSV file (header {@code code,name,parentCode,kind,households,residents}, or their
 * Chinese names) or an Excel workbook (.xlsx), read row by row through {@link TabularReader} like every import (CSV in
 * UTF-8 with or without byte-order mark or GB18030; at most {@link #LIMITS}, a workbook unpacking at most as far as
 * {@link UploadSettings} allow); the file is never held in memory. As with rosters, the header is found among the
 * first rows of each sheet ({@link HeaderSearch}: title rows above it, two-row headers), every sheet of a workbook
 * with the header is read and the others are reported ({@link ImportReport#skippedSheets()}), and codes are
 * normalised by {@link org.cordon.shared.TypedInput} (full-width digits, spaces of any kind) before they are checked.
 *
 * <p>Every row is validated on its own (see {@link NewArea}); valid rows are inserted or updated by
 * code in JDBC batches ({@code sample = false}), invalid rows are reported with their row number,
 * column and a message code, and nothing of them is stored. Importing the same file again inserts
 * nothing. A file that cannot be read at all (neither UTF-8 nor GB18030, not a workbook, beyond the limits, header
 * missing) is rejected as a whole with a {@link ValidationFailedException} on the field {@code file} (message code
 * {@code area.import.<kind>} of the {@link TabularException}); then nothing is stored.
 */
@Service
public class AreaImport {

    private static final Logger log = LoggerFactory.getLogger(AreaImport.class);
    /** Rows, columns and characters per cell an import file may have (a county has a few thousand nodes). */
    public static final TabularLimits LIMITS = new TabularLimits(100_000, 100, 10_000);
    private static final Map<String, String> HEADER_ALIASES = headerAliases();
    private static final HeaderSearch<String> HEADER_SEARCH = new HeaderSearch<>(h -> HEADER_ALIASES.get(normalise(h)),
            ImportReport.COLUMNS);
    private static final String UPSERT = """
            insert into area(code, name, kind, parent_code, households, residents, sample)
            values (?, ?, ?, ?, ?, ?, false)
            on conflict (code) do update set name = excluded.name, kind = excluded.kind, parent_code = excluded.parent_code,
              households = excluded.households, residents = excluded.residents, sample = false""";
    private static final int[] UPSERT_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
            Types.INTEGER};

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final AreaRules rules;
    private final AreaSettings settings;
    private final AreaManagement areas;
    private final MessageSource messages;
    private final TabularLimits limits;

    AreaImport(JdbcClient jdbc, JdbcTemplate jdbcTemplate, AreaRules rules, AreaSettings settings, AreaManagement areas,
               UploadSettings uploads, MessageSource messages) {
        this.limits = LIMITS.with(uploads.archiveLimits());
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.rules = rules;
        this.settings = settings;
        this.areas = areas;
        this.messages = messages;
    }

    /**
     * Imports a file (administrators only). All valid rows are stored in one transaction.
     *
     * @param content  the file's bytes; read once and closed
     * @param fileName the uploaded file's name (its extension helps to tell CSV from Excel); may be null
     * @param dryRun   check only: report what would happen and store nothing
     * @return counts and the rejected rows
     * @throws AccessDeniedException     for non-administrators
     * @throws ValidationFailedException (field {@code file}) when the file cannot be read; nothing is stored
     */
    @Transactional
    public ImportReport importAreas(CordonUser user, InputStream content, String fileName, boolean dryRun) {
        areas.requireAdmin(user);
        String root = areas.jurisdictionRoot(user);
        if (content == null) {
            throw new ValidationFailedException("file", "area.import.fileRequired");
        }
        ImportReport report;
        try (TabularReader source = TabularReader.open(content, limits)) {
            report = new Run(root, fileName, dryRun).read(source);
        } catch (TabularException e) {
            log.info("Import file {} refused: {}", fileName, e.getMessage());
            throw new ValidationFailedException(List.of(e.problem("file", "area.import")));
        } catch (IOException | UncheckedIOException e) {
            log.info("Unreadable import file {}: {}", fileName, e.toString());
            throw new ValidationFailedException("file", "area.import.unreadable");
        }
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        log.info("Area import of {} by {}{}: {} rows, {} inserted, {} updated, {} unchanged, {} rejected", fileName,
                user.getUsername(), dryRun ? " (dry run)" : "", report.rows(), report.inserted(), report.updated(),
                report.unchanged(), report.rejected());
        return report;
    }

    /**
     * Writes the rejected rows as a CSV file (through {@link TabularWriter#csv}: UTF-8 with byte-order mark, long
     * codes kept as text) that can be corrected and imported again: the import columns, then the row number and the
     * problems in the given language (the import ignores these two columns). The stream is left open.
     */
    public void writeRejectedRows(ImportReport report, Locale locale, OutputStream out) throws IOException {
        TabularWriter csv = TabularWriter.csv(out);
        List<TabularColumn> header = new ArrayList<>();
        ImportReport.COLUMNS.forEach(c -> header.add(TabularColumn.of(c)));
        header.add(TabularColumn.of("sheet"));
        header.add(TabularColumn.of("row"));
        header.add(TabularColumn.of("error"));
        csv.header(header);
        for (ImportReport.RejectedRow row : report.rejectedRows()) {
            List<Object> fields = new ArrayList<>(row.values());
            fields.add(row.sheet() == null ? "" : row.sheet());
            fields.add(row.row());
            StringBuilder error = new StringBuilder();
            for (FieldProblem p : row.problems()) {
                if (!error.isEmpty()) {
                    error.append("; ");
                }
                error.append(p.field()).append(": ").append(message(p, locale));
            }
            fields.add(error.toString());
            csv.row(fields);
        }
        csv.finish();
    }

    /** A problem's message in the given language. */
    public String message(FieldProblem problem, Locale locale) {
        return messages.getMessage(problem.code(), problem.args(), problem.code(), locale);
    }

    // ---- one import ----

    private final class Run {
        private final String root;
        private final String fileName;
        private final boolean dryRun;
        /** Codes accepted earlier in this file, with their sheets and row numbers. */
        private final Map<String, Location> accepted = new HashMap<>();
        /** Parent codes looked up in the database. */
        private final Map<String, Boolean> known = new HashMap<>();
        private final List<Area> batch = new ArrayList<>();
        private final List<ImportReport.RejectedRow> rejectedRows = new ArrayList<>();
        private final List<ImportReport.SkippedSheet> skippedSheets = new ArrayList<>();
        private String sheet;
        private int rows;
        private int inserted;
        private int updated;
        private int unchanged;
        private int rejected;

        Run(String root, String fileName, boolean dryRun) {
            this.root = root;
            this.fileName = fileName;
            this.dryRun = dryRun;
        }

        ImportReport read(TabularReader source) throws IOException {
            boolean read = false;
            boolean blank = true;
            HeaderSearch.Candidate<String> closest = null;
            do {
                sheet = source.sheet();
                if (source.sheetHidden()) {
                    skippedSheets.add(new ImportReport.SkippedSheet(sheet, "HIDDEN"));
                    continue;
                }
                HeaderSearch.Outcome<String> found = HEADER_SEARCH.find(source);
                if (!found.found()) {
                    blank &= found.blank();
                    if (found.closest() != null && (closest == null || found.closest().found().size() > closest.found().size())) {
                        closest = found.closest();
                    }
                    skippedSheets.add(new ImportReport.SkippedSheet(sheet, found.blank() ? "EMPTY" : "NO_HEADER"));
                    continue;
                }
                read = true;
                int[] columns = ImportReport.COLUMNS.stream().mapToInt(found.header().columns()::get).toArray();
                for (TabularRow cells : found.following()) {
                    data(cells, columns);
                }
                for (TabularRow cells = source.next(); cells != null; cells = source.next()) {
                    data(cells, columns);
                }
            } while (source.nextSheet());
            if (!read) {
                if (blank) {
                    throw new ValidationFailedException("file", "area.import.empty");
                }
                Set<String> found = closest == null ? Set.of() : closest.found();
                List<String> missing = ImportReport.COLUMNS.stream().filter(c -> !found.contains(c)).toList();
                throw new ValidationFailedException("file", "area.import.header", String.join(", ", missing),
                        String.join(",", ImportReport.COLUMNS), HeaderSearch.SEARCH_ROWS);
            }
            flush();
            return new ImportReport(fileName, dryRun, rows, inserted, updated, unchanged, rejected,
                    List.copyOf(rejectedRows), rejected > rejectedRows.size(), List.copyOf(skippedSheets));
        }

        private void data(TabularRow cells, int[] columns) {
            if (blank(cells)) {
                return;
            }
            rows++;
            List<String> values = new ArrayList<>(columns.length);
            for (int column : columns) {
                values.add(cells.text(column));
            }
            row(cells.number(), values);
        }

        private void row(int rowNumber, List<String> values) {
            List<FieldProblem> problems = new ArrayList<>();
            String code = AreaRules.code(values.get(0));
            Location first = accepted.get(code);
            if (first != null && first.sheet() == null) {
                problems.add(new FieldProblem("code", "area.import.duplicate", code, String.valueOf(first.row())));
            } else if (first != null) {
                problems.add(new FieldProblem("code", "area.import.duplicateInSheet", code, String.valueOf(first.row()),
                        first.sheet()));
            } else if (!code.isEmpty() && !code.startsWith(root) && code.startsWith(AreaRules.CITY_CODE)) {
                problems.add(new FieldProblem("code", "area.import.outsideJurisdiction", code, root));
            }
            NewArea input = new NewArea(values.get(0), values.get(1), values.get(3), values.get(2), values.get(4), values.get(5));
            Area area = rules.validate(input, this::parentExists, problems);
            if (!problems.isEmpty() || area == null) {
                rejected++;
                if (rejectedRows.size() < settings.importMaxErrors()) {
                    rejectedRows.add(new ImportReport.RejectedRow(sheet, rowNumber, List.copyOf(values), List.copyOf(problems)));
                }
                return;
            }
            accepted.put(area.code(), new Location(sheet, rowNumber));
            batch.add(area);
            if (batch.size() >= settings.importBatchSize()) {
                flush();
            }
        }

        private boolean parentExists(String code) {
            if (accepted.containsKey(code)) {
                return true;
            }
            return known.computeIfAbsent(code, c -> areas.findArea(c).isPresent());
        }

        /** Writes the batch: one query for the stored versions, one JDBC batch for new and changed nodes. */
        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Area> stored = new HashMap<>();
            jdbc.sql("select * from area where code in (:codes)")
                    .param("codes", batch.stream().map(Area::code).toList())
                    .query((rs, n) -> new Area(rs.getString("code"), rs.getString("name"), AreaKind.valueOf(rs.getString("kind")),
                            rs.getString("parent_code"), (Integer) rs.getObject("households"),
                            (Integer) rs.getObject("residents"), rs.getBoolean("sample")))
                    .list().forEach(a -> stored.put(a.code(), a));
            List<Object[]> writes = new ArrayList<>();
            for (Area a : batch) {
                Area old = stored.get(a.code());
                if (old == null) {
                    inserted++;
                } else if (old.equals(a)) {
                    unchanged++;
                    continue;
                } else {
                    updated++;
                }
                writes.add(new Object[]{a.code(), a.name(), a.kind().name(), a.parentCode(), a.households(), a.residents()});
            }
            if (!writes.isEmpty()) {
                areas.treeChanged();
                jdbcTemplate.batchUpdate(UPSERT, writes, UPSERT_TYPES);
            }
            batch.clear();
        }
    }

    /** Where a row was read. */
    private record Location(String sheet, int row) {
    }

    private static boolean blank(TabularRow row) {
        for (int i = 0; i < row.cells().size(); i++) {
            if (!TypedInput.blank(row.text(i))) {
                return false;
            }
        }
        return true;
    }

    private static String normalise(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> headerAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String column : ImportReport.COLUMNS) {
            aliases.put(normalise(column), column);
        }
        aliases.put("代码", "code");
        aliases.put("编码", "code");
        aliases.put("区划代码", "code");
        aliases.put("名称", "name");
        aliases.put("上级代码", "parentCode");
        aliases.put("parent", "parentCode");
        aliases.put("类型", "kind");
        aliases.put("户数", "households");
        aliases.put("人数", "residents");
        aliases.put("人口", "residents");
        return Map.copyOf(aliases);
    }
}
