package org.cordon.account.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.TwoFactorManagement;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One's own second factor: enrolment (QR code and secret, confirmed with a code; the recovery codes shown
 * once) and turning it off (password and code). The secret being enrolled stays in the session, never in
 * the form, so nobody can enrol a secret of their own choosing.
 */
@Controller
class TwoFactorPageController {

    private static final String ENROLMENT = TwoFactorPageController.class.getName() + ".ENROLMENT";

    private final TwoFactorManagement twoFactor;
    private final Forms forms;

    TwoFactorPageController(TwoFactorManagement twoFactor, Forms forms) {
        this.twoFactor = twoFactor;
        this.forms = forms;
    }

    @GetMapping("/account/two-factor")
    @RequiresPermission(Permission.TWO_FACTOR)
    String page(@AuthenticationPrincipal CordonUser user, HttpSession session, Model model) {
        return show(user, session, model, Map.of(), null);
    }

    @PostMapping("/account/two-factor")
    @RequiresPermission(Permission.TWO_FACTOR)
    String confirm(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String code, HttpSession session,
                   Locale locale, Model model) {
        String secret = session.getAttribute(ENROLMENT) instanceof TwoFactorManagement.Enrolment e ? e.secret() : null;
        try {
            List<String> recoveryCodes = twoFactor.confirmEnrolment(user, secret, code);
            session.removeAttribute(ENROLMENT);
            model.addAttribute("recoveryCodes", recoveryCodes);
            return show(user, session, model, Map.of(), "enrol");
        } catch (ValidationFailedException e) {
            return show(user, session, model, forms.errors(e, locale), "enrol");
        }
    }

    @PostMapping("/account/two-factor/disable")
    @RequiresPermission(Permission.TWO_FACTOR)
    String disable(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String password,
                   @RequestParam(required = false) String code, HttpServletRequest request, Locale locale, Model model,
                   RedirectAttributes redirect) {
        try {
            twoFactor.disable(user, password, code, request.getRemoteAddr());
        } catch (ValidationFailedException e) {
            return show(user, request.getSession(), model, forms.errors(e, locale), "disable");
        } catch (RateLimitedException e) {
            return show(user, request.getSession(), model, forms.errors(new ValidationFailedException("password",
                    "validation.signin.wait", e.retryAfterSeconds()), locale), "disable");
        }
        redirect.addFlashAttribute("disabled", true);
        return "redirect:/account/two-factor";
    }

    private String show(CordonUser user, HttpSession session, Model model, Map<String, String> errors, String errorsFor) {
        TwoFactorManagement.Status status = twoFactor.status(user);
        model.addAttribute("status", status);
        if (!status.enabled()) {
            // one secret per session until it is confirmed, so that reloading the page keeps the QR code the app scanned
            TwoFactorManagement.Enrolment enrolment = session.getAttribute(ENROLMENT) instanceof TwoFactorManagement.Enrolment e ? e
                    : twoFactor.newEnrolment(user);
            session.setAttribute(ENROLMENT, enrolment);
            model.addAttribute("enrolment", enrolment);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("errorsFor", errorsFor);
        return "account/two-factor";
    }
}
