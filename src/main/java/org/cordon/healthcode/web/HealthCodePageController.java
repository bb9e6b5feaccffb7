package org.cordon.healthcode.web;

import java.util.Locale;

import org.cordon.account.CordonUser;
import org.cordon.healthcode.HealthCodeKeyManagement;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthCodeQr;
import org.cordon.healthcode.IssuedCode;
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

/**
 * Staff pages of the health code: a person's code with the reasons for its colour, the printable code card for people
 * without a smartphone, and the administrators' page of signing keys and trusted issuers.
 */
@Controller
class HealthCodePageController {

    private final HealthCodeManagement codes;
    private final HealthCodeKeyManagement keys;
    private final Forms forms;

    HealthCodePageController(HealthCodeManagement codes, HealthCodeKeyManagement keys, Forms forms) {
        this.codes = codes;
        this.keys = keys;
        this.forms = forms;
    }

    @GetMapping("/health-codes/people/{id}")
    String person(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        IssuedCode code = codes.codeOf(user, id);
        model.addAttribute("code", code);
        model.addAttribute("qr", HealthCodeQr.svg(code.token(), code.color().name()));
        model.addAttribute("personId", id);
        return "healthcode/person";
    }

    @GetMapping("/health-codes/people/{id}/card")
    String card(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        IssuedCode code = codes.card(user, id);
        model.addAttribute("code", code);
        model.addAttribute("qr", HealthCodeQr.svg(code.token(), code.color().name()));
        return "healthcode/card";
    }

    @GetMapping("/admin/health-code-keys")
    String keys(@AuthenticationPrincipal CordonUser user, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        model.addAttribute("issuer", keys.issuer());
        model.addAttribute("published", keys.publishedKeys(user));
        model.addAttribute("trusted", keys.trustedKeys(user));
        return "healthcode/keys";
    }

    @PostMapping("/admin/health-code-keys/rotate")
    String rotate(@AuthenticationPrincipal CordonUser user, RedirectAttributes redirect) {
        keys.rotate(user);
        org.cordon.shared.web.Forms.succeeded(redirect, "healthCode.keys.rotated");
        return "redirect:/admin/health-code-keys";
    }

    @PostMapping("/admin/health-code-keys/trusted")
    String trust(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String issuer,
                 @RequestParam(required = false) String name, @RequestParam(required = false) String jwks, Locale locale,
                 RedirectAttributes redirect) {
        try {
            org.cordon.shared.web.Forms.succeeded(redirect, "healthCode.keys.trustedAdded", keys.trust(user, issuer, name, jwks).size());
        } catch (ValidationFailedException e) {
            redirect.addFlashAttribute("errors", forms.errors(e, locale));
            redirect.addFlashAttribute("entered", java.util.Map.of("issuer", issuer == null ? "" : issuer, "name", name == null ? "" : name,
                    "jwks", jwks == null ? "" : jwks));
        }
        return "redirect:/admin/health-code-keys";
    }

    @PostMapping("/admin/health-code-keys/trusted/{id}/remove")
    String distrust(@AuthenticationPrincipal CordonUser user, @PathVariable long id, RedirectAttributes redirect) {
        keys.distrust(user, id);
        org.cordon.shared.web.Forms.succeeded(redirect, "healthCode.keys.trustedRemoved");
        return "redirect:/admin/health-code-keys";
    }
}
