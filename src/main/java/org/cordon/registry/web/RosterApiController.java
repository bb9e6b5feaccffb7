package org.cordon.registry.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.CordonUser;
import org.cordon.registry.RosterErrorFile;
import org.cordon.registry.RosterExportManagement;
import org.cordon.registry.RosterImportManagement;
import org.cordon.registry.RosterReport;
import org.cordon.registry.RosterRowError;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * JSON API of rosters (造册): the Excel template, the import of a roster file and the export of an
 * area's roster. HTTP Basic; limited to the caller's jurisdiction. Uploads are bounded by
 * {@code spring.servlet.multipart.max-file-size} / {@code max-request-size} (20 MB; a 100,000-row file is about
 * 6.3 MB as .xlsx, 10.3 MB as CSV; beyond: 413) and a workbook's unpacking by {@code cordon.upload.*} (400).
 */
@RestController
@RequestMapping("/api/v1/returnees/roster")
@Tag(name = "Rosters")
@SecurityRequirement(name = "basic")
class RosterApiController {

    /** The import report with the error file's URL. */
    record ImportResponse(String fileName, String format, long read, long saved, long alreadyPresent, long rejected,
                          List<RosterRowError> errors, boolean moreErrors, String errorFile, long errorFileOmitted, long millis,
                          List<RosterReport.Sheet> sheets, List<RosterReport.SkippedSheet> skippedSheets) {

        static ImportResponse of(RosterReport r) {
            return new ImportResponse(r.fileName(), r.format(), r.read(), r.saved(), r.alreadyPresent(), r.rejected(),
                    r.errors(), r.moreErrors(),
                    r.errorFileToken() == null ? null : "/api/v1/returnees/roster/errors/" + r.errorFileToken(),
                    r.errorFileOmitted(), r.millis(), r.sheets(), r.skippedSheets());
        }
    }

    private final RosterImportManagement imports;
    private final RosterExportManagement exports;

    RosterApiController(RosterImportManagement imports, RosterExportManagement exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @GetMapping("/template")
    @Operation(summary = "The roster template (.xlsx; format=csv for CSV)",
            description = "Chinese headers; each header's comment gives the English field name. Import accepts both.")
    void template(@Parameter(description = "xlsx (default) or csv") @RequestParam(defaultValue = "xlsx") String format,
                  Locale locale, HttpServletResponse response) throws IOException {
        RosterDownloads.template(exports, format, locale, response);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a roster (Excel .xlsx or CSV)",
            description = "Every row is validated like a hand registration and must lie in the caller's jurisdiction. "
                    + "Valid rows are stored as returnees (source IMPORTED), invalid rows reported with row number, column, "
                    + "code and message (first " + RosterImportManagement.SHOWN_ERRORS + "; all of them in the error file). "
                    + "Importing the same rows again stores nothing new. The header is looked for in the first "
                    + "10 non-blank rows of each sheet (title rows and two-row merged headers are fine); every sheet with it "
                    + "is read (errors name the sheet and its row), the others are listed in skippedSheets. ID numbers, "
                    + "phones and codes are normalised (full-width characters, spaces of any kind, zero-width characters); "
                    + "dates may be 2020-01-22, 2020/1/22, 2020.1.22, 2020年1月22日, 2020年01月25号, 20年1月22日, 20200122 "
                    + "or date cells. 400 when no sheet has the header or the file as a whole is unusable.")
    ImportResponse importRoster(@AuthenticationPrincipal CordonUser user, @RequestPart(name = "file", required = false) MultipartFile file,
                                Locale locale) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new ValidationFailedException("file", "roster.file.required");
        }
        try (InputStream in = file.getInputStream()) {
            return ImportResponse.of(imports.importRoster(user, in, file.getOriginalFilename(), locale));
        }
    }

    @GetMapping("/errors/{token}")
    @Operation(summary = "The rejected rows of an import as CSV (only for the user who imported; encrypted at rest, "
            + "deleted after cordon.roster.error-files.lifetime, 24 hours by default)")
    void errors(@AuthenticationPrincipal CordonUser user, @PathVariable String token, HttpServletResponse response) throws IOException {
        RosterErrorFile file = imports.errorFile(user, token).orElseThrow(() -> new NotFoundException("Roster error file " + token));
        RosterDownloads.errorFile(file, token, response);
    }

    @GetMapping("/export")
    @Operation(summary = "Export an area's roster as .xlsx (masked; full=true needs a reveal role; always audit-logged)")
    void export(@AuthenticationPrincipal CordonUser user,
                @Parameter(description = "area-tree code; default the caller's area") @RequestParam(required = false) String area,
                @RequestParam(defaultValue = "false") boolean full, Locale locale, HttpServletResponse response) throws IOException {
        String code = exports.exportArea(user, area, full);
        RosterDownloads.export(exports, user, code, full, locale, response);
    }
}
