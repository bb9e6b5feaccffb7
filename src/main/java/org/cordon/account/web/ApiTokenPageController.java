package org.cordon.account.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.AccountManagement;
import org.cordon.account.ApiTokenKind;
import org.cordon.account.ApiTokenManagement;
import org.cordon.account.ApiTokenSummary;
import org.cordon.account.CordonUser;
import org.cordon.account.IssuedApiToken;
import org.cordon.account.NewApiToken;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The administrator's API tokens page (/admin/** is restricted to administrators): the tokens with their
 * account, use and status, issuing one (its value is shown in the answer to the form, once, and is never put
 * in the session) and revoking one.
 */
@Controller
class ApiTokenPageController {

    private final ApiTokenManagement tokens;
    private final AccountManagement accounts;
    private final Forms forms;

    ApiTokenPageController(ApiTokenManagement tokens, AccountManagement accounts, Forms forms) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.forms = forms;
    }

    @GetMapping("/admin/tokens")
    String tokens(@AuthenticationPrincipal CordonUser admin, Model model) {
        return page(admin, Map.of(), Map.of(), null, model);
    }

    @PostMapping("/admin/tokens")
    String issue(@AuthenticationPrincipal CordonUser admin, @RequestParam Map<String, String> form, Locale locale, Model model) {
        return forms.attempt(() -> {
            ApiTokenKind kind = kind(form.get("kind"));
            LocalDate expiresOn = date(form.get("expiresOn"));
            IssuedApiToken issued = tokens.issue(admin, new NewApiToken(form.get("username"), form.get("name"), kind, expiresOn));
            model.addAttribute(Forms.SUCCEEDED, new org.springframework.context.support.DefaultMessageSourceResolvable(
                    new String[] {"tokens.issuedNow"}, new Object[] {issued.summary().name()}, "tokens.issuedNow"));
            return page(admin, Map.of(), Map.of(), issued, model);
        }, locale, errors -> page(admin, form, errors, null, model));
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal CordonUser admin, @PathVariable long id, RedirectAttributes redirect) {
        ApiTokenSummary revoked = tokens.revoke(admin, id);
        Forms.succeeded(redirect, "tokens.revokedNow", revoked.prefix());
        return "redirect:/admin/tokens";
    }

    private String page(CordonUser admin, Map<String, String> form, Map<String, String> errors, IssuedApiToken issued, Model model) {
        model.addAttribute("tokens", tokens.tokens(admin));
        model.addAttribute("accounts", accounts.accounts(admin).stream().filter(a -> a.enabled()).toList());
        model.addAttribute("kinds", ApiTokenKind.values());
        model.addAttribute("f", form);
        model.addAttribute("errors", errors);
        model.addAttribute("issued", issued);
        model.addAttribute("meUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/me").toUriString());
        return "admin/tokens";
    }

    private static ApiTokenKind kind(String value) {
        if (value == null || value.isBlank()) {
            return null;   // the service says it is required
        }
        try {
            return ApiTokenKind.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException("kind", "validation.field.format", value);
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException("expiresOn", "validation.field.format", value);
        }
    }
}
