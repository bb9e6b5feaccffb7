package org.cordon.registry.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.CordonUser;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.registry.RosterErrorFile;
import org.cordon.registry.RosterErrorFileSettings;
import org.cordon.registry.RosterExportManagement;
import org.cordon.registry.RosterImportManagement;
import org.cordon.registry.RosterReport;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.ApiExceptionHandler;
import org.cordon.shared.web.UploadSizeFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * The roster page (造册导入导出): template downloads, upload with the import's result and error
 * table, error-file download and the export form. Uploads are limited by
 * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size} (20 MB: about 300,000 rows of .xlsx or
 * 200,000 of CSV); a larger upload shows the page again with a message (status 413).
 */
@Controller
@RequestMapping("/returnees/roster")
class RosterPageController {

    /** Areas offered in the export form's suggestions at most. */
    private static final int MAX_AREA_SUGGESTIONS = 500;

    private final RosterImportManagement imports;
    private final RosterExportManagement exports;
    private final AreaManagement areas;
    private final MessageSource messages;
    private final DataSize maxUploadSize;
    private final RosterErrorFileSettings errorFiles;

    RosterPageController(RosterImportManagement imports, RosterExportManagement exports, AreaManagement areas, MessageSource messages,
                         @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxUploadSize,
                         RosterErrorFileSettings errorFiles) {
        this.errorFiles = errorFiles;
        this.imports = imports;
        this.exports = exports;
        this.areas = areas;
        this.messages = messages;
        this.maxUploadSize = maxUploadSize;
    }

    /** An upload beyond the multipart limits (parsed lazily, so raised while this controller's arguments resolve, or by
     * Tomcat when the locale interceptor reads {@code lang} first). */
    @ExceptionHandler({MaxUploadSizeExceededException.class, SizeException.class})
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String uploadTooLarge(@AuthenticationPrincipal CordonUser user, Locale locale, Model model) {
        return page(user, null, tooLargeMessage(locale), null, model);
    }

    /** The page; {@code ?tooLarge} after an upload the {@link UploadSizeFilter} refused says so at the upload. */
    @GetMapping
    String page(@AuthenticationPrincipal CordonUser user,
                @RequestParam(name = UploadSizeFilter.TOO_LARGE_PARAMETER, required = false) String tooLarge, Locale locale,
                Model model) {
        return page(user, null, tooLarge == null ? null : tooLargeMessage(locale), null, model);
    }

    private String tooLargeMessage(Locale locale) {
        return messages.getMessage("problem.tooLarge.detail", new Object[] {ApiExceptionHandler.uploadLimitMegabytes(maxUploadSize)},
                locale);
    }

    @PostMapping
    String importRoster(@AuthenticationPrincipal CordonUser user, @RequestParam(name = "file", required = false) MultipartFile file,
                        Locale locale, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            return page(user, null, message(new FieldProblem("file", "roster.file.required"), locale), null, model);
        }
        try (InputStream in = file.getInputStream()) {
            RosterReport report = imports.importRoster(user, in, file.getOriginalFilename(), locale);
            return page(user, report, null, null, model);
        } catch (ValidationFailedException e) {
            return page(user, null, message(e.problems().get(0), locale), null, model);
        }
    }

    @GetMapping("/template")
    void template(@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response) throws IOException {
        RosterDownloads.template(exports, format, locale, response);
    }

    @GetMapping("/errors/{token}")
    void errors(@AuthenticationPrincipal CordonUser user, @PathVariable String token, HttpServletResponse response) throws IOException {
        RosterErrorFile file = imports.errorFile(user, token).orElseThrow(() -> new NotFoundException("Roster error file " + token));
        RosterDownloads.errorFile(file, token, response);
    }

    @GetMapping("/export")
    ModelAndView export(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                        @RequestParam(defaultValue = "false") boolean full, Locale locale, Model model,
                        HttpServletResponse response) throws IOException {
        String code;
        try {
            code = exports.exportArea(user, area, full);
        } catch (ValidationFailedException e) {
            return new ModelAndView(page(user, null, null, message(e.problems().get(0), locale), model), model.asMap());
        }
        RosterDownloads.export(exports, user, code, full, locale, response);
        return null; // the response is written
    }

    private String page(CordonUser user, RosterReport report, String importError, String exportError, Model model) {
        String own = exports.rosterArea(user);
        List<Area> suggestions = areas.descendants(own).stream().limit(MAX_AREA_SUGGESTIONS).toList();
        model.addAttribute("report", report);
        model.addAttribute("importError", importError);
        model.addAttribute("exportError", exportError);
        model.addAttribute("ownArea", areas.findArea(own).orElse(null));
        model.addAttribute("ownAreaCode", own);
        model.addAttribute("areas", suggestions);
        model.addAttribute("mayExportFull", exports.mayExportFull(user));
        model.addAttribute("shownErrors", RosterImportManagement.SHOWN_ERRORS);
        model.addAttribute("errorFileHours", errorFiles.lifetimeHours());
        return "registry/roster";
    }

    private String message(FieldProblem p, Locale locale) {
        return messages.getMessage(p.code(), p.args(), p.code(), locale);
    }
}
