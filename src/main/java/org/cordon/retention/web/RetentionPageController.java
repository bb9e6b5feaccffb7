package org.cordon.retention.web;

import java.util.Locale;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.retention.RetentionManagement;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' data retention page: what expires when, the last runs, and "run now". */
@Controller
class RetentionPageController {

    private final RetentionManagement retention;
    private final MessageSource messages;

    RetentionPageController(RetentionManagement retention, MessageSource messages) {
        this.retention = retention;
        this.messages = messages;
    }

    @GetMapping("/admin/retention")
    @RequiresPermission(Permission.DATA_RETENTION)
    String page(@AuthenticationPrincipal CordonUser user, Model model) {
        model.addAttribute("overview", retention.overview(user));
        return "admin/retention";
    }

    @PostMapping("/admin/retention/run")
    @RequiresPermission(Permission.DATA_RETENTION)
    String run(@AuthenticationPrincipal CordonUser user, RedirectAttributes redirect, Locale locale) {
        RetentionManagement.RunResult r = retention.runNow(user);
        redirect.addFlashAttribute("message", messages.getMessage("retention.ran", new Object[] {r.droppedMonths().size(),
                r.droppedMonths().stream().mapToLong(m -> m.passages()).sum(), r.personsAnonymised(), r.keptPassages()}, locale));
        return "redirect:/admin/retention";
    }
}
