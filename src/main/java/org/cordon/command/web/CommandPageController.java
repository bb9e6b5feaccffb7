package org.cordon.command.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.command.Assignee;
import org.cordon.command.AssigneeType;
import org.cordon.command.CommandManagement;
import org.cordon.command.DirectivePriority;
import org.cordon.command.DirectiveView;
import org.cordon.command.NewDirective;
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
 * Pages of command: today's view (commander: open and overdue directives, new directive, supervision;
 * addressees: my directives with accept / progress / done), directive detail with history, one
 * addressee's list, and the leadership and working groups. Every form works without JavaScript.
 */
@Controller
class CommandPageController {

    private static final int MY_DONE_SHOWN = 20;

    private final CommandManagement command;
    private final org.cordon.command.GroupManagement groups;
    private final Forms forms;

    CommandPageController(CommandManagement command, Forms forms, org.cordon.command.GroupManagement groups) {
        this.groups = groups;
        this.command = command;
        this.forms = forms;
    }

    @GetMapping("/command")
    String today(@AuthenticationPrincipal CordonUser user, Model model) {
        if (command.mayIssue(user) && !model.containsAttribute("entered")) {
            model.addAttribute("entered", Map.of("deadline", command.defaultDeadline().toString(), "priority", "NORMAL"));
        }
        defaults(model);
        boolean seesAll = command.seesAll(user);
        model.addAttribute("seesAll", seesAll);
        model.addAttribute("mayIssue", command.mayIssue(user));
        model.addAttribute("today", command.today());
        model.addAttribute("now", command.now());
        model.addAttribute("figures", command.figures(user));
        if (seesAll) {
            model.addAttribute("open", command.directives(user, true, null, null, null, 500));
            model.addAttribute("supervision", command.supervision(user));
            model.addAttribute("options", command.assigneeOptions());
            model.addAttribute("priorities", DirectivePriority.values());
            if (!model.containsAttribute("chosen")) {
                model.addAttribute("chosen", List.of());
            }
        }
        model.addAttribute("myGroups", groups.groupsOf(user));
        model.addAttribute("mine", command.myDirectives(user, true, 500));
        model.addAttribute("mineDone", command.myDirectives(user, false, MY_DONE_SHOWN));
        model.addAttribute("activity", command.recentActivity(user, 20));
        return "command/index";
    }

    @PostMapping("/command/directives")
    String issue(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String title,
                 @RequestParam(required = false) String content, @RequestParam(required = false) String priority,
                 @RequestParam(required = false) String deadline, @RequestParam(required = false) List<String> assignees,
                 @RequestParam(required = false) String branchName, Locale locale, RedirectAttributes redirect) {
        List<Assignee> chosen = new ArrayList<>();
        if (assignees != null) {
            for (String value : assignees) {
                chosen.add(assignee(value));
            }
        }
        if (branchName != null && !branchName.isBlank()) {
            chosen.add(Assignee.branch(branchName.strip(), branchName.strip()));
        }
        try {
            DirectiveView issued = command.issue(user, new NewDirective(title, content, priority, deadline, chosen));
            redirect.addFlashAttribute("issued", true);
            Forms.succeeded(redirect, "directive.issuedNow");
            return "redirect:/command/directives/" + issued.id();
        } catch (ValidationFailedException e) {
            forms.reject(e, locale, redirect).entered(entered("title", title, "content", content, "priority", priority,
                    "deadline", deadline, "branchName", branchName)).with("chosen", assignees == null ? List.of() : assignees);
            return "redirect:/command#new-directive";
        }
    }

