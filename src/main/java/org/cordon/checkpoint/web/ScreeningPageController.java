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
import org.cordon.shared.web.FieldErrors;
import org.springframework.context.MessageSource;
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
    private final MessageSource messages;

    ScreeningPageController(CheckpointManagement checkpoints, MessageSource messages) {
        this.checkpoints = checkpoints;
        this.messages = messages;
    }

    @GetMapping("/alerts")
    String alerts(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all, Model model) {
        model.addAttribute("alerts", checkpoints.alerts(user, all));
        model.addAttribute("all", all);
        return "alerts";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        checkpoints.acknowledgeAlert(user, id);
        return "redirect:/alerts";
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
        try {
            BigDecimal value;
            try {
                value = new BigDecimal(feverThreshold.trim().replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new ValidationFailedException("feverThreshold", "validation.feverThreshold");
            }
            checkpoints.updateFeverThreshold(user, value);
            redirect.addFlashAttribute("saved", true);
        } catch (ValidationFailedException e) {
            redirect.addFlashAttribute("errors", errors(e, locale));
        }
        return "redirect:/rules";
    }

    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    @PostMapping("/rules/risk-areas")
    String addRiskArea(@AuthenticationPrincipal CordonUser user, @RequestParam String codePrefix,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
                       Locale locale, RedirectAttributes redirect) {
        try {
            checkpoints.addRiskArea(user, codePrefix, validFrom, validTo);
            redirect.addFlashAttribute("saved", true);
        } catch (ValidationFailedException e) {
            redirect.addFlashAttribute("errors", errors(e, locale));
        }
        return "redirect:/rules";
    }

    @PostMapping("/rules/risk-areas/{id}/end")
    String endRiskArea(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
                       Locale locale, RedirectAttributes redirect) {
        try {
            checkpoints.endRiskArea(user, id, validTo);
            redirect.addFlashAttribute("saved", true);
        } catch (ValidationFailedException e) {
            redirect.addFlashAttribute("errors", errors(e, locale));
        }
        return "redirect:/rules";
    }

    private Map<String, String> errors(ValidationFailedException e, Locale locale) {
        return FieldErrors.of(e, messages, locale);
    }
}
