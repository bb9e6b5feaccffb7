package org.cordon.checkpoint.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.checkpoint.DailyCounts;
import org.cordon.checkpoint.HealthCodeReader;
import org.cordon.checkpoint.Direction;
import org.cordon.checkpoint.KnownPerson;
import org.cordon.checkpoint.PassagePage;
import org.cordon.checkpoint.PassageView;
import org.cordon.checkpoint.Symptom;
import org.cordon.checkpoint.VehicleType;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.IdType;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Pages of checkpoint screening: overview with counts, registration (mobile-first), lists, details. */
@Controller
class CheckpointPageController {

    private final CheckpointManagement checkpoints;
    private final AreaManagement areas;
    private final MessageSource messages;
    private final Forms forms;
    private final CordonSettings settings;
    private final java.time.Clock clock;
    private final ObjectProvider<HealthCodeReader> healthCodes;

    CheckpointPageController(CheckpointManagement checkpoints, AreaManagement areas, MessageSource messages, Forms forms,
                             CordonSettings settings, java.time.Clock clock, ObjectProvider<HealthCodeReader> healthCodes) {
        this.healthCodes = healthCodes;
        this.checkpoints = checkpoints;
        this.areas = areas;
        this.messages = messages;
        this.forms = forms;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/checkpoints")
    String overview(@AuthenticationPrincipal CordonUser user,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        LocalDate day = date == null ? settings.today(clock) : date;
        List<Checkpoint> visible = checkpoints.visibleCheckpoints(user);
        Map<String, DailyCounts> counts = new HashMap<>();
        checkpoints.dailyCounts(user, day, null).forEach(c -> counts.put(c.checkpointCode(), c));
        long[] totals = new long[6];
        for (DailyCounts c : counts.values()) {
            totals[0] += c.passages();
            totals[1] += c.vehicles();
            totals[2] += c.people();
            totals[3] += c.feverReferrals();
            totals[4] += c.riskArrivals();
            totals[5] += c.disinfected();
        }
        model.addAttribute("checkpoints", visible);
        model.addAttribute("counts", counts);
        model.addAttribute("totals", totals);
        model.addAttribute("date", day);
        model.addAttribute("today", settings.today(clock));
        return "checkpoints/index";
    }

    @GetMapping("/checkpoints/{code}/passages/new")
    String newPassage(@AuthenticationPrincipal CordonUser user, @PathVariable String code, Model model) {
        if (!RolePermissions.may(user, Permission.PASSAGE_REGISTER)) {
            throw new AccessDeniedException("Registering passages needs " + Permission.PASSAGE_REGISTER);
        }
        return form(user, code, new PassageForm(), Map.of(), model);
    }

    @PostMapping("/checkpoints/{code}/passages")
    String register(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                    @ModelAttribute("form") PassageForm form, Model model, Locale locale) {
        return forms.attempt(() -> "redirect:/passages/" + checkpoints.registerPassage(user, code, form.toRequest()).passage().id()
                + "?registered", locale, errors -> form(user, code, form, errors, model));
    }

    /**
     * The passage form as the page's script sends it (static/js/offline.js: at once when online, later from the
     * device's queue when it was captured offline or the session had expired), with the page's session and CSRF token
     * — the API's {@code POST /api/v1/checkpoints/{code}/passages} is stateless. The same fields as the form's POST
     * plus {@code recordedAt}, the capture time; the answer is JSON for the script: 201 with the passage's page when
     * stored, 200 when this {@code clientId} was stored before (nothing new is stored: a queue sending again gets one
     * passage), 400 with the message per field when rejected (nothing stored; the record stays on the device for
     * correction). A refused role or checkpoint gets 403 like the form.
     */
    @RequiresPermission(Permission.PASSAGE_REGISTER)
    @PostMapping("/checkpoints/{code}/passages/queued")
    @ResponseBody
    ResponseEntity<Map<String, Object>> registerQueued(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                                                       @ModelAttribute("form") PassageForm form, BindingResult binding, Locale locale) {
        if (binding.hasErrors()) {
            return rejected(forms.errors(binding, locale), locale);
        }
        try {
            CheckpointManagement.Registration registration = checkpoints.registerPassage(user, code, form.toRequest());
            long id = registration.passage().id();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("created", registration.created());
            body.put("id", id);
            body.put("url", "/passages/" + id + "?registered");
            return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .cacheControl(CacheControl.noStore()).body(body);
        } catch (ValidationFailedException e) {
            return rejected(forms.errors(e, locale), locale);
        }
    }

    private ResponseEntity<Map<String, Object>> rejected(Map<String, String> errors, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", messages.getMessage("passage.fixErrors", null, locale));
        body.put("errors", errors);
        return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
    }

    private String form(CordonUser user, String code, PassageForm form, Map<String, String> errors, Model model) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Checkpoint checkpoint = checkpoints.checkpoint(user, code);
        model.addAttribute("checkpoint", checkpoint);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("errorSummary", PassageErrorSummary.of(errors, messages, locale));
        model.addAttribute("directions", Direction.values());
        model.addAttribute("vehicleTypes", VehicleType.values());
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("symptoms", Symptom.values());
        model.addAttribute("provinces", areas.provinces());
        model.addAttribute("cities", form.getOriginProvince() == null ? List.of() : areas.divisionChildren(form.getOriginProvince(), locale));
        model.addAttribute("counties", form.getOriginCity() == null ? List.of() : areas.divisionChildren(form.getOriginCity(), locale));
        model.addAttribute("towns", areas.towns());
        model.addAttribute("destinationAreas", form.getDestinationTown() == null ? List.of() : areas.descendants(form.getDestinationTown()));
        // the issuer whose codes the page verifies offline (static/js/health-code-scan.js); none without the module
        HealthCodeReader reader = healthCodes.getIfAvailable();
        model.addAttribute("healthCodeIssuer", reader == null ? null : reader.issuer());
        return "checkpoints/new";
    }

