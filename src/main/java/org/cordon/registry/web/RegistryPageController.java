package org.cordon.registry.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.Permission;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.ReturneeView;
import org.cordon.registry.TransportMode;
import org.cordon.shared.IdType;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages of the returnee registry: list, door-to-door registration, detail, person search. */
@Controller
class RegistryPageController {

    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final PersonalDataManagement privacy;
    private final Forms forms;

    RegistryPageController(RegistryManagement registry, AreaManagement areas, PersonalDataManagement privacy, Forms forms) {
        this.registry = registry;
        this.areas = areas;
        this.privacy = privacy;
        this.forms = forms;
    }

    @GetMapping("/returnees")
    String list(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) ReturneeStatus status,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", registry.returnees(user, null, status, page, 50));
        model.addAttribute("status", status);
        model.addAttribute("statuses", ReturneeStatus.values());
        return "registry/returnees";
    }

    @GetMapping("/returnees/new")
    String newReturnee(@AuthenticationPrincipal CordonUser user, Model model) {
        return form(user, new ReturneeForm(), Map.of(), model);
    }

    @PostMapping("/returnees")
    String register(@AuthenticationPrincipal CordonUser user, @ModelAttribute("form") ReturneeForm form, Model model, Locale locale) {
        return forms.attempt(() -> {
            RegistryManagement.Registration r = registry.registerReturnee(user, form.toRequest());
            if (r.alreadyRegistered() != null && !r.alreadyRegistered().visible()) {
                // the arrival is registered in another area: nothing stored, the form again with where and when
                model.addAttribute("registeredElsewhere", r.alreadyRegistered());
                return form(user, form, Map.of(), model);
            }
            return "redirect:/returnees/" + r.returnee().id() + (r.alreadyRegistered() != null ? "?alreadyRegistered" : "?registered");
        }, locale, errors -> form(user, form, errors, model));
    }

    private String form(CordonUser user, ReturneeForm form, Map<String, String> errors, Model model) {
        String area = user.jurisdiction().areaCode();
        List<Area> destinations = new ArrayList<>();
        if (area != null) {
            areas.findArea(area).ifPresent(destinations::add);
            destinations.addAll(areas.descendants(area));
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("destinations", destinations);
        model.addAttribute("idTypes", IdType.values());
        model.addAttribute("transportModes", TransportMode.values());
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("provinces", areas.provinces());
        model.addAttribute("cities", blank(form.getOriginProvince()) ? List.of() : areas.divisionChildren(form.getOriginProvince(), locale));
        model.addAttribute("counties", blank(form.getOriginCity()) ? List.of() : areas.divisionChildren(form.getOriginCity(), locale));
        return "registry/new";
    }

    @GetMapping("/returnees/{id}")
    String returnee(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        return returneePage(user, registry.returnee(user, id, false), model);
    }

    /** The audited reveal: everything for the reveal roles, name and phone (to call) for grid workers and town staff. */
    @PostMapping("/returnees/{id}/full")
    String fullReturnee(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("langBase", "/returnees/" + id); // the language links lead to the page, not to this POST
        return returneePage(user, registry.returnee(user, id, true), model);
    }

    private String returneePage(CordonUser user, ReturneeView returnee, Model model) {
        model.addAttribute("returnee", returnee);
        model.addAttribute("mayReveal", privacy.mayReveal(user));
        model.addAttribute("mayRevealContact", privacy.mayRevealContact(user));
        model.addAttribute("mayConfirmIdentity", RolePermissions.may(user, Permission.RETURNEE_REGISTER));
        return "registry/returnee";
    }

    @RequiresPermission(Permission.RETURNEE_REGISTER)
    @PostMapping("/returnees/{id}/identity")
    String identity(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Boolean accept) {
        try {
            registry.confirmReturneeIdentity(user, id, accept);
        } catch (ValidationFailedException noDecision) {
            return "redirect:/returnees/" + id; // the page's buttons always send one; nothing changed
        }
        return "redirect:/returnees/" + id + (accept ? "?identityAdopted" : "?identityKept");
    }

    @PostMapping("/returnees/{id}/verify")
    String verify(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        registry.verifyReturnee(user, id);
        org.cordon.shared.web.Forms.succeeded(redirect, "returnees.verifiedNow");
        return "redirect:/returnees/" + id;
    }

    @GetMapping("/people")
    String people(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String q, Model model,
                  Locale locale) {
        model.addAttribute("q", q);
        try {
            model.addAttribute("people", registry.searchPersons(user, q));
            model.addAttribute("errors", Map.of());
        } catch (RateLimitedException e) {
            model.addAttribute("people", List.of());
            model.addAttribute("errors", forms.errors(new ValidationFailedException(List.of(e.fieldProblem("q"))), locale));
        }
        return "registry/people";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
