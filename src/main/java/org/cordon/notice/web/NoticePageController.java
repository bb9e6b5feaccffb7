package org.cordon.notice.web;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.area.AreaManagement;
import org.cordon.notice.NoticeCategory;
import org.cordon.notice.NoticeManagement;
import org.cordon.notice.NoticeStatus;
import org.cordon.notice.NoticeView;
import org.cordon.notice.PortalManagement;
import org.cordon.notice.ServiceKind;
import org.cordon.notice.TargetType;
import org.cordon.notice.VenueKind;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.web.Forms;
import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages of notices (commanders and administrators): list, draft form, publish, revoke; the lists of
 * venues, events and services with their status; advice articles and hotlines of the portal; volunteer
 * sign-ups.
 */
@Controller
class NoticePageController {

    private final NoticeManagement notices;
    private final PortalManagement portal;
    private final AreaManagement areas;
    private final CordonSettings settings;
    private final MessageSource messages;
    private final Forms forms;
    private final java.time.Clock clock;

    NoticePageController(NoticeManagement notices, PortalManagement portal, AreaManagement areas, CordonSettings settings,
                         MessageSource messages, Forms forms, java.time.Clock clock) {
        this.notices = notices;
        this.portal = portal;
        this.areas = areas;
        this.settings = settings;
        this.messages = messages;
        this.forms = forms;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ notices

    @GetMapping("/notices")
    String list(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) NoticeStatus status, Model model) {
        model.addAttribute("notices", notices.notices(user, status));
        model.addAttribute("status", status);
        model.addAttribute("statuses", NoticeStatus.values());
        return "notice/list";
    }

    @GetMapping("/notices/new")
    String newNotice(@AuthenticationPrincipal CordonUser user, Locale locale, Model model) {
        if (!notices.mayEdit(user)) {
            throw new org.springframework.security.access.AccessDeniedException("Only the commander and administrators write notices");
        }
        NoticeForm form = new NoticeForm();
        form.setIssuer(messages.getMessage("notice.defaultIssuer", null, locale));
        form.setEffectiveFrom(LocalDateTime.now(clock.withZone(settings.timeZone())).truncatedTo(ChronoUnit.MINUTES));
        return form(user, null, form, Map.of(), model);
    }

