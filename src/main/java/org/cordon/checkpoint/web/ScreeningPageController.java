package org.cordon.checkpoint.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.Permission;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.shared.ValidationFailedException;
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

/** Alert board and screening rules pages. */
@Controller
class ScreeningPageController {

    private final CheckpointManagement checkpoints;
    private final Forms forms;

    ScreeningPageController(CheckpointManagement checkpoints, Forms forms) {
        this.checkpoints = checkpoints;
        this.forms = forms;
    }

    /** The alert board merged into the referral list (one place for fever referrals): its alerts are shown there. */
    @RequiresPermission(Permission.ALERT_READ)
    @GetMapping("/alerts")
    String alerts(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all,
                  @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate date) {
        if (!checkpoints.mayReadAlerts(user)) {
            throw new org.springframework.security.access.AccessDeniedException("The alert board is for the commander and medical staff");
        }
        // a dashboard tile's day is kept (its area is not: a checkpoint alert names a checkpoint, not the area)
        String query = (all ? "all=true" : "") + (date != null ? (all ? "&" : "") + "date=" + date : "");
        return "redirect:/referrals" + (query.isEmpty() ? "" : "?" + query) + "#alerts";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal CordonUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (checkpoints.acknowledgeAlert(user, id)) {
            Forms.succeeded(redirect, "alerts.acknowledged");
        }
        return "redirect:/referrals#alerts";
    }

    @GetMapping("/rules")
    String rules(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("rules", checkpoints.rules());
        model.addAttribute("mayEdit", checkpoints.mayEditRules(user));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "rules";
    }

    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    @PostMapping("/rules/threshold")
    String threshold(@AuthenticationPrincipal CordonUser user, @RequestParam String feverThreshold, Locale locale,
                     RedirectAttributes redirect) {
        forms.submit(() -> checkpoints.updateFeverThreshold(user, threshold(feverThreshold)), locale, redirect).done("saved", true)
                .succeeded("rules.thresholdChanged", feverThreshold.strip());
        return "redirect:/rules";
    }

    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    @PostMapping("/rules/risk-areas")
    String addRiskArea(@AuthenticationPrincipal CordonUser user, @RequestParam String codePrefix,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
                       Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> checkpoints.addRiskArea(user, codePrefix, validFrom, validTo), locale, redirect).done("saved", true)
                .succeeded("rules.riskAreaAdded").form("risk-area-new")
                .entered(Map.of("codePrefix", codePrefix, "validFrom", validFrom == null ? "" : validFrom.toString(),
                        "validTo", validTo == null ? "" : validTo.toString()));
        return "redirect:/rules";
    }

    @PostMapping("/rules/risk-areas/{id}/end")
    String endRiskArea(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
                       Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> checkpoints.endRiskArea(user, id, validTo), locale, redirect).done("saved", true)
                .succeeded("rules.riskAreaEnded").form("risk-area-" + id);
        return "redirect:/rules";
    }

    private static BigDecimal threshold(String feverThreshold) {
        try {
            return new BigDecimal(feverThreshold.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new ValidationFailedException("feverThreshold", "validation.feverThreshold");
        }
    }
}
