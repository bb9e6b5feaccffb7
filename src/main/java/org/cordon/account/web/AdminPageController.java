package org.cordon.account.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.web.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrator pages: accounts and the audit log (/admin/** is restricted to ADMIN). */
@Controller
class AdminPageController {

    private final AccountManagement accounts;
    private final Forms forms;
    private final org.cordon.account.SignInManagement signIn;
    /** Provided by the checkpoint module; absent when the account module runs alone (module tests): no checkpoints to choose. */
    private final org.springframework.beans.factory.ObjectProvider<org.cordon.account.CheckpointDirectory> checkpoints;

    AdminPageController(AccountManagement accounts, Forms forms, org.cordon.account.SignInManagement signIn,
                        org.springframework.beans.factory.ObjectProvider<org.cordon.account.CheckpointDirectory> checkpoints) {
        this.accounts = accounts;
        this.forms = forms;
        this.signIn = signIn;
        this.checkpoints = checkpoints;
    }

    @GetMapping("/admin/audit")
    String audit(@AuthenticationPrincipal CordonUser admin, @RequestParam(required = false) String username,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("entries", accounts.auditLog(admin, username, page, 50));
        model.addAttribute("username", username);
        model.addAttribute("page", Math.max(0, page));
        return "admin/audit";
    }

    @GetMapping("/admin/accounts")
    String accounts(@AuthenticationPrincipal CordonUser admin, Model model) {
        model.addAttribute("accounts", accounts.accounts(admin));
        model.addAttribute("roles", Role.values());
        model.addAttribute("signIn", signIn.signInStates(admin));
        model.addAttribute("throttled", signIn.throttled(admin));
        org.cordon.account.CheckpointDirectory directory = checkpoints.getIfAvailable();
        model.addAttribute("checkpoints", directory == null ? java.util.Map.of() : directory.names());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/accounts";
    }

    @PostMapping("/admin/accounts")
    String create(@AuthenticationPrincipal CordonUser admin, @RequestParam String username, @RequestParam String password,
                  @RequestParam String displayName, @RequestParam(required = false) Role role,
                  @RequestParam(required = false) String areaCode, @RequestParam(required = false) String checkpointCodes,
                  Locale locale, RedirectAttributes redirect) {
        Set<String> codes = new LinkedHashSet<>();
        if (checkpointCodes != null) {
            Arrays.stream(checkpointCodes.split("[,，\\s]+")).filter(s -> !s.isBlank()).map(String::trim).forEach(codes::add);
        }
        forms.submit(() -> accounts.createAccount(admin, new NewAccount(username, password, displayName, role,
                areaCode == null || areaCode.isBlank() ? null : areaCode.trim(), codes)), locale, redirect).done("saved", true)
                .succeeded("accounts.created", username)
                .entered(Map.of("username", username, "displayName", displayName, "role", role == null ? "" : role.name(),
                        "areaCode", areaCode == null ? "" : areaCode, "checkpointCodes", codes));
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/enabled")
    String enable(@AuthenticationPrincipal CordonUser admin, @PathVariable long id, @RequestParam boolean enabled,
                  RedirectAttributes redirect) {
        accounts.setEnabled(admin, id, enabled);
        Forms.succeeded(redirect, enabled ? "accounts.enabled" : "accounts.disabled");
        return "redirect:/admin/accounts";
    }
}