    @PostMapping("/notices")
    String create(@AuthenticationPrincipal CordonUser user, @ModelAttribute("form") NoticeForm form, BindingResult binding,
                  Locale locale, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return form(user, null, form, errors, model);
        }
        return forms.attempt(() -> {
            NoticeView n = notices.createDraft(user, form.toRequest());
            Forms.succeeded(redirect, "notice.saved");
            return "redirect:/notices/" + n.id() + "?saved";
        }, locale, rejected -> form(user, null, form, rejected, model));
    }

    @GetMapping("/notices/{id}")
    String notice(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("notice", notices.notice(user, id));
        model.addAttribute("errors", Map.of());
        return "notice/notice";
    }

    @GetMapping("/notices/{id}/edit")
    String edit(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        NoticeView n = notices.notice(user, id);
        if (!n.draft()) {
            return "redirect:/notices/" + id;
        }
        return form(user, n, NoticeForm.of(n, settings.timeZone()), Map.of(), model);
    }

    @PostMapping("/notices/{id}")
    String update(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @ModelAttribute("form") NoticeForm form,
                  BindingResult binding, Locale locale, Model model, RedirectAttributes redirect) {
        NoticeView n = notices.notice(user, id);
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return form(user, n, form, errors, model);
        }
        return forms.attempt(() -> {
            notices.updateDraft(user, id, form.toRequest());
            Forms.succeeded(redirect, "notice.saved");
            return "redirect:/notices/" + id + "?saved";
        }, locale, rejected -> form(user, n, form, rejected, model));
    }

    @PostMapping("/notices/{id}/publish")
    String publish(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.publish(user, id);
            Forms.succeeded(redirect, "notice.published");
            return "redirect:/notices/" + id + "?published";
        }, locale, errors -> detailWithErrors(user, id, errors, model));
    }

    @PostMapping("/notices/{id}/revoke")
    String revoke(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.revoke(user, id, reason);
            Forms.succeeded(redirect, "notice.revoked");
            return "redirect:/notices/" + id + "?revoked";
        }, locale, errors -> {
            model.addAttribute("reason", reason);
            return detailWithErrors(user, id, errors, model);
        });
    }

    @PostMapping("/notices/{id}/delete")
    String delete(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.deleteDraft(user, id);
            Forms.succeeded(redirect, "notice.deleted");
            return "redirect:/notices?deleted";
        }, locale, errors -> detailWithErrors(user, id, errors, model));
    }

    private String detailWithErrors(CordonUser user, long id, Map<String, String> errors, Model model) {
        model.addAttribute("notice", notices.notice(user, id));
        model.addAttribute("errors", errors);
        return "notice/notice";
    }

    private String form(CordonUser user, NoticeView existing, NoticeForm form, Map<String, String> errors, Model model) {
        model.addAttribute("existing", existing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", NoticeCategory.values());
        model.addAttribute("venues", notices.places(user, TargetType.VENUE));
        model.addAttribute("events", notices.places(user, TargetType.EVENT));
        model.addAttribute("services", notices.places(user, TargetType.SERVICE));
        return "notice/form";
    }

    // ------------------------------------------------------------------ venues, events, services

    @GetMapping("/notices/places")
    String places(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("venues", notices.places(user, TargetType.VENUE));
        model.addAttribute("events", notices.places(user, TargetType.EVENT));
        model.addAttribute("services", notices.places(user, TargetType.SERVICE));
        model.addAttribute("mayEdit", notices.mayEdit(user));
        return "notice/places";
    }

    @GetMapping("/notices/places/{type}/new")
    String newPlace(@AuthenticationPrincipal CordonUser user, @PathVariable String type, Model model) {
        TargetType t = type(type);
        requireEditor(user);
        return placeForm(t, null, new PlaceForm(), Map.of(), model);
    }

    @GetMapping("/notices/places/{type}/{id}/edit")
    String editPlace(@AuthenticationPrincipal CordonUser user, @PathVariable String type, @PathVariable long id, Model model) {
        TargetType t = type(type);
        requireEditor(user);
        return placeForm(t, id, PlaceForm.of(notices.place(user, t, id)), Map.of(), model);
    }

    @PostMapping("/notices/places/{type}")
    String addPlace(@AuthenticationPrincipal CordonUser user, @PathVariable String type, @ModelAttribute("form") PlaceForm form,
                    BindingResult binding, Locale locale, Model model, RedirectAttributes redirect) {
        TargetType t = type(type);
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return placeForm(t, null, form, errors, model);
        }
        return forms.attempt(() -> {
            notices.addPlace(user, t, form.toRequest());
            Forms.succeeded(redirect, "venue.saved");
            return "redirect:/notices/places?saved";
        }, locale, rejected -> placeForm(t, null, form, rejected, model));
    }

    @PostMapping("/notices/places/{type}/{id}")
    String updatePlace(@AuthenticationPrincipal CordonUser user, @PathVariable String type, @PathVariable long id,
                       @ModelAttribute("form") PlaceForm form, BindingResult binding, Locale locale, Model model, RedirectAttributes redirect) {
        TargetType t = type(type);
        Map<String, String> errors = forms.errors(binding, locale);
        if (!errors.isEmpty()) {
            return placeForm(t, id, form, errors, model);
        }
        return forms.attempt(() -> {
            notices.updatePlace(user, t, id, form.toRequest());
            Forms.succeeded(redirect, "venue.saved");
            return "redirect:/notices/places?saved";
        }, locale, rejected -> placeForm(t, id, form, rejected, model));
    }

    private String placeForm(TargetType type, Long id, PlaceForm form, Map<String, String> errors, Model model) {
        model.addAttribute("type", type);
        model.addAttribute("typePath", type.name().toLowerCase(Locale.ROOT) + "s");
        model.addAttribute("placeId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("venueKinds", VenueKind.values());
        model.addAttribute("serviceKinds", ServiceKind.values());
        model.addAttribute("towns", areas.towns());
        return "notice/place-form";
    }

    private static TargetType type(String path) {
        return switch (path) {
            case "venues" -> TargetType.VENUE;
            case "events" -> TargetType.EVENT;
            case "services" -> TargetType.SERVICE;
            default -> throw new NotFoundException("Place type " + path);
        };
    }

    // ------------------------------------------------------------------ advice

    @GetMapping("/notices/advice")
    String advice(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("articles", notices.allAdvice(user));
        return "notice/advice";
    }

    @GetMapping("/notices/advice/new")
    String newAdvice(@AuthenticationPrincipal CordonUser user, Model model) {
        requireEditor(user);
        return adviceForm(null, "", "", true, 100, Map.of(), model);
    }

    @GetMapping("/notices/advice/{id}/edit")
    String editAdvice(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        var a = notices.advice(user, id);
        return adviceForm(id, a.title(), a.body(), a.published(), a.sort(), Map.of(), model);
    }

    @PostMapping("/notices/advice")
    String addAdvice(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String title,
                     @RequestParam(required = false) String body, @RequestParam(defaultValue = "false") boolean published,
                     @RequestParam(defaultValue = "0") int sort, Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.addAdvice(user, title, body, published, sort);
            Forms.succeeded(redirect, "advice.saved");
            return "redirect:/notices/advice?saved";
        }, locale, errors -> adviceForm(null, title, body, published, sort, errors, model));
    }

    @PostMapping("/notices/advice/{id}")
    String updateAdvice(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String title,
                        @RequestParam(required = false) String body, @RequestParam(defaultValue = "false") boolean published,
                        @RequestParam(defaultValue = "0") int sort, Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.updateAdvice(user, id, title, body, published, sort);
            Forms.succeeded(redirect, "advice.saved");
            return "redirect:/notices/advice?saved";
        }, locale, errors -> adviceForm(id, title, body, published, sort, errors, model));
    }

    private String adviceForm(Long id, String title, String body, boolean published, int sort, Map<String, String> errors,
                              Model model) {
        model.addAttribute("articleId", id);
        model.addAttribute("title", title);
        model.addAttribute("body", body);
        model.addAttribute("published", published);
        model.addAttribute("sort", sort);
        model.addAttribute("errors", errors);
        return "notice/advice-form";
    }

    // ------------------------------------------------------------------ hotlines

    @GetMapping("/notices/hotlines")
    String hotlines(@AuthenticationPrincipal CordonUser user, Model model) {
        requireEditor(user);
        return hotlinePage(user, Map.of(), null, model);
    }

    @PostMapping("/notices/hotlines")
    String addHotline(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String name,
                      @RequestParam(required = false) String phone, @RequestParam(defaultValue = "0") int sort, Locale locale,
                      Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.addHotline(user, name, phone, sort);
            Forms.succeeded(redirect, "portal.hotline.saved");
            return "redirect:/notices/hotlines?saved";
        }, locale, errors -> {
            model.addAttribute("newName", name);
            model.addAttribute("newPhone", phone);
            return hotlinePage(user, errors, null, model);
        });
    }

    @PostMapping("/notices/hotlines/{id}")
    String updateHotline(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String name,
                         @RequestParam(required = false) String phone, @RequestParam(defaultValue = "0") int sort, Locale locale,
                         Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            notices.updateHotline(user, id, name, phone, sort);
            Forms.succeeded(redirect, "portal.hotline.saved");
            return "redirect:/notices/hotlines?saved";
        }, locale, errors -> hotlinePage(user, errors, id, model));
    }

    @PostMapping("/notices/hotlines/{id}/delete")
    String deleteHotline(@AuthenticationPrincipal CordonUser user, @PathVariable long id, RedirectAttributes redirect) {
        notices.deleteHotline(user, id);
        Forms.succeeded(redirect, "portal.hotline.deleted");
        return "redirect:/notices/hotlines?deleted";
    }

    private String hotlinePage(CordonUser user, Map<String, String> errors, Long failedId, Model model) {
        model.addAttribute("hotlines", notices.hotlines(user));
        model.addAttribute("errors", errors);
        model.addAttribute("failedId", failedId);
        return "notice/hotlines";
    }

    // ------------------------------------------------------------------ volunteers

    @GetMapping("/volunteer-signups")
    String volunteers(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("signups", portal.volunteerSignups(user));
        return "notice/volunteers";
    }

    // ------------------------------------------------------------------ helpers

    private void requireEditor(CordonUser user) {
        if (!notices.mayEdit(user)) {
            throw new AccessDeniedException("Commanders and administrators only");
        }
    }

}
