package org.cordon.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
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
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
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
 * written straight to the caller's stream; names, ID numbers and phones are masked unless the
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
    /** Rows written between flushes of the sheet to the stream. */
    private static final int FLUSH_ROWS = 1000;

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
                if (r % FLUSH_ROWS == 0) {
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
        return RosterAccess.requireRegistrar(user);
    }
}
