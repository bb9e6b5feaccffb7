package org.cordon.notice.web;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.notice.PortalManagement;
import org.cordon.notice.TargetType;
import org.cordon.registry.TransportMode;
import org.cordon.shared.IdType;
import org.cordon.shared.web.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public portal (no sign-in, readable without JavaScript): what is closed now, notices, advice,
 * hotlines, self-report and volunteer sign-up. The forms are rate-limited per client address, carry a
 * honeypot field and never echo personal data back after a successful submission.
 */
@Controller
class PortalPageController {

    static final String SELF_REPORT = "self-report";
    static final String VOLUNTEER = "volunteer";

    private final PortalManagement portal;
    private final AreaManagement areas;
    private final SubmissionRateLimiter limiter;
    private final Forms forms;

    PortalPageController(PortalManagement portal, AreaManagement areas, SubmissionRateLimiter limiter, Forms forms) {
        this.portal = portal;
        this.areas = areas;
        this.limiter = limiter;
        this.forms = forms;
    }

    @GetMapping("/portal")
    String index(Model model) {
        model.addAttribute("status", portal.status());
        model.addAttribute("advice", portal.advice());
        model.addAttribute("venues", portal.places(TargetType.VENUE));
        model.addAttribute("events", portal.places(TargetType.EVENT));
        model.addAttribute("services", portal.places(TargetType.SERVICE));
        return "portal/index";
    }

    @GetMapping("/portal/notices/{id}")
    String notice(@PathVariable long id, Model model) {
        model.addAttribute("notice", portal.notice(id));
        return "portal/notice";
    }

    @GetMapping("/portal/advice/{id}")
    String advice(@PathVariable long id, Model model) {
        model.addAttribute("article", portal.advice(id));
        return "portal/advice";
    }

    // ------------------------------------------------------------------ self-report

    @GetMapping("/portal/self-report")
    String selfReportForm(Model model) {
        return selfReportPage(new SelfReportForm(), Map.of(), model);
    }

    @PostMapping("/portal/self-report")
    String selfReport(@ModelAttribute("form") SelfReportForm form, BindingResult binding,
                      @RequestParam(required = false) String refresh, HttpServletRequest request, HttpServletResponse response,
                      Locale locale, Model model) {
        if (refresh != null) {
            // without JavaScript: show the city and county choices of the chosen province and city
            return selfReportPage(form, Map.of(), model);
        }
        String client = request.getRemoteAddr();
        if (!limiter.tryAcquire(SELF_REPORT, client)) {
            return limiter.tooManyPage(SELF_REPORT, client, response, model);
        }
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            // honeypot filled in: a bot. Answer like a success, store nothing.
            model.addAttribute("confirmation", portal.decoyConfirmation());
            return "portal/self-report-done";
        }
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return selfReportPage(form, errors, model);
        }
        return forms.attempt(() -> {
            model.addAttribute("confirmation", portal.selfReport(form.toRequest(), client));
            return "portal/self-report-done";
        }, locale, rejected -> selfReportPage(form, rejected, model));
    }

    private String selfReportPage(SelfReportForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("transportModes", TransportMode.values());
        model.addAttribute("provinces", areas.provinces());
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("cities", blank(form.getOriginProvince()) ? List.of() : areas.divisionChildren(form.getOriginProvince(), locale));
        model.addAttribute("counties", blank(form.getOriginCity()) ? List.of() : areas.divisionChildren(form.getOriginCity(), locale));
        Map<Area, List<Area>> destinations = portal.destinations();
        model.addAttribute("towns", destinations.keySet());
        model.addAttribute("destinations", filterTown(destinations, form.getDestinationTown()));
        return "portal/self-report";
    }

    // ------------------------------------------------------------------ volunteers

    @GetMapping("/portal/volunteer")
    String volunteerForm(Model model) {
        return volunteerPage(new VolunteerForm(), Map.of(), model);
    }

    @PostMapping("/portal/volunteer")
    String volunteer(@ModelAttribute("form") VolunteerForm form, HttpServletRequest request, HttpServletResponse response,
                     Locale locale, Model model) {
        String client = request.getRemoteAddr();
        if (!limiter.tryAcquire(VOLUNTEER, client)) {
            return limiter.tooManyPage(VOLUNTEER, client, response, model);
        }
        if (form.getWebsite() != null && !form.getWebsite().isBlank()) {
            return "portal/volunteer-done";
        }
        return forms.attempt(() -> {
            portal.signUpVolunteer(form.toRequest());
            return "portal/volunteer-done";
        }, locale, errors -> volunteerPage(form, errors, model));
    }

    private String volunteerPage(VolunteerForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("towns", areas.towns());
        return "portal/volunteer";
    }

    // ------------------------------------------------------------------ reference data for the pickers (htmx)

    /** Options of the origin pickers: cities of a province, counties of a city, or the countries of "abroad" (ISO). */
    @GetMapping("/portal/ref/division-options")
    String divisionOptions(@RequestParam(required = false) String originProvince, @RequestParam(required = false) String originCity,
                           Model model, Locale locale) {
        boolean cities = originProvince != null;
        String parent = cities ? originProvince : originCity;
        model.addAttribute("options", blank(parent) || !parent.matches("\\d{2,4}|ISO") ? List.of() : areas.divisionChildren(parent, locale));
        model.addAttribute("resetCounty", cities);
        return "portal/options :: divisions";
    }

    /** Options of the destination picker: villages, communities, groups and compounds of a town (all when none). */
    @GetMapping("/portal/ref/place-options")
    String placeOptions(@RequestParam(required = false) String destinationTown, Model model) {
        model.addAttribute("destinations", filterTown(portal.destinations(), destinationTown));
        return "portal/options :: places";
    }

    // ------------------------------------------------------------------ helpers

    private static Map<Area, List<Area>> filterTown(Map<Area, List<Area>> all, String town) {
        if (blank(town)) {
            return all;
        }
        Map<Area, List<Area>> one = new LinkedHashMap<>();
        all.forEach((t, list) -> {
            if (t.code().equals(town.trim())) {
                one.put(t, list);
            }
        });
        return one.isEmpty() ? all : one;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
