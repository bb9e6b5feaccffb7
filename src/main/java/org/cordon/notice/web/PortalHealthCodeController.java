package org.cordon.notice.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.Symptom;
import org.cordon.healthcode.Declared;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthCodeQr;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.cordon.healthcode.IssuedCode;
import org.cordon.notice.PortalManagement;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.IdType;
import org.cordon.shared.web.Forms;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public side of the health code (no sign-in): the declaration form, the person's code behind a secret link (it
 * refreshes itself while online, with a live clock), and the same as JSON. Rate-limited per client like the other
 * public forms; the link's page is never cached and sends no referrer.
 */
@Controller
@Tag(name = "Public portal")
class PortalHealthCodeController {

    static final String HEALTH_CODE = "health-code";

    private final HealthCodeManagement codes;
    private final PortalManagement portal;
    private final AreaManagement areas;
    private final SubmissionRateLimiter limiter;
    private final Forms forms;
    private final org.cordon.shared.CordonSettings settings;

    PortalHealthCodeController(HealthCodeManagement codes, PortalManagement portal, AreaManagement areas, SubmissionRateLimiter limiter,
                               Forms forms, org.cordon.shared.CordonSettings settings) {
        this.settings = settings;
        this.codes = codes;
        this.portal = portal;
        this.areas = areas;
        this.limiter = limiter;
        this.forms = forms;
    }

    @GetMapping("/portal/health-code")
    String form(Model model) {
        return page(new HealthDeclarationForm(), Map.of(), model);
    }

    @PostMapping("/portal/health-code")
    String declare(@ModelAttribute("form") HealthDeclarationForm form, BindingResult binding, HttpServletRequest request,
                   HttpServletResponse response, Locale locale, Model model) {
        String client = request.getRemoteAddr();
        if (!limiter.tryAcquire(HEALTH_CODE, client)) {
            return limiter.tooManyPage(HEALTH_CODE, client, response, model);
        }
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            // honeypot filled in: a bot; nothing is stored
            return "redirect:/portal/health-code";
        }
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return page(form, errors, model);
        }
        return forms.attempt(() -> {
            Declared d = codes.declare(form.toRequest(), client);
            return "redirect:/portal/health-code/c/" + d.secret();
        }, locale, rejected -> page(form, rejected, model));
    }

    private String page(HealthDeclarationForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("symptoms", Symptom.values());
        model.addAttribute("provinces", areas.provinces());
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("cities", blank(form.getOriginProvince()) ? List.of() : areas.divisionChildren(form.getOriginProvince(), locale));
        model.addAttribute("counties", blank(form.getOriginCity()) ? List.of() : areas.divisionChildren(form.getOriginCity(), locale));
        Map<Area, List<Area>> destinations = portal.destinations();
        model.addAttribute("towns", destinations.keySet());
        model.addAttribute("destinations", destinations);
        return "portal/health-code-declare";
    }

    @GetMapping("/portal/health-code/c/{secret}")
    String code(@PathVariable String secret, HttpServletResponse response, Model model) {
        noStore(response);
        try {
            show(codes.codeByLink(secret), secret, model);
        } catch (NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("forgotten", false);
            return "portal/health-code-link";
        }
        return "portal/health-code";
    }

    /** The code alone, for the page's refresh while online (htmx). */
    @GetMapping("/portal/health-code/c/{secret}/fresh")
    String fresh(@PathVariable String secret, HttpServletResponse response, Model model) {
        noStore(response);
        show(codes.codeByLink(secret), secret, model);
        return "portal/health-code :: code";
    }

    @PostMapping("/portal/health-code/c/{secret}/forget")
    String forget(@PathVariable String secret, HttpServletResponse response, Model model) {
        noStore(response);
        codes.revokeLink(secret);
        model.addAttribute("forgotten", true);
        return "portal/health-code-link";
    }

    private void show(IssuedCode code, String secret, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("qr", HealthCodeQr.svg(code.token(), code.color().name()));
        model.addAttribute("secret", secret);
        model.addAttribute("zone", settings.timeZone().getId());
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
