package org.cordon.observation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.Permission;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.Role;
import org.cordon.checkpoint.Symptom;
import org.cordon.observation.CheckRequest;
import org.cordon.observation.CheckResult;
import org.cordon.observation.CheckSlot;
import org.cordon.observation.CloseContactManagement;
import org.cordon.observation.EpisodeKind;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.ReferralManagement;
import org.cordon.observation.ReferralOutcome;
import org.cordon.observation.ReferralOutcomeRequest;
import org.cordon.observation.SiteManagement;
import org.cordon.observation.SitePurpose;
import org.cordon.observation.VillageReportManagement;
import org.cordon.shared.IdType;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages of medical observation: work list, episode with checks, release notice, referrals, contacts, daily reports. */
@Controller
class ObservationPageController {

    private final EpisodeManagement episodes;
    private final ReferralManagement referrals;
    private final CloseContactManagement contacts;
    private final VillageReportManagement reports;
    private final org.cordon.registry.RegistryManagement registry;
    private final PersonalDataManagement privacy;
    private final SiteManagement sites;
    private final ResidencePicker picker;
    private final Forms forms;
    private final MessageSource messages;
    private final org.cordon.checkpoint.CheckpointManagement checkpoints;

    ObservationPageController(EpisodeManagement episodes, ReferralManagement referrals, CloseContactManagement contacts,
                              VillageReportManagement reports, org.cordon.registry.RegistryManagement registry,
                              PersonalDataManagement privacy, SiteManagement sites, ResidencePicker picker, Forms forms,
                              MessageSource messages, org.cordon.checkpoint.CheckpointManagement checkpoints,
                              org.cordon.shared.CordonSettings settings) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.messages = messages;
        this.episodes = episodes;
        this.referrals = referrals;
        this.contacts = contacts;
        this.reports = reports;
        this.registry = registry;
        this.privacy = privacy;
        this.sites = sites;
        this.picker = picker;
        this.forms = forms;
    }

    private final org.cordon.shared.CordonSettings settings;

    /** The work list's filters: the reasons a person is on today's list, or all. */
    private static final List<String> SHOWN = List.of("due", "missed", "ending", "all");

    @GetMapping("/observation")
    String worklist(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String show,
                    @RequestParam(required = false) String area, Model model) {
        org.cordon.observation.Worklist work = episodes.worklist(user);
        model.addAttribute("work", work);
        String shown = show != null && SHOWN.contains(show) ? show : "all";
        model.addAttribute("show", shown);
        // a dashboard tile opens the list of its area (only ever narrower than the user's own: the list is already scoped)
        String within = areaFilter(area);
        model.addAttribute("areaFilter", within);
        model.addAttribute("people", work.people().stream()
                .filter(w -> within == null || (w.episode().areaCode() != null && w.episode().areaCode().startsWith(within)))
                .filter(w -> switch (shown) {
            case "due" -> w.dueNow();
            case "missed" -> w.missed();
            case "ending" -> w.endingToday();
            default -> true;
        }).toList());
        model.addAttribute("dueCount", work.people().stream().filter(org.cordon.observation.WorkItem::dueNow).count());
        model.addAttribute("missedCount", work.people().stream().filter(org.cordon.observation.WorkItem::missed).count());
        model.addAttribute("endingCount", work.people().stream().filter(org.cordon.observation.WorkItem::endingToday).count());
        // self-reports from the portal wait for the grid worker's confirmation before observation starts
        model.addAttribute("unverified", registry.returnees(user, null, org.cordon.registry.ReturneeStatus.UNVERIFIED, 0, 50).items());
        model.addAttribute("counts", reports.areaCounts(user, within, null));
        // the per-area table helps town and city staff; a village worker's own list comes first and alone
        model.addAttribute("showAreaCounts", user.jurisdiction().areaCode().length() <= 9);
        // the villages' daily reports owed today: a grid worker's village, a town's villages (the city has its dashboard)
        model.addAttribute("reportsOwed", user.jurisdiction().areaCode().length() >= 9
                ? reports.reports(user, work.date()).stream().filter(r -> !r.submitted()).count() : 0L);
        model.addAttribute("mayRecord", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        model.addAttribute("mayRevealContact", privacy.mayRevealContact(user) || privacy.mayReveal(user));
        model.addAttribute("today", episodes.today());
        return "observation/worklist";
    }

    /** The current slot's round: every person due with a temperature box and the symptoms, one submit for all. */
    @GetMapping("/observation/round")
    String round(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("round", episodes.round(user));
        if (!model.containsAttribute("roundErrors")) {
            model.addAttribute("roundErrors", Map.of());
        }
        if (!model.containsAttribute("roundTemperatures")) {
            model.addAttribute("roundTemperatures", Map.of());
        }
        if (!model.containsAttribute("roundSymptoms")) {
            model.addAttribute("roundSymptoms", Map.of());
        }
        model.addAttribute("symptoms", Symptom.values());
        model.addAttribute("mayRecord", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        model.addAttribute("mayRevealContact", privacy.mayRevealContact(user) || privacy.mayReveal(user));
        model.addAttribute("today", episodes.today());
        return "observation/round";
    }

    /**
     * The round's one submit: per person {@code c.<episode>} (the row's client id), {@code t.<episode>} (temperature) and
     * {@code s.<episode>} (symptoms, repeated), with the round's {@code date} and {@code slot}. Rows left empty are
     * skipped; rejected rows come back with their messages and what was entered, the others are saved (PRG).
     */
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/observation/round")
    String recordRound(@AuthenticationPrincipal CordonUser user, @RequestParam org.springframework.util.MultiValueMap<String, String> form,
                       Locale locale, RedirectAttributes redirect) {
        LocalDate date;
        try {
            date = day(form.getFirst("date"));
        } catch (ValidationFailedException e) {
            forms.reject(e, locale, redirect);
            return "redirect:/observation/round";
        }
        String slot = form.getFirst("slot");
        List<org.cordon.observation.RoundCheck> rows = new java.util.ArrayList<>();
        Map<String, Map<String, String>> errors = new java.util.HashMap<>();
        for (String key : form.keySet()) {
            if (!key.startsWith("c.")) {
                continue;
            }
            String id = key.substring(2);
            long episodeId;
            try {
                episodeId = Long.parseLong(id);
            } catch (NumberFormatException notAnEpisode) {
                continue; // not a row of the page's form
            }
            String temperature = form.getFirst("t." + id);
            List<String> symptoms = form.getOrDefault("s." + id, List.of()).stream().filter(v -> v != null && !v.isBlank()).toList();
            if ((temperature == null || temperature.isBlank()) && symptoms.isEmpty()) {
                continue; // nobody measured: the row stays for later
            }
            UUID clientId;
            try {
                clientId = clientId(form.getFirst(key));
            } catch (ValidationFailedException e) {
                errors.put(id, new java.util.LinkedHashMap<>(forms.errors(e, locale))); // no row without its id: it could be saved twice
                continue;
            }
            rows.add(new org.cordon.observation.RoundCheck(episodeId, date, slot, temperature, symptoms, null, clientId));
        }
        if (rows.isEmpty()) {
            if (errors.isEmpty()) {
                redirect.addFlashAttribute("roundNothing", true);
            } else {
                roundErrors(redirect, errors);
            }
            return "redirect:/observation/round";
        }
        List<org.cordon.observation.RoundCheckResult> results;
        try {
            results = episodes.recordChecks(user, rows);
        } catch (ValidationFailedException e) {
            forms.reject(e, locale, redirect);
            return "redirect:/observation/round";
        }
        Map<String, String> temperatures = new java.util.HashMap<>();
        Map<String, List<String>> symptoms = new java.util.HashMap<>();
        int saved = 0;
        int abnormal = 0;
        for (org.cordon.observation.RoundCheckResult r : results) {
            org.cordon.observation.RoundCheck row = rows.get(r.row());
            if (r.saved()) {
                saved++;
                if (r.abnormal()) {
                    abnormal++;
                }
            } else if (r.outcome() == org.cordon.observation.RoundCheckResult.Outcome.REJECTED) {
                String id = String.valueOf(row.episodeId());
                errors.put(id, new java.util.LinkedHashMap<>(forms.errors(new ValidationFailedException(r.problems()), locale)));
                String typed = row.temperature() == null ? "" : row.temperature();
                temperatures.put(id, typed.length() > 12 ? typed.substring(0, 12) : typed); // shown again, kept in the session
                symptoms.put(id, new java.util.ArrayList<>(row.symptoms()));
            }
        }
        if (saved > 0) {
            Forms.succeeded(redirect, abnormal > 0 ? "round.savedAbnormal" : "round.saved", saved, abnormal);
        }
        if (!errors.isEmpty()) {
            roundErrors(redirect, errors);
            redirect.addFlashAttribute("roundTemperatures", temperatures);
            redirect.addFlashAttribute("roundSymptoms", symptoms);
        }
        return "redirect:/observation/round";
    }

    /**
     * The rejected rows for the next page: per row its messages ({@code roundErrors}) and, for fragments/field and
     * {@code cordon:error}, one message per row's temperature box ({@code errors}: {@code t.<episode>} → the row's messages).
     */
    private static void roundErrors(RedirectAttributes redirect, Map<String, Map<String, String>> errors) {
        redirect.addFlashAttribute("roundErrors", errors);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        errors.forEach((id, messages) -> fields.put("t." + id, String.join(" ", messages.values())));
        redirect.addFlashAttribute(Forms.ERRORS, fields);
    }

    /**
     * The person's phone for the call button, through the audited reveal (a {@code VIEW_FULL} entry per call): JSON for
     * static/js/round.js, which dials it ({@code tel:}). Without the script the button posts to the episode's full view.
     */
    @PostMapping("/observation/episodes/{id}/phone")
    @ResponseBody
    ResponseEntity<Map<String, Object>> phone(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        org.cordon.observation.EpisodeView e = episodes.episode(user, id, true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", e.person().phone() == null ? null : e.person().phone().toString());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping("/observation/episodes/{id}")
    String episode(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        return episodePage(user, id, false, model);
    }

    /** The audited reveal: name and phone (to call) for grid workers and town staff, everything for the reveal roles. */
    @PostMapping("/observation/episodes/{id}/full")
    String fullEpisode(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("langBase", "/observation/episodes/" + id); // the language links lead to the page, not to this POST
        return episodePage(user, id, true, model);
    }

    @RequiresPermission(Permission.OBSERVATION_READ)
    @PostMapping("/observation/episodes/{id}/identity")
    String identity(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Boolean accept,
                    RedirectAttributes redirect) {
        try {
            episodes.confirmIdentity(user, id, accept);
        } catch (ValidationFailedException noDecision) {
            return "redirect:/observation/episodes/" + id; // the page's buttons always send one; nothing changed
        }
        Forms.succeeded(redirect, accept ? "identity.adopted" : "identity.kept");
        return "redirect:/observation/episodes/" + id;
    }

    private String episodePage(CordonUser user, long id, boolean full, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("episode", episodes.episode(user, id, full));
        model.addAttribute("notified", episodes.medicsNotified(user, id).orElse(null));
        model.addAttribute("mayReveal", privacy.mayReveal(user));
        model.addAttribute("mayRevealContact", privacy.mayRevealContact(user));
        model.addAttribute("mayConfirmIdentity", RolePermissions.may(user, Permission.RETURNEE_REGISTER));
        model.addAttribute("today", episodes.today());
        model.addAttribute("currentSlot", episodes.currentSlot());
        model.addAttribute("slots", CheckSlot.values());
        model.addAttribute("symptoms", Symptom.values());
        model.addAttribute("mayRecord", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        // the check form's id for this device: a check sent twice (a retry, the offline queue) is stored once
        model.addAttribute("checkClientId", UUID.randomUUID());
        return "observation/episode";
    }

    @PostMapping("/observation/episodes/{id}/checks")
    String check(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                 @RequestParam(required = false) String slot, @RequestParam(required = false) String temperature,
                 @RequestParam(required = false) List<String> symptoms, @RequestParam(required = false) String note,
                 @RequestParam(required = false) String clientId, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> {
            CheckResult result = episodes.recordCheck(user, id, new CheckRequest(date, slot, temperature, symptoms, note,
                    clientId(clientId)));
            if (result.abnormal()) {
                redirect.addFlashAttribute("abnormal", true); // the page says whom the referral notified
            }
            Forms.succeeded(redirect, result.abnormal() ? "check.savedAbnormal" : "check.saved");
        }, locale, redirect).entered(temperature);
        return "redirect:/observation/episodes/" + id;
    }

    /**
     * The check form as the page's script sends it (static/js/offline.js: at once when online, later from the
     * device's queue when it was entered offline or the session had expired), with the page's session and CSRF token.
     * The form's fields with its {@code clientId}; JSON for the script: 201 when stored, 200 when this {@code clientId}
     * was stored before (nothing new is stored), 400 with the message per field when rejected (nothing stored; the
     * record stays on the device for correction).
     */
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/observation/episodes/{id}/checks/queued")
    @ResponseBody
    ResponseEntity<Map<String, Object>> checkQueued(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                                                    @RequestParam(required = false) String date,
                                                    @RequestParam(required = false) String slot,
                                                    @RequestParam(required = false) String temperature,
                                                    @RequestParam(required = false) List<String> symptoms,
                                                    @RequestParam(required = false) String note,
                                                    @RequestParam(required = false) String clientId, Locale locale) {
        try {
            CheckResult result = episodes.recordCheck(user, id, new CheckRequest(day(date), slot, temperature, symptoms, note,
                    clientId(clientId)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("created", result.created());
            body.put("abnormal", result.abnormal());
            body.put("url", "/observation/episodes/" + id);
            return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .cacheControl(CacheControl.noStore()).body(body);
        } catch (ValidationFailedException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", messages.getMessage("check.fixErrors", null, locale));
            body.put("errors", forms.errors(e, locale));
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
        }
    }

    /** A date as the form's date input sends it (yyyy-mm-dd); empty is today. */
    private static LocalDate day(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException("date", "validation.field.format", date.length() > 20 ? date.substring(0, 20) + "…" : date);
        }
    }

    /** An area code to narrow a list to (digits, 6 to 15 of them), else none: the list stays the user's whole area. */
    private static String areaFilter(String area) {
        String code = area == null ? null : area.trim();
        return code != null && code.matches("\\d{6,15}") ? code : null;
    }

    /** The device's id of a check (a UUID); empty is none. */
    private static UUID clientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(clientId.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException("clientId", "validation.field.format",
                    clientId.length() > 40 ? clientId.substring(0, 40) + "…" : clientId);
        }
    }

    @PostMapping("/observation/episodes/{id}/release")
    String release(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> episodes.release(user, id), locale, redirect).succeeded("release.done");
        return "redirect:/observation/episodes/" + id;
    }

    /** Printable notice; POST because it is an audited full view. */
    @PostMapping("/observation/episodes/{id}/notice")
    String notice(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("langBase", "/observation/episodes/" + id);
        try {
            model.addAttribute("notice", episodes.releaseNotice(user, id));
        } catch (ValidationFailedException e) {
            // no release notice before the episode has ended: a conflict, not a server error
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The episode has not been released", e);
        }
        return "observation/notice";
    }

    @GetMapping("/referrals")
    String referrals(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all,
                     @RequestParam(required = false) String area,
                     @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate date,
                     Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        // a dashboard tile opens the referrals of its area and day: a day shows all of that day's, open or decided
        String within = areaFilter(area);
        boolean everything = all || date != null;
        java.time.ZoneId zone = settings.timeZone();
        model.addAttribute("referrals", referrals.referrals(user, everything).stream()
                .filter(r -> within == null || (r.areaCode() != null && r.areaCode().startsWith(within)))
                .filter(r -> date == null || (r.raisedAt() != null && r.raisedAt().atZone(zone).toLocalDate().equals(date)))
                .toList());
        model.addAttribute("areaFilter", within);
        model.addAttribute("dateFilter", date);
        model.addAttribute("all", everything);
        model.addAttribute("outcomes", ReferralOutcome.values());
        model.addAttribute("kinds", EpisodeKind.values());
        model.addAttribute("isolationSites", sites.sitesFor(user, SitePurpose.ISOLATION));
        model.addAttribute("observationSites", sites.sitesFor(user, SitePurpose.OBSERVATION));
        model.addAttribute("mayRecord", RolePermissions.may(user, Permission.REFERRAL_OUTCOME));
        model.addAttribute("mayContact", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        // the checkpoints' alert board, merged here: fever referrals and risk arrivals screened at a checkpoint
        boolean alertReader = checkpoints.mayReadAlerts(user);
        model.addAttribute("mayReadAlerts", alertReader);
        model.addAttribute("alerts", alertReader ? checkpoints.alerts(user, everything).stream()
                .filter(a -> date == null || (a.raisedAt() != null && a.raisedAt().atZone(zone).toLocalDate().equals(date)))
                .toList() : List.of());
        return "observation/referrals";
    }

    /**
     * The clinic's outcome from the referral list: the isolation site (suspected) and the observation kind and site
     * (excluded, for a risk arrival not yet observed) come from their own pickers.
     */
    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    @PostMapping("/referrals/{id}/outcome")
    String outcome(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) String clinic, @RequestParam(required = false) String note,
                   @RequestParam(required = false) String kind, @RequestParam(required = false) Long isolationSiteId,
                   @RequestParam(required = false) Long observationSiteId, Locale locale, RedirectAttributes redirect) {
        String result = outcome == null ? "" : outcome.trim().toUpperCase(Locale.ROOT);
        Long siteId = "SUSPECTED".equals(result) ? isolationSiteId : observationSiteId;
        forms.submit(() -> referrals.recordOutcome(user, id, new ReferralOutcomeRequest(outcome, clinic, note, kind, siteId)), locale,
                redirect).succeeded("referral.outcomeSaved",
                        new org.springframework.context.support.DefaultMessageSourceResolvable("outcome." + result))
                .form("referral-" + id);
        return "redirect:/referrals" + (result.isEmpty() ? "" : "#referral-" + id);
    }

    @GetMapping("/observation/contacts/new")
    String newContact(@AuthenticationPrincipal CordonUser user, @RequestParam("case") long casePersonId, Model model) {
        ContactForm form = new ContactForm();
        form.setCasePersonId(casePersonId);
        return contactForm(user, form, Map.of(), model);
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/observation/contacts")
    String contact(@AuthenticationPrincipal CordonUser user, @ModelAttribute("form") ContactForm form, Model model, Locale locale) {
        return forms.attempt(() -> "redirect:/observation/episodes/" + contacts.registerCloseContact(user, form.toRequest()) + "?contact",
                locale, errors -> contactForm(user, form, errors, model));
    }

    private String contactForm(CordonUser user, ContactForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("kinds", EpisodeKind.values());
        model.addAttribute("sites", sites.sitesFor(user, SitePurpose.OBSERVATION));
        model.addAttribute("today", episodes.today());
        picker.fill(user, ResidencePicker.picked(form.getDestinationTown(), form.getAreaCode()), model);
        return "observation/contact";
    }

    @GetMapping("/observation/reports")
    String reports(@AuthenticationPrincipal CordonUser user,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        LocalDate day = date == null ? episodes.today() : date;
        model.addAttribute("reports", reports.reports(user, day));
        model.addAttribute("date", day);
        return "observation/reports";
    }

    @RequiresPermission(Permission.OBSERVATION_READ)
    @PostMapping("/observation/reports")
    String submitReport(@AuthenticationPrincipal CordonUser user, @RequestParam String areaCode,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> reports.submitReport(user, areaCode, date, note), locale, redirect).succeeded("reports.submitted");
        return "redirect:/observation/reports" + (date == null ? "" : "?date=" + date);
    }
}
