package org.cordon.area.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cordon.account.CordonUser;
import org.cordon.area.Area;
import org.cordon.area.AreaChange;
import org.cordon.area.AreaImport;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.area.AreaNode;
import org.cordon.area.AreaSettings;
import org.cordon.area.ImportReport;
import org.cordon.area.NewArea;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.TypedNumber;
import org.cordon.shared.web.Forms;
import org.cordon.shared.web.ApiExceptionHandler;
import org.cordon.shared.web.UploadSizeFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of the area grid: the tree of the caller's jurisdiction (children load lazily with htmx),
 * the administrators' forms to edit a node and add a sub-unit, and the import with its report.
 */
@Controller
class AreaPageController {

    static final String REPORT_ATTRIBUTE = AreaPageController.class.getName() + ".report";

    private final AreaManagement areas;
    private final AreaImport importer;
    private final AreaSettings settings;
    private final MessageSource messages;
    private final Forms forms;
    private final DataSize maxUploadSize;

    AreaPageController(AreaManagement areas, AreaImport importer, AreaSettings settings, MessageSource messages, Forms forms,
                       @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxUploadSize) {
        this.areas = areas;
        this.importer = importer;
        this.settings = settings;
        this.messages = messages;
        this.forms = forms;
        this.maxUploadSize = maxUploadSize;
    }

    /** An upload beyond the multipart limits: the import page again with the message at the file field (status 413). */
    @ExceptionHandler({MaxUploadSizeExceededException.class, SizeException.class})
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String uploadTooLarge(@AuthenticationPrincipal CordonUser user, Locale locale, Model model) {
        requireAdmin(user);
        model.addAttribute("errors", Map.of("file", tooLargeMessage(locale)));
        model.addAttribute("dryRun", false);
        return "area/import";
    }

    @GetMapping("/areas")
    String grid(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String root, Model model) {
        AreaNode node = areas.gridNode(user, root);
        model.addAttribute("node", node);
        model.addAttribute("children", node.children());
        model.addAttribute("path", areas.gridPath(user, node.code()));
        model.addAttribute("branches", areas.compoundsNeedingBranch(node.code()));
        model.addAttribute("settings", settings);
        model.addAttribute("mayEdit", areas.mayEdit(user));
        return "area/index";
    }

    /** The children of a node (htmx fragment, loaded when the node is expanded). */
    @GetMapping("/areas/{code}/children")
    String children(@AuthenticationPrincipal CordonUser user, @PathVariable String code, Model model) {
        model.addAttribute("children", areas.gridNode(user, code).children());
        model.addAttribute("mayEdit", areas.mayEdit(user));
        return "area/index :: children";
    }

    // ---- edit a node ----

    @GetMapping("/areas/{code}/edit")
    String edit(@AuthenticationPrincipal CordonUser user, @PathVariable String code, Model model) {
        requireAdmin(user);
        Area area = areas.visibleArea(user, code);
        return editForm(area, new AreaChange(area.name(), text(area.households()), text(area.residents())), Map.of(), model);
    }

    @PostMapping("/areas/{code}")
    String update(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                  @RequestParam(required = false) String name, @RequestParam(required = false) String households,
                  @RequestParam(required = false) String residents, Locale locale, Model model, RedirectAttributes redirect) {
        requireAdmin(user);
        Area area = areas.visibleArea(user, code);
        AreaChange change = new AreaChange(name, TypedNumber.canonical(households, locale), TypedNumber.canonical(residents, locale));
        return forms.attempt(() -> {
            areas.updateArea(user, code, change);
            return savedRedirect(area.parentCode() == null || !area.parentCode().startsWith(areas.jurisdictionRoot(user))
                    ? area.code() : area.parentCode(), area.code(), redirect);
        }, locale, errors -> editForm(area, change, errors, model));
    }

    private String editForm(Area area, AreaChange form, Map<String, String> errors, Model model) {
        model.addAttribute("area", area);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "area/edit";
    }

    // ---- add a sub-unit ----

    @GetMapping("/areas/{code}/new")
    String newChild(@AuthenticationPrincipal CordonUser user, @PathVariable String code, Model model) {
        requireAdmin(user);
        Area parent = areas.visibleArea(user, code);
        List<AreaKind> kinds = kindsBelow(parent);
        return newForm(parent, new NewArea(nextFreeCode(parent), "", kinds.isEmpty() ? "" : kinds.get(0).name(), parent.code(), "", ""),
                Map.of(), model);
    }

