package org.cordon.account.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.CordonUser;
import org.cordon.account.FormSignIn;
import org.cordon.account.SignInManagement;
import org.cordon.account.SignInThrottledException;
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
 * The second sign-in step (the code of an account with a second factor) and one's own password change,
 * which is the only page an account reaches while an administrator's reset must be followed by a change.
 */
@Controller
class SignInPageController {

    private final SignInManagement signIn;
    private final FormSignIn formSignIn;
    private final Forms forms;

    SignInPageController(SignInManagement signIn, FormSignIn formSignIn, Forms forms) {
        this.signIn = signIn;
        this.formSignIn = formSignIn;
        this.forms = forms;
    }

    @GetMapping("/login/code")
    String codePage(@AuthenticationPrincipal CordonUser user, HttpServletRequest request, Model model) {
        if (user != null) {
            return "redirect:/";
        }
        Optional<FormSignIn.Pending> pending = formSignIn.pending(request);
        if (pending.isEmpty()) {
            return "redirect:/login?expired";
        }
        model.addAttribute("errors", Map.of());
        return "login-code";
    }

    @PostMapping("/login/code")
    String code(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String code, HttpServletRequest request,
                HttpServletResponse response, Locale locale, Model model) {
        if (user != null) {
            return "redirect:/";
        }
        Optional<FormSignIn.Pending> pending = formSignIn.pending(request);
        if (pending.isEmpty()) {
            return "redirect:/login?expired";
        }
        try {
            CordonUser signedIn = signIn.completeSecondFactor(pending.get().username(), code, request.getRemoteAddr());
            return "redirect:" + formSignIn.signIn(request, response, signedIn);
        } catch (ValidationFailedException e) {
            model.addAttribute("errors", forms.errors(e, locale));
            return "login-code";
        } catch (SignInThrottledException e) {
            formSignIn.abandon(request);
            return "redirect:/login?" + (e.locked() ? "locked=" : "wait=") + e.retryAfterSeconds();
        }
    }

    @GetMapping("/account/password")
    String passwordPage(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("required", signIn.passwordChangeRequired(user.id()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "account/password";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
                          HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
                          RedirectAttributes redirect) {
        try {
            if (newPassword != null && !newPassword.isEmpty() && !newPassword.equals(confirmPassword)) {
                throw new ValidationFailedException("confirmPassword", "validation.password.mismatch");
            }
            signIn.changeOwnPassword(user, currentPassword, newPassword, request.getRemoteAddr());
        } catch (ValidationFailedException e) {
            model.addAttribute("errors", forms.errors(e, locale));
            model.addAttribute("required", signIn.passwordChangeRequired(user.id()));
            return "account/password";
        } catch (RateLimitedException e) {
            model.addAttribute("errors", forms.errors(new ValidationFailedException("currentPassword", "validation.signin.wait",
                    e.retryAfterSeconds()), locale));
            model.addAttribute("required", signIn.passwordChangeRequired(user.id()));
            return "account/password";
        }
        // the session's sign-in still says "change required": sign in again with the account as it is now
        formSignIn.signIn(request, response, new CordonUser(user.id(), user.getUsername(), null, user.displayName(), user.role(),
                user.jurisdiction(), user.isEnabled(), false, user.twoFactor()));
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/account/password";
    }
}
