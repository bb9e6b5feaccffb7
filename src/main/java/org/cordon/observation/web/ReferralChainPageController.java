package org.cordon.observation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.checkpoint.Symptom;
import org.cordon.observation.CaseManagement;
import org.cordon.observation.CaseView;
import org.cordon.observation.CheckRequest;
import org.cordon.observation.CheckSlot;
import org.cordon.observation.CloseContactManagement;
import org.cordon.observation.EpisodeKind;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.IsolationManagement;
import org.cordon.observation.IsolationOutcomeRequest;
import org.cordon.observation.SiteManagement;
import org.cordon.observation.SitePurpose;
import org.cordon.observation.SiteRequest;
import org.cordon.observation.TravellerContactRequest;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.web.Forms;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of the referral chain after the fever clinic: isolations of suspected cases (list, checks, outcome), confirmed
 * cases with their contact-tracing task (fellow travellers made close contacts), and the designated sites.
 */
@Controller
class ReferralChainPageController {

    private final IsolationManagement isolations;
    private final CaseManagement cases;
    private final CloseContactManagement contacts;
    private final SiteManagement sites;
    private final EpisodeManagement episodes;
    private final PersonalDataManagement privacy;
    private final ResidencePicker picker;
    private final Forms forms;

    ReferralChainPageController(IsolationManagement isolations, CaseManagement cases, CloseContactManagement contacts,
                                SiteManagement sites, EpisodeManagement episodes, PersonalDataManagement privacy,
                                ResidencePicker picker, Forms forms) {
        this.isolations = isolations;
        this.cases = cases;
        this.contacts = contacts;
        this.sites = sites;
        this.episodes = episodes;
        this.privacy = privacy;
        this.picker = picker;
        this.forms = forms;
    }

    // ------------------------------------------------------------------ isolations

    @GetMapping("/isolations")
    String isolations(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all, Model model) {
        model.addAttribute("isolations", isolations.isolations(user, all));
        model.addAttribute("all", all);
        model.addAttribute("today", episodes.today());
        return "observation/isolations";
    }

    @GetMapping("/isolations/{id}")
    String isolation(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        return isolationPage(user, id, false, model);
    }

    /** The audited reveal of the isolated person. */
    @PostMapping("/isolations/{id}/full")
    String fullIsolation(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("langBase", "/isolations/" + id);
        return isolationPage(user, id, true, model);
    }

    private String isolationPage(CordonUser user, long id, boolean full, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("isolation", isolations.isolation(user, id, full));
        model.addAttribute("mayReveal", privacy.mayReveal(user));
        model.addAttribute("mayRevealContact", privacy.mayRevealContact(user));
        model.addAttribute("mayCheck", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        model.addAttribute("mayDecide", RolePermissions.may(user, Permission.REFERRAL_OUTCOME));
        model.addAttribute("today", episodes.today());
        model.addAttribute("currentSlot", episodes.currentSlot());
        model.addAttribute("slots", CheckSlot.values());
        model.addAttribute("symptoms", Symptom.values());
        return "observation/isolation";
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/isolations/{id}/checks")
    String isolationCheck(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                          @RequestParam(required = false) String slot, @RequestParam(required = false) String temperature,
                          @RequestParam(required = false) List<String> symptoms, @RequestParam(required = false) String note,
                          Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> isolations.recordCheck(user, id, new CheckRequest(date, slot, temperature, symptoms, note)), locale, redirect)
                .succeeded("check.saved").form("check").entered(temperature);
        return "redirect:/isolations/" + id;
    }

    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    @PostMapping("/isolations/{id}/outcome")
    String isolationOutcome(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String outcome,
                            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> isolations.recordOutcome(user, id, new IsolationOutcomeRequest(outcome, note)), locale, redirect)
                .succeeded("isolation.outcomeSaved").form("outcome");
        return "redirect:/isolations/" + id;
    }

    // ------------------------------------------------------------------ cases and tracing

    @GetMapping("/cases")
    String cases(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("cases", cases.cases(user));
        return "observation/cases";
    }

