package org.cordon.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.cordon.account.AreaScope;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Disclosure;
import org.cordon.account.Permission;
import org.cordon.account.PermissionQuery;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.cordon.shared.tabular.TabularColumn;
import org.cordon.shared.tabular.TabularWriter;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rosters (造册) out of Cordon: the Excel and CSV templates and the export of an area's returnees.
 *
 * <p><b>Export.</b> Streams the area's returnees from a database cursor into an .xlsx workbook
 * ({@link TabularWriter#xlsx}) written straight to the caller's stream; names, ID numbers and phones are masked unless the
 * user's role may reveal them and asks for full values (then revealed through
 * {@link PersonalDataManagement#revealFully}). Every export is audit-logged (action EXPORT, record type
 * {@value #AUDIT_RECORD_TYPE}, record id = area code).
 *
 * <p>Export is for grid workers, medical staff, commanders and administrators with an area jurisdiction;
 * everyone else gets {@link AccessDeniedException}. The templates are for anyone.
 */
@Service
public class RosterExportManagement {

    /** Audit record type of roster exports. */
    public static final String AUDIT_RECORD_TYPE = "roster";

    private final RosterRepository rosters;
    private final AreaManagement areas;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final PersonalDataManagement personalData;
    private final CordonSettings settings;
    private final MessageSource messages;
    private final TransactionTemplate readTx;
    private final TransactionTemplate auditTx;

    RosterExportManagement(RosterRepository rosters, AreaManagement areas, PersonalDataCipher cipher, AuditLog audit,
                           PersonalDataManagement personalData, CordonSettings settings, MessageSource messages,
                           PlatformTransactionManager transactions) {
        this.rosters = rosters;
        this.areas = areas;
        this.cipher = cipher;
        this.audit = audit;
        this.personalData = personalData;
        this.settings = settings;
        this.messages = messages;
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.auditTx = new TransactionTemplate(transactions);
        this.auditTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ------------------------------------------------------------------ template

    /**
     * Writes the Excel template: a sheet with the Chinese headers (each with a comment giving the
     * English field name and what to fill in), text-formatted ID/phone/code columns and date-formatted
     * date columns, and a sheet of instructions in the user's language.
     */
    @SystemOperation
    public void writeTemplate(OutputStream out, Locale locale) throws IOException {
        TabularWriter workbook = TabularWriter.xlsx(out);
        workbook.sheet(messages.getMessage("roster.sheet.data", null, locale)).header(columns(locale));
        workbook.sheet(messages.getMessage("roster.sheet.help", null, locale));
        double[] widths = {20, 20, 10, 90};
        String[] helpHeader = {"roster.help.column", "roster.help.field", "roster.help.required", "roster.help.content"};
        List<TabularColumn> help = new ArrayList<>();
        for (int c = 0; c < helpHeader.length; c++) {
            help.add(TabularColumn.of(messages.getMessage(helpHeader[c], null, locale)).width(widths[c]).emphasised(true));
        }
        workbook.header(help);
        for (RosterColumn column : RosterColumn.values()) {
            workbook.row(column.header(), column.field(),
                    messages.getMessage(column.required() ? "roster.help.yes" : "roster.help.no", null, locale),
                    messages.getMessage("roster.help." + column.field(), null, locale));
        }
        workbook.row();
        workbook.row(messages.getMessage("roster.help.footer", null, locale));
        workbook.finish();
    }

    /**
     * Writes the CSV template (UTF-8 with byte-order mark): the Chinese headers, then a line with the
     * English field names, which the import skips.
     */
    @SystemOperation
    public void writeCsvTemplate(OutputStream out) throws IOException {
        TabularWriter csv = TabularWriter.csv(out);
        List<String> headers = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (RosterColumn column : RosterColumn.values()) {
            headers.add(column.header());
            fields.add(column.field());
        }
        csv.row(headers).row(fields);
        csv.finish();
    }

    /**
     * The template's columns: Chinese headers (required ones emphasised) with the English field name and what to
     * fill in as a note; ID numbers, phones and codes as text, dates as dates.
     */
    private List<TabularColumn> columns(Locale locale) {
        List<TabularColumn> columns = new ArrayList<>();
        for (RosterColumn column : RosterColumn.values()) {
            columns.add(TabularColumn.of(column.header())
                    .emphasised(column.required())
                    .note(column.field() + (column.required() ? " *" : "") + "\n"
                            + messages.getMessage("roster.help." + column.field(), null, locale))
                    .width(column == RosterColumn.ID_NUMBER || column == RosterColumn.DESTINATION_ADDRESS ? 22
                            : column.isDate() || column == RosterColumn.DESTINATION_CODE || column == RosterColumn.PHONE ? 16 : 12)
                    .content(column.isDate() ? TabularColumn.Content.DATE : TabularColumn.Content.TEXT));
        }
        return columns;
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
        String own = RosterAccess.requireRegistrar(user);
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
        Function<String, String> originNames = RosterMemo.function(areas::divisionPath);
        ZoneId zone = settings.timeZone();
        long[] rows = {0};
        boolean completed = false;
        try {
            TabularWriter workbook = TabularWriter.xlsx(out);
            List<TabularColumn> header = columns(locale);
            String[] extra = {"originName", "destinationName", "status", "source", "responsible", "registeredAt"};
            for (int i = 0; i < extra.length; i++) {
                header.add(TabularColumn.of(messages.getMessage("roster.export.column." + extra[i], null, locale))
                        .width(i < 2 ? 24 : 14));
            }
            workbook.sheet(messages.getMessage("roster.sheet.data", null, locale)).header(header);
            Map<String, String> statusNames = new HashMap<>();
            Map<String, String> sourceNames = new HashMap<>();
            readTx.executeWithoutResult(status -> rosters.exportRows(area, rs -> {
                rows[0]++;
                String idNumber = cipher.decrypt(RegistryManagement.ID_FIELD, rs.getBytes("id_number_enc"));
                String phone = cipher.decrypt(RegistryManagement.PHONE_FIELD, rs.getBytes("phone_enc"));
                String mode = rs.getString("transport_mode");
                String origin = rs.getString("origin_code");
                String destination = rs.getString("destination_code");
                // in RosterColumn order, then the extra columns
                List<Object> cells = Arrays.asList(
                        shown.name(rs.getString("name")).text(),
                        RosterColumn.ID_TYPE_LABELS.get(rs.getString("id_type")),
                        shown.idNumber(idNumber).text(),
                        rs.getString("nationality"),
                        phone == null ? null : shown.phone(phone).text(),
                        origin,
                        rs.getObject("left_risk_area_on", LocalDate.class),
                        rs.getObject("arrived_on", LocalDate.class),
                        mode == null ? null : RosterColumn.TRANSPORT_LABELS.get(mode),
                        rs.getString("transport_detail"),
                        rs.getString("companions"),
                        destination,
                        rs.getString("destination_address"),
                        origin == null ? null : originNames.apply(origin),
                        areaNames.get(destination),
                        statusNames.computeIfAbsent(rs.getString("status"),
                                s -> messages.getMessage("returneeStatus." + s, null, s, locale)),
                        sourceNames.computeIfAbsent(rs.getString("source"),
                                s -> messages.getMessage("returneeSource." + s, null, s, locale)),
                        rs.getString("responsible_username"),
                        rs.getTimestamp("created_at").toInstant().atZone(zone).toLocalDateTime());
                try {
                    workbook.row(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
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

    // ------------------------------------------------------------------ access

    /**
     * The area whose rosters the user keeps (the root of their jurisdiction).
     *
     * @throws AccessDeniedException for roles that do not keep rosters or users without an area
     */
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public String rosterArea(CordonUser user) {
        return RosterAccess.requireRegistrar(user);
    }
}
