package org.cordon.command.web;

import java.util.List;
import java.util.Locale;


import org.cordon.account.AccountManagement;
import org.cordon.account.AccountSummary;
import org.cordon.account.CordonUser;
import org.cordon.command.GroupManagement;
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
 * The leadership group and the working groups with their members: everyone reads; commanders and
 * administrators edit names, titles and duties; administrators add and remove member accounts.
 */
@Controller
class GroupPageController {

    private final GroupManagement command;
    private final AccountManagement accounts;
    private final Forms forms;

    GroupPageController(GroupManagement command, AccountManagement accounts, Forms forms) {
        this.command = command;
        this.accounts = accounts;
        this.forms = forms;
    }

    @GetMapping("/command/groups")
    String groups(@AuthenticationPrincipal CordonUser user, Model model) {
        CommandPageController.defaults(model);
        model.addAttribute("leadership", command.leadership());
        model.addAttribute("groups", command.workingGroups());
        model.addAttribute("mayEdit", command.mayEditGroups(user));
        model.addAttribute("mayManageMembers", command.mayManageMembers(user));
        // suggestions for the "add member" fields; only administrators manage members
        model.addAttribute("accounts", command.mayManageMembers(user)
                ? accounts.findAll().stream().filter(AccountSummary::enabled).toList() : List.of());
        return "command/groups";
    }

    @PostMapping("/command/leadership/{id}")
    String updateLeader(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String name,
                        @RequestParam(required = false) String title, Locale locale, RedirectAttributes redirect) {
        return run(() -> command.updateLeadershipMember(user, id, name, title), "leader-" + id, "#leader-" + id, locale, redirect);
    }

    @PostMapping("/command/leadership")
    String addLeader(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String title, Locale locale, RedirectAttributes redirect) {
        return run(() -> command.addLeadershipMember(user, name, title), "leader-new", "#leadership", locale, redirect);
    }

    @PostMapping("/command/leadership/{id}/remove")
    String removeLeader(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        return run(() -> command.removeLeadershipMember(user, id), "leader-" + id, "#leadership", locale, redirect);
    }

    @PostMapping("/command/groups/{code}")
    String updateGroup(@AuthenticationPrincipal CordonUser user, @PathVariable String code, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String duties, Locale locale, RedirectAttributes redirect) {
        return run(() -> command.updateWorkingGroup(user, code, name, duties), "group-" + code, "#group-" + code, locale, redirect);
    }

    @PostMapping("/command/groups/{code}/members")
    String addMember(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                     @RequestParam(required = false) String username, Locale locale, RedirectAttributes redirect) {
        return run(() -> command.addGroupMember(user, code, username), "group-" + code, "#group-" + code, locale, redirect);
    }

    @PostMapping("/command/groups/{code}/members/{accountId}/remove")
    String removeMember(@AuthenticationPrincipal CordonUser user, @PathVariable String code, @PathVariable long accountId,
                        Locale locale, RedirectAttributes redirect) {
        return run(() -> command.removeGroupMember(user, code, accountId), "group-" + code, "#group-" + code, locale, redirect);
    }

    private String run(Runnable action, String form, String anchor, Locale locale, RedirectAttributes redirect) {
        forms.submit(action, locale, redirect).done("saved", form).succeeded("common.saved").form(form);
        return "redirect:/command/groups" + anchor;
    }
}