    @GetMapping("/checkpoints/{code}/passages")
    String list(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model,
                Locale locale) {
        LocalDate day = date == null ? settings.today(clock) : date;
        model.addAttribute("checkpoint", checkpoints.checkpoint(user, code));
        PassagePage passages;
        Map<String, String> errors = Map.of();
        try {
            passages = checkpoints.passages(user, code, day, q, page, 20);
        } catch (RateLimitedException e) {
            passages = new PassagePage(List.of(), 0, 20, 0);
            errors = forms.errors(new ValidationFailedException(List.of(e.fieldProblem("q"))), locale);
        }
        model.addAttribute("page", passages);
        model.addAttribute("errors", errors);
        model.addAttribute("counts", checkpoints.dailyCounts(user, day, code).get(0));
        model.addAttribute("date", day);
        model.addAttribute("q", q);
        return "checkpoints/passages";
    }

    @GetMapping("/passages/{id}")
    String passage(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        return detail(user, checkpoints.passage(user, id, false), model);
    }

    /** Full view: POST so that following a link or reloading never writes an audit entry by accident. */
    @PostMapping("/passages/{id}/full")
    String fullPassage(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("langBase", "/passages/" + id); // the language links lead to the page, not to this POST
        return detail(user, checkpoints.passage(user, id, true), model);
    }

    private String detail(CordonUser user, PassageView passage, Model model) {
        model.addAttribute("passage", passage);
        model.addAttribute("mayReveal", checkpoints.mayReveal(user));
        return "checkpoints/passage";
    }

    /**
     * Known-person look-up for the registration page (JSON; masked values only). Beyond the user's
     * allowance of exact searches: 429 with {@code Retry-After} and the message to show.
     */
    @RequiresPermission(Permission.PERSON_LOOKUP)
    @PostMapping("/checkpoints/lookup")
    @ResponseBody
    ResponseEntity<?> lookup(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String idType,
                             @RequestParam String idNumber, Locale locale) {
        try {
            KnownPerson person = checkpoints.lookup(user, idType, idNumber);
            return ResponseEntity.ok(person);
        } catch (RateLimitedException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                    .body(Map.of("message", messages.getMessage(RateLimitedException.FIELD_MESSAGE,
                            new Object[] {e.retryAfterSeconds()}, locale)));
        }
    }

    /**
     * Options of the origin pickers (htmx) of the checkpoint and registry forms: cities of a province, counties of a
     * city, or the countries of "abroad" (ISO) by name in the page's language.
     */
    @GetMapping("/ref/division-options")
    String divisionOptions(@RequestParam(required = false) String originProvince,
                           @RequestParam(required = false) String originCity, Model model, Locale locale) {
        boolean cities = originProvince != null;
        String parent = cities ? originProvince : originCity;
        model.addAttribute("options", parent == null || parent.isBlank() ? List.of() : areas.divisionChildren(parent.trim(), locale));
        model.addAttribute("resetCounty", cities);
        return "checkpoints/options :: divisions";
    }

    /** Options of the destination picker (htmx): villages, communities, groups and compounds of a town. */
    @GetMapping("/ref/area-options")
    String areaOptions(@RequestParam(required = false) String destinationTown, Model model) {
        List<Area> list = destinationTown == null || destinationTown.isBlank() ? new ArrayList<>() : areas.descendants(destinationTown);
        model.addAttribute("options", list);
        return "checkpoints/options :: areas";
    }
}