    @GetMapping("/cases/{id}")
    String caseOf(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("c", cases.caseOf(user, id));
        model.addAttribute("mayTrace", RolePermissions.may(user, Permission.OBSERVATION_CHECK));
        return "observation/case";
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/travellers/search")
    String searchTravellers(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> cases.findTravellers(user, id), locale, redirect).succeeded("case.searched");
        return "redirect:/cases/" + id;
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/travellers/{travellerId}/dismiss")
    String dismissTraveller(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long travellerId,
                            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> cases.dismissTraveller(user, id, travellerId, note), locale, redirect).succeeded("case.travellerDismissed")
                .form("traveller-" + travellerId);
        return "redirect:/cases/" + id + "#traveller-" + travellerId;
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/tracing/complete")
    String completeTracing(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> cases.completeTracing(user, id), locale, redirect).succeeded("case.tracingDone").form("tracing");
        return "redirect:/cases/" + id;
    }

    /** A fellow traveller made a close contact: the form asks only where they live (suggested: where they were headed). */
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @GetMapping("/cases/{id}/travellers/{travellerId}/contact")
    String travellerContactForm(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long travellerId,
                                Model model) {
        CaseView.Traveller t = traveller(user, id, travellerId);
        return travellerForm(user, id, t, t.destinationCode(), null, Map.of(), model);
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/travellers/{travellerId}/contact")
    String travellerContact(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long travellerId,
                            @RequestParam(required = false) String destinationTown, @RequestParam(required = false) String areaCode,
                            @RequestParam(required = false) String kind, @RequestParam(required = false) Long siteId,
                            Model model, Locale locale) {
        String residence = ResidencePicker.picked(destinationTown, areaCode);
        return forms.attempt(() -> "redirect:/observation/episodes/"
                        + contacts.registerTraveller(user, id, travellerId, new TravellerContactRequest(residence, kind, siteId)) + "?contact",
                locale, errors -> travellerForm(user, id, traveller(user, id, travellerId), residence, kind, errors, model));
    }

    private CaseView.Traveller traveller(CordonUser user, long caseId, long travellerId) {
        return cases.caseOf(user, caseId).travellers().stream().filter(t -> t.id() == travellerId).findFirst()
                .orElseThrow(() -> new NotFoundException("Traveller " + travellerId + " of case " + caseId));
    }

    private String travellerForm(CordonUser user, long caseId, CaseView.Traveller t, String residence, String kind,
                                 Map<String, String> errors, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute("traveller", t);
        model.addAttribute("kind", kind);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", EpisodeKind.values());
        model.addAttribute("sites", sites.sitesFor(user, SitePurpose.OBSERVATION));
        picker.fill(user, residence, model);
        return "observation/traveller-contact";
    }

    // ------------------------------------------------------------------ sites

    @GetMapping("/observation/sites")
    String sites(@AuthenticationPrincipal CordonUser user, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("sites", sites.sites(user));
        model.addAttribute("purposes", SitePurpose.values());
        model.addAttribute("mayEdit", sites.mayEditSites(user));
        picker.fill(user, null, model);
        return "observation/sites";
    }

    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @PostMapping("/observation/sites")
    String createSite(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String name,
                      @RequestParam(required = false) String destinationTown, @RequestParam(required = false) String areaCode,
                      @RequestParam(required = false) String address, @RequestParam(required = false) String capacity,
                      @RequestParam(required = false) String purpose, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> sites.createSite(user, new SiteRequest(name, ResidencePicker.picked(destinationTown, areaCode), address,
                integer(capacity), purpose, null)), locale, redirect).succeeded("site.saved").form("new-site")
                .entered(Map.of("name", name == null ? "" : name, "capacity", capacity == null ? "" : capacity));
        return "redirect:/observation/sites";
    }

    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @PostMapping("/observation/sites/{id}")
    String updateSite(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String capacity,
                      @RequestParam(required = false) Boolean active, Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> sites.updateSite(user, id, new SiteRequest(null, null, null, integer(capacity), null,
                active != null && active)), locale, redirect).succeeded("site.saved").form("site-" + id);
        return "redirect:/observation/sites#site-" + id;
    }

    /**
     * A typed number ("1,200" and "1 200" too: shared TypedNumber, the page's language), or -1 (refused by the
     * capacity's range check) when it is no whole number.
     */
    private static Integer integer(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal number = org.cordon.shared.TypedNumber.parse(value,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
            return number == null ? null : number.intValueExact();
        } catch (org.cordon.shared.InvalidValueException | ArithmeticException e) {
            return -1;
        }
    }
}