    /** {@code GROUP:WG01} or {@code AREA:610881106} as the form's checkboxes send them. */
    private static Assignee assignee(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            return new Assignee(null, value, null);
        }
        try {
            return new Assignee(AssigneeType.valueOf(value.substring(0, colon)), value.substring(colon + 1), null);
        } catch (IllegalArgumentException e) {
            return new Assignee(null, value, null);
        }
    }

    @GetMapping("/command/directives/{id}")
    String directive(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        defaults(model);
        model.addAttribute("directive", command.directive(user, id));
        model.addAttribute("mayIssue", command.mayIssue(user));
        model.addAttribute("now", command.now());
        return "command/directive";
    }

    /** One addressee's directives (the supervision drill-down), or all visible ones. */
    @GetMapping("/command/directives")
    String list(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String assignee,
                @RequestParam(defaultValue = "open") String show, Model model) {
        Assignee who = assignee == null || assignee.isBlank() ? null : assignee(assignee);
        AssigneeType type = who == null ? null : who.type();
        String ref = who == null ? null : who.ref();
        List<DirectiveView> list = switch (show) {
            case "overdue" -> command.directives(user, true, true, type, ref, 500);
            case "done" -> command.doneDirectives(user, type, ref, 500);
            case "all" -> command.directives(user, null, null, type, ref, 500);
            default -> command.directives(user, true, null, type, ref, 500);
        };
        model.addAttribute("directives", list);
        model.addAttribute("show", List.of("open", "overdue", "done", "all").contains(show) ? show : "open");
        model.addAttribute("assignee", assignee);
        model.addAttribute("assigneeName", command.supervision(user).stream()
                .filter(r -> type != null && r.assigneeType() == type && r.assigneeRef().equals(ref))
                .map(r -> r.assigneeName()).findFirst().orElse(null));
        return "command/list";
    }

    // ------------------------------------------------------------------ assignee actions

    @PostMapping("/command/assignments/{id}/accept")
    String accept(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Long directiveId,
                  Locale locale, RedirectAttributes redirect) {
        assignment(() -> command.accept(user, id), id, locale, redirect).done("saved", "directive.accepted").succeeded("directive.accepted");
        return back(directiveId, id);
    }

    @PostMapping("/command/assignments/{id}/progress")
    String progress(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Long directiveId,
                    @RequestParam(required = false) String text, @RequestParam(required = false) String percent,
                    Locale locale, RedirectAttributes redirect) {
        assignment(() -> command.reportProgress(user, id, text, parsePercent(percent)), id, locale, redirect)
                .done("saved", "directive.reported").succeeded("directive.reported").entered(entered("text", text, "percent", percent));
        return back(directiveId, id);
    }

    @PostMapping("/command/assignments/{id}/done")
    String done(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Long directiveId,
                @RequestParam(required = false) String text, Locale locale, RedirectAttributes redirect) {
        assignment(() -> command.complete(user, id, text), id, locale, redirect).done("saved", "directive.completed").succeeded("directive.completed");
        return back(directiveId, id);
    }

    // ------------------------------------------------------------------ commander follow-up

    @PostMapping("/command/directives/{id}/comment")
    String comment(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String text,
                   Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> command.comment(user, id, text), locale, redirect).done("saved", "directive.commented").succeeded("directive.commented").form("comment");
        return "redirect:/command/directives/" + id;
    }

    @PostMapping("/command/directives/{id}/cancel")
    String cancel(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String text,
                  Locale locale, RedirectAttributes redirect) {
        forms.submit(() -> command.cancel(user, id, text), locale, redirect).done("saved", "directive.cancelledNow").succeeded("directive.cancelledNow").form("cancel");
        return "redirect:/command/directives/" + id;
    }

    @PostMapping("/command/assignments/{id}/reopen")
    String reopen(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) Long directiveId,
                  @RequestParam(required = false) String text, Locale locale, RedirectAttributes redirect) {
        try {
            DirectiveView d = command.reopen(user, id, text);
            redirect.addFlashAttribute("saved", "directive.reopened");
            Forms.succeeded(redirect, "directive.reopened");
            return "redirect:/command/directives/" + d.id();
        } catch (ValidationFailedException e) {
            forms.reject(e, locale, redirect).form("assignment-" + id);
            return back(directiveId, id);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An assignee's form: when rejected, its messages show at the assignment. */
    private Forms.Submission assignment(Runnable action, long assignmentId, Locale locale, RedirectAttributes redirect) {
        return forms.submit(action, locale, redirect).form("assignment-" + assignmentId);
    }

    /** Back to the directive's page when the form was sent from there, otherwise to today's view at the assignment. */
    private static String back(Long directiveId, long assignmentId) {
        return directiveId != null ? "redirect:/command/directives/" + directiveId + "#assignment-" + assignmentId
                : "redirect:/command#assignment-" + assignmentId;
    }

    private static Integer parsePercent(String percent) {
        if (percent == null || percent.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(percent.strip());
        } catch (NumberFormatException e) {
            // out of range on purpose: reported as "0–100" next to the field
            return -1;
        }
    }

    private static Map<String, String> entered(String... keysAndValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static void defaults(Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("errorsFor")) {
            model.addAttribute("errorsFor", "");
        }
        if (!model.containsAttribute("entered")) {
            model.addAttribute("entered", Map.of());
        }
    }
}
