package org.cordon.command.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.command.AssigneeType;
import org.cordon.command.AssignmentView;
import org.cordon.command.CommandManagement;
import org.cordon.command.DirectiveView;
import org.cordon.command.LeadershipMember;
import org.cordon.command.NewDirective;
import org.cordon.command.SupervisionRow;
import org.cordon.command.WorkingGroup;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of command: leadership group, working groups, directives and their follow-up. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Command", description = "Leadership group, working groups, directives (工作部署 / 督办)")
@SecurityRequirement(name = "basic")
class CommandApiController {

    private final CommandManagement command;
    private final org.cordon.command.GroupManagement groups;

    CommandApiController(CommandManagement command, org.cordon.command.GroupManagement groups) {
        this.groups = groups;
        this.command = command;
    }

    // ------------------------------------------------------------------ groups

    @GetMapping("/leadership")
    @Operation(summary = "The leadership group (领导小组): head, executive head, members")
    List<LeadershipMember> leadership() {
        return groups.leadership();
    }

    record LeaderRequest(String name, String title) {
    }

    @PostMapping("/leadership")
    @Operation(summary = "Add a member to the leadership group (commander, administrator)")
    ResponseEntity<LeadershipMember> addLeader(@AuthenticationPrincipal CordonUser user, @RequestBody LeaderRequest request) {
        LeadershipMember member = groups.addLeadershipMember(user, request.name(), request.title());
        return ResponseEntity.created(URI.create("/api/v1/leadership/" + member.id())).body(member);
    }

    @PutMapping("/leadership/{id}")
    @Operation(summary = "Change a leadership member's name and title (commander, administrator)")
    LeadershipMember updateLeader(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody LeaderRequest request) {
        return groups.updateLeadershipMember(user, id, request.name(), request.title());
    }

    @DeleteMapping("/leadership/{id}")
    @Operation(summary = "Remove a member (not the head or executive head) from the leadership group (commander, administrator)")
    ResponseEntity<Void> removeLeader(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        groups.removeLeadershipMember(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/working-groups")
    @Operation(summary = "The special working groups (专项工作组) with their member accounts")
    List<WorkingGroup> workingGroups() {
        return groups.workingGroups();
    }

    record GroupRequest(String name, String duties) {
    }

    @PutMapping("/working-groups/{code}")
    @Operation(summary = "Rename a working group or change its duties (commander, administrator)")
    WorkingGroup updateGroup(@AuthenticationPrincipal CordonUser user, @PathVariable String code, @RequestBody GroupRequest request) {
        return groups.updateWorkingGroup(user, code, request.name(), request.duties());
    }

    record MemberRequest(String username) {
    }

    @PostMapping("/working-groups/{code}/members")
    @Operation(summary = "Add a staff account to a working group (administrator)")
    WorkingGroup addMember(@AuthenticationPrincipal CordonUser user, @PathVariable String code, @RequestBody MemberRequest request) {
        return groups.addGroupMember(user, code, request.username());
    }

    @DeleteMapping("/working-groups/{code}/members/{accountId}")
    @Operation(summary = "Remove an account from a working group (administrator)")
    WorkingGroup removeMember(@AuthenticationPrincipal CordonUser user, @PathVariable String code, @PathVariable long accountId) {
        return groups.removeGroupMember(user, code, accountId);
    }

    // ------------------------------------------------------------------ directives

    @PostMapping("/directives")
    @Operation(summary = "Issue a directive (commander)",
            description = "assignees: [{\"type\":\"GROUP\",\"ref\":\"WG02\"}, {\"type\":\"AREA\",\"ref\":\"610881106\"}, "
                    + "{\"type\":\"BRANCH\",\"ref\":\"KK01\",\"name\":\"后鸡检查点临时党支部\"}]; deadline ISO date-time in the future "
                    + "(without offset: city time zone)")
    ResponseEntity<DirectiveView> issue(@AuthenticationPrincipal CordonUser user, @RequestBody NewDirective request) {
        DirectiveView directive = command.issue(user, request);
        return ResponseEntity.created(URI.create("/api/v1/directives/" + directive.id())).body(directive);
    }

    @GetMapping("/directives")
    @Operation(summary = "Directives the caller may see, with the visible assignments",
            description = "open=true: with work not done, by deadline; overdue=true: open and past the deadline; "
                    + "assigneeType + assignee: one addressee's (supervision drill-down)")
    List<DirectiveView> directives(@AuthenticationPrincipal CordonUser user,
                                   @RequestParam(required = false) Boolean open,
                                   @RequestParam(required = false) Boolean overdue,
                                   @Parameter(description = "GROUP, AREA or BRANCH") @RequestParam(required = false) AssigneeType assigneeType,
                                   @Parameter(description = "group code, town code or branch reference") @RequestParam(required = false) String assignee,
                                   @RequestParam(required = false) Integer limit) {
        return command.directives(user, open, overdue, assignee == null ? null : assigneeType, assignee, limit);
    }

    @GetMapping("/directives/supervision")
    @Operation(summary = "Supervision (督查): open, overdue and done counts per addressee the caller may see")
    List<SupervisionRow> supervision(@AuthenticationPrincipal CordonUser user) {
        return command.supervision(user);
    }

    @GetMapping("/directives/{id}")
    @Operation(summary = "One directive with the visible assignments and its history")
    DirectiveView directive(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return command.directive(user, id);
    }

    record TextRequest(String text) {
    }

    @PostMapping("/directives/{id}/comments")
    @Operation(summary = "Comment on a directive (commander): urge, clarify")
    DirectiveView comment(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody TextRequest request) {
        return command.comment(user, id, request.text());
    }

    @PostMapping("/directives/{id}/cancel")
    @Operation(summary = "Cancel a directive (commander), with an optional reason")
    DirectiveView cancel(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                         @RequestBody(required = false) TextRequest request) {
        return command.cancel(user, id, request == null ? null : request.text());
    }

    @PostMapping("/directives/assignments/{id}/accept")
    @Operation(summary = "Accept an assignment (the addressee's own staff)")
    AssignmentView accept(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return command.accept(user, id);
    }

    record ProgressRequest(String text, Integer percent) {
    }

    @PostMapping("/directives/assignments/{id}/progress")
    @Operation(summary = "Report progress: text (required) and percent 0–100 (the addressee's own staff, after accepting)")
    AssignmentView progress(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody ProgressRequest request) {
        return command.reportProgress(user, id, request.text(), request.percent());
    }

    @PostMapping("/directives/assignments/{id}/done")
    @Operation(summary = "Mark an assignment done, with an optional closing note (the addressee's own staff)")
    AssignmentView done(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                        @RequestBody(required = false) TextRequest request) {
        return command.complete(user, id, request == null ? null : request.text());
    }

    @PostMapping("/directives/assignments/{id}/reopen")
    @Operation(summary = "Reopen a done assignment (commander), with a reason")
    DirectiveView reopen(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody TextRequest request) {
        return command.reopen(user, id, request.text());
    }
}