    @PostMapping("/areas/{code}/children")
    String create(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                  @RequestParam(required = false) String childCode, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String kind, @RequestParam(required = false) String households,
                  @RequestParam(required = false) String residents, Locale locale, Model model, RedirectAttributes redirect) {
        requireAdmin(user);
        Area parent = areas.visibleArea(user, code);
        // "3,500" households: thousands separators of the page's language (the import and the API take plain digits)
        NewArea input = new NewArea(childCode, name, kind, parent.code(), TypedNumber.canonical(households, locale),
                TypedNumber.canonical(residents, locale));
        return forms.attempt(() -> savedRedirect(parent.code(), areas.createArea(user, input).code(), redirect), locale,
                errors -> newForm(parent, input, errors, model));
    }

    private String newForm(Area parent, NewArea form, Map<String, String> errors, Model model) {
        model.addAttribute("parent", parent);
        model.addAttribute("form", form);
        model.addAttribute("kinds", kindsBelow(parent));
        model.addAttribute("codeLength", parent.code().length() + 3);
        model.addAttribute("errors", errors);
        return "area/new";
    }

    /**
     * The code a new child gets unless the administrator types another: the parent's code and the three digits after
     * the highest child's (001 for the first); the parent's code alone when all 999 are taken.
     */
    private String nextFreeCode(Area parent) {
        int highest = 0;
        for (Area child : areas.children(parent.code())) {
            String suffix = child.code().substring(parent.code().length());
            if (suffix.matches("\\d{3}")) {
                highest = Math.max(highest, Integer.parseInt(suffix));
            }
        }
        return highest >= 999 ? parent.code() : parent.code() + String.format("%03d", highest + 1);
    }

    private static List<AreaKind> kindsBelow(Area parent) {
        return AreaKind.forCodeLength(parent.code().length() + 3).stream().sorted().toList();
    }

    // ---- import ----

    /** The import page; {@code ?tooLarge} after an upload the {@link UploadSizeFilter} refused says so at the file field. */
    @GetMapping("/areas/import")
    String importPage(@AuthenticationPrincipal CordonUser user,
                      @RequestParam(name = UploadSizeFilter.TOO_LARGE_PARAMETER, required = false) String tooLarge, Locale locale,
                      Model model) {
        requireAdmin(user);
        model.addAttribute("errors", tooLarge == null ? Map.of() : Map.of("file", tooLargeMessage(locale)));
        return "area/import";
    }

    private String tooLargeMessage(Locale locale) {
        return messages.getMessage("problem.tooLarge.detail", new Object[] {ApiExceptionHandler.uploadLimitMegabytes(maxUploadSize)},
                locale);
    }

    @PostMapping("/areas/import")
    String importFile(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) MultipartFile file,
                      @RequestParam(defaultValue = "false") boolean dryRun, Locale locale, Model model, HttpSession session) {
        requireAdmin(user);
        Map<String, String> errors = new HashMap<>();
        if (file == null || file.isEmpty()) {
            errors.put("file", messages.getMessage("area.import.fileRequired", null, locale));
        } else {
            try (InputStream in = file.getInputStream()) {
                ImportReport report = importer.importAreas(user, in, file.getOriginalFilename(), dryRun);
                session.setAttribute(REPORT_ATTRIBUTE, report);
                model.addAttribute("report", report);
                model.addAttribute("reportErrors", ReportView.errors(report, importer, locale));
                model.addAttribute("skippedSheets", ReportView.skipped(report, importer, locale));
            } catch (ValidationFailedException e) {
                errors.putAll(forms.errors(e, locale));
            } catch (IOException e) {
                errors.put("file", messages.getMessage("area.import.unreadable", null, locale));
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("dryRun", dryRun);
        return "area/import";
    }

    /** The rejected rows of the caller's last import as CSV, to correct and import again. */
    @GetMapping("/areas/import/errors.csv")
    void rejectedRows(@AuthenticationPrincipal CordonUser user, HttpSession session, Locale locale,
                      HttpServletResponse response) throws IOException {
        requireAdmin(user);
        if (!(session.getAttribute(REPORT_ATTRIBUTE) instanceof ImportReport report)) {
            throw new NotFoundException("Import report");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"area-import-rejected.csv\"");
        importer.writeRejectedRows(report, locale, response.getOutputStream());
    }

    /** A sample import file: the header and a few example rows to replace. */
    @GetMapping("/areas/import/template.csv")
    void template(@AuthenticationPrincipal CordonUser user, HttpServletResponse response) throws IOException {
        areas.jurisdictionRoot(user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"area-import-template.csv\"");
        try (InputStream in = new ClassPathResource("templates/area/import-template.csv").getInputStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    // ---- helpers ----

    private void requireAdmin(CordonUser user) {
        if (!areas.mayEdit(user)) {
            throw new AccessDeniedException("Only administrators change the area tree");
        }
    }

    private static String savedRedirect(String root, String code, RedirectAttributes redirect) {
        redirect.addAttribute("root", root);
        redirect.addAttribute("saved", code);
        Forms.succeeded(redirect, "area.savedMessage", code);
        return "redirect:/areas";
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }
}
