package org.cordon.account.web;

import org.cordon.account.CordonUser;
import org.cordon.account.SignInManagement;
import org.cordon.account.TwoFactorManagement;
import org.cordon.shared.web.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What administrators do about sign-in on the accounts page (/admin/** is restricted to ADMIN): lift a
 * lock, reset a password (the temporary one is shown once), remove a lost second factor.
 */
@Controller
class SignInAdminPageController {

    private final SignInManagement signIn;
    private final TwoFactorManagement twoFactor;

    SignInAdminPageController(SignInManagement signIn, TwoFactorManagement twoFactor) {
        this.signIn = signIn;
        this.twoFactor = twoFactor;
    }

    @PostMapping("/admin/accounts/{id}/unlock")
    String unlock(@AuthenticationPrincipal CordonUser admin, @PathVariable long id, RedirectAttributes redirect) {
        signIn.unlockAccount(admin, id);
        Forms.succeeded(redirect, "signin.admin.unlocked");
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/sign-in/unlock")
    String unlockNameOrAddress(@AuthenticationPrincipal CordonUser admin, @RequestParam String kind, @RequestParam String subject,
                               RedirectAttributes redirect) {
        signIn.unlock(admin, kind, subject);
        Forms.succeeded(redirect, "signin.admin.unlocked");
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/password-reset")
    String resetPassword(@AuthenticationPrincipal CordonUser admin, @PathVariable long id, RedirectAttributes redirect) {
        String temporary = signIn.resetPassword(admin, id);
        redirect.addFlashAttribute("temporaryPassword", temporary);
        redirect.addFlashAttribute("temporaryFor", id);
        Forms.succeeded(redirect, "accounts.passwordReset");
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/two-factor/remove")
    String removeTwoFactor(@AuthenticationPrincipal CordonUser admin, @PathVariable long id, RedirectAttributes redirect) {
        twoFactor.removeByAdministrator(admin, id);
        Forms.succeeded(redirect, "signin.admin.twoFactorRemoved");
        return "redirect:/admin/accounts";
    }
}
