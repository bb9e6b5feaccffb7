package org.cordon.registry.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.CordonUser;
import org.cordon.registry.RosterErrorFile;
import org.cordon.registry.RosterExportManagement;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** Writes roster files (template, error file, export) to a response, shared by the page and the API. */
final class RosterDownloads {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private RosterDownloads() {
    }

    static void template(RosterExportManagement rosters, String format, Locale locale, HttpServletResponse response) throws IOException {
        boolean csv = "csv".equalsIgnoreCase(format);
        attachment(response, csv ? "text/csv;charset=UTF-8" : XLSX, csv ? "返乡人员名单模板.csv" : "返乡人员名单模板.xlsx");
        OutputStream out = response.getOutputStream();
        if (csv) {
            rosters.writeCsvTemplate(out);
        } else {
            rosters.writeTemplate(out, locale);
        }
        out.flush();
    }

    static void errorFile(RosterErrorFile file, String token, HttpServletResponse response) throws IOException {
        attachment(response, "text/csv;charset=UTF-8", "roster-errors-" + token.substring(0, 8) + ".csv");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = response.getOutputStream();
        file.writeTo(out);
        out.flush();
    }

    /** The caller has checked the export ({@link RosterExportManagement#exportArea}); streams the workbook. */
    static void export(RosterExportManagement rosters, CordonUser user, String area, boolean full, Locale locale,
                       HttpServletResponse response) throws IOException {
        String name = "roster-" + area + "-" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + (full ? "-full" : "") + ".xlsx";
        attachment(response, XLSX, name);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = response.getOutputStream();
        rosters.exportRoster(user, area, full, out, locale);
        out.flush();
    }

    private static void attachment(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    }
}
