package org.cordon.mobilization.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.mobilization.BranchKind;
import org.cordon.mobilization.BranchRequest;
import org.cordon.mobilization.CheckpointRef;
import org.cordon.mobilization.DutyRosterManagement;
import org.cordon.mobilization.MemberRequest;
import org.cordon.mobilization.MobilizationManagement;
import org.cordon.mobilization.NewVolunteer;
import org.cordon.mobilization.PartyManagement;
import org.cordon.mobilization.PledgeRequest;
import org.cordon.mobilization.Shift;
import org.cordon.mobilization.TaskRequest;
import org.cordon.mobilization.VolunteerManagement;
import org.cordon.mobilization.VolunteerStatus;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pages of mobilisation: overview, branches, members and pledges, the duty roster grid, "my shifts",
 * volunteers and tasks. Forms post and redirect (no JavaScript needed); a rejected form comes back with the
 * messages next to its fields and the values entered.
 */
@Controller
class MobilizationPageController {

    private final MobilizationManagement mobilization;
    private final PartyManagement party;
    private final DutyRosterManagement rosters;
    private final VolunteerManagement volunteers;
    private final Forms forms;
    private final org.springframework.core.convert.ConversionService conversion;

    /**
     * Typed numbers (people needed, hours) are read by the MVC conversion service, the one that binds request parameters,
     * so the application's number parsing (thousands separators in the user's locale) applies here too.
     */
    MobilizationPageController(MobilizationManagement mobilization, PartyManagement party, DutyRosterManagement rosters,
                               VolunteerManagement volunteers, Forms forms,
                               @org.springframework.beans.factory.annotation.Qualifier("mvcConversionService")
                               org.springframework.core.convert.ConversionService conversion) {
        this.conversion = conversion;
        this.mobilization = mobilization;
        this.party = party;
        this.rosters = rosters;
        this.volunteers = volunteers;
        this.forms = forms;
    }

    private static void defaults(Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        model.addAttribute("errorsFor", model.getAttribute("errorsFor"));
        model.addAttribute("saved", model.getAttribute("saved"));
    }

    // ------------------------------------------------------------------ overview

    @GetMapping("/mobilization")
    String overview(@AuthenticationPrincipal CordonUser user, Model model) {
        if (!mobilization.mayManage(user)) {
            if (mobilization.mayUse(user)) {
                return "redirect:/mobilization/my-shifts";
            }
            throw new AccessDeniedException("Mobilisation is for managers and checkpoint officers");
        }
        defaults(model);
        model.addAttribute("overview", mobilization.overview(user));
        model.addAttribute("today", mobilization.today());
        return "mobilization/index";
    }

    // ------------------------------------------------------------------ branches

    @GetMapping("/mobilization/branches")
    String branches(@AuthenticationPrincipal CordonUser user, Model model) {
        defaults(model);
        model.addAttribute("branches", party.branches(user));
        model.addAttribute("gaps", party.branchGaps(user));
        model.addAttribute("members", party.members(user, null));
        model.addAttribute("checkpoints", rosters.rosterCheckpoints(user));
        model.addAttribute("kinds", BranchKind.values());
        return "mobilization/branches";
    }

    @PostMapping("/mobilization/branches")
    String createBranch(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                        RedirectAttributes redirect) {
        return run(() -> party.createBranch(user, new BranchRequest(form.get("name"), form.get("kind"), form.get("parentOrg"),
                form.get("areaCode"), form.get("checkpointCode"))), "branch-new", "/mobilization/branches", form, locale, redirect);
    }

    @PostMapping("/mobilization/branches/{id}/secretary")
    String secretary(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String memberId,
                     Locale locale, RedirectAttributes redirect) {
        return run(() -> party.setSecretary(user, id, toLong("secretaryId", memberId)), "branch-" + id,
                "/mobilization/branches#branch-" + id, Map.of(), locale, redirect);
    }

    // ------------------------------------------------------------------ members and pledges

    @GetMapping("/mobilization/members")
    String members(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) Long branch, Model model) {
        defaults(model);
        model.addAttribute("branches", party.branches(user));
        model.addAttribute("branch", branch);
        model.addAttribute("members", party.members(user, branch));
        model.addAttribute("allMembers", branch == null ? null : party.members(user, null));
        model.addAttribute("pledges", party.pledges(user, null));
        model.addAttribute("today", mobilization.today());
        return "mobilization/members";
    }

    @PostMapping("/mobilization/members")
    String createMember(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                        RedirectAttributes redirect) {
        return run(() -> party.createMember(user, memberRequest(form)), "member-new", "/mobilization/members#add-member",
                form, locale, redirect);
    }

    @PostMapping("/mobilization/members/{id}")
    String updateMember(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam Map<String, String> form,
                        Locale locale, RedirectAttributes redirect) {
        return run(() -> party.updateMember(user, id, memberRequest(form)), "member-" + id,
                "/mobilization/members#member-" + id, form, locale, redirect);
    }

    private static MemberRequest memberRequest(Map<String, String> form) {
        return new MemberRequest(form.get("name"), form.get("phone"), form.get("unit"), toLong("branchId", form.get("branchId")),
                form.containsKey("leaveCancelled"), form.get("currentPost"), form.get("accountUsername"));
    }

    @PostMapping("/mobilization/pledges")
    String signPledge(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                      RedirectAttributes redirect) {
        return run(() -> party.signPledge(user, new PledgeRequest(toLong("memberId", form.get("memberId")),
                        toDate("signedOn", form.get("signedOn")), form.get("statement"))), "pledge-new", "/mobilization/members#pledges",
                form, locale, redirect);
    }

    @PostMapping("/mobilization/pledges/{id}/assign")
    String assignPledge(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String post,
                        Locale locale, RedirectAttributes redirect) {
        return run(() -> party.assignPledge(user, id, post), "pledge-" + id, "/mobilization/members#pledge-" + id,
                Map.of(), locale, redirect);
    }

    // ------------------------------------------------------------------ duty

    @GetMapping("/mobilization/duty")
    String duty(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String date,
                @RequestParam(required = false) String checkpoint, Model model) {
        defaults(model);
        LocalDate parsed = parseDateOrToday(date);
        LocalDate day = parsed == null ? mobilization.today() : parsed;
        List<CheckpointRef> checkpoints = rosters.rosterCheckpoints(user);
        if (checkpoint != null && !checkpoint.isBlank()) {
            checkpoints = checkpoints.stream().filter(c -> c.code().equals(checkpoint.strip())).toList();
        }
        List<Shift> shifts = rosters.shifts(user, day, checkpoint);
        Map<String, Map<Integer, Shift>> grid = new LinkedHashMap<>();
        for (CheckpointRef c : checkpoints) {
            grid.put(c.code(), new LinkedHashMap<>());
        }
        for (Shift s : shifts) {
            grid.computeIfAbsent(s.checkpointCode(), k -> new LinkedHashMap<>()).put(s.slot(), s);
        }
        boolean manage = mobilization.mayManage(user);
        model.addAttribute("date", day);
        model.addAttribute("previous", day.minusDays(1));
        model.addAttribute("next", day.plusDays(1));
        model.addAttribute("checkpoint", checkpoint);
        model.addAttribute("checkpoints", checkpoints);
        model.addAttribute("slots", mobilization.settings().slots());
        model.addAttribute("grid", grid);
        model.addAttribute("understaffed", shifts.stream().filter(Shift::understaffed).count());
        model.addAttribute("mayManage", manage);
        List<org.cordon.mobilization.Member> members = manage ? party.members(user, null) : List.of();
        model.addAttribute("members", members);
        // the members by branch (the list comes ordered by branch), for "the whole branch" boxes
        Map<Long, List<org.cordon.mobilization.Member>> memberGroups = new LinkedHashMap<>();
        members.forEach(m -> memberGroups.computeIfAbsent(m.branchId(), k -> new java.util.ArrayList<>()).add(m));
        model.addAttribute("memberGroups", memberGroups);
        if (manage) {
            // the checkpoints whose temporary branch has no members yet (or that have no branch): the way to add them
            Map<String, org.cordon.mobilization.Branch> branchOf = new LinkedHashMap<>();
            for (org.cordon.mobilization.Branch b : party.branches(user)) {
                if (b.checkpointCode() != null) {
                    branchOf.put(b.checkpointCode(), b);
                }
            }
            model.addAttribute("branchOf", branchOf);
            model.addAttribute("emptyBranches", checkpoints.stream()
                    .filter(c -> branchOf.get(c.code()) == null || branchOf.get(c.code()).memberCount() == 0).toList());
        }
        return "mobilization/duty";
    }

    @PostMapping("/mobilization/duty/generate")
    String generate(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                    RedirectAttributes redirect) {
        String back = UriComponentsBuilder.fromPath("/mobilization/duty").queryParam("date", form.getOrDefault("from", "")).build()
                .encode().toUriString();
        return run(() -> {
            int created = rosters.generateShifts(user, toDate("from", form.get("from")), toDate("to", form.get("to")));
            redirect.addFlashAttribute("generated", created);
            return created;
        }, n -> "duty.succeeded.generated", n -> new Object[] {n}, "generate", back, form, locale, redirect);
    }

    /** Several members on several shifts with one submit (the checkboxes of the grid and of the member list). */
    @PostMapping("/mobilization/duty/assign")
    String assignMany(@AuthenticationPrincipal CordonUser user, @RequestParam(name = "shiftId", required = false) List<String> shiftIds,
                      @RequestParam(name = "memberId", required = false) List<String> memberIds,
                      @RequestParam(name = "rowCheckpoint", required = false) List<String> rows,
                      @RequestParam(name = "branchId", required = false) List<String> branchIds,
                      @RequestParam(required = false) String allShifts,
                      @RequestParam(required = false) String mode, @RequestParam(required = false) String date, Locale locale,
                      RedirectAttributes redirect) {
        String back = UriComponentsBuilder.fromPath("/mobilization/duty").queryParam("date", date == null ? "" : date).build()
                .encode().toUriString() + "#bulk";
        return run(() -> rosters.assignMany(user, chosenShifts(user, shiftIds, rows, allShifts != null, date),
                        chosenMembers(user, memberIds, branchIds), assignMode(mode)),
                r -> "duty.succeeded.assigned", r -> new Object[] {r.assigned(), r.alreadyOn(), r.overlapping(), r.stillUnderstaffed()},
                "bulk", back, Map.of(), locale, redirect);
    }

    /** The shifts ticked one by one, plus those of the ticked rows (a checkpoint's day) or of the whole day shown. */
    private List<Long> chosenShifts(CordonUser user, List<String> shiftIds, List<String> rows, boolean allShifts, String date) {
        List<Long> chosen = new java.util.ArrayList<>(ids("shiftIds", shiftIds));
        boolean byRow = rows != null && rows.stream().anyMatch(r -> r != null && !r.isBlank());
        if (byRow || allShifts) {
            LocalDate day = toDate("date", date);
            if (day == null) {
                throw new ValidationFailedException("shiftIds", "validation.required");
            }
            java.util.Set<String> codes = byRow ? rows.stream().map(String::strip).collect(java.util.stream.Collectors.toSet()) : null;
            rosters.shifts(user, day, null).stream().filter(s -> codes == null || codes.contains(s.checkpointCode()))
                    .forEach(s -> chosen.add(s.id()));
        }
        return chosen;
    }

    /** The members ticked one by one, plus every member of the ticked branches (in the caller's area). */
    private List<Long> chosenMembers(CordonUser user, List<String> memberIds, List<String> branchIds) {
        List<Long> chosen = new java.util.ArrayList<>(ids("memberIds", memberIds));
        for (Long branch : ids("memberIds", branchIds)) {
            party.members(user, branch).forEach(m -> chosen.add(m.id()));
        }
        return chosen;
    }

    private static org.cordon.mobilization.AssignMode assignMode(String mode) {
        if (mode == null || mode.isBlank()) {
            return org.cordon.mobilization.AssignMode.EACH;
        }
        try {
            return org.cordon.mobilization.AssignMode.valueOf(mode.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException("mode", "validation.field.format", mode);
        }
    }

    /** Copies a day's (or a week's) assignments to another day (week). */
    @PostMapping("/mobilization/duty/copy")
    String copy(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                RedirectAttributes redirect) {
        String back = UriComponentsBuilder.fromPath("/mobilization/duty").queryParam("date", form.getOrDefault("to", "")).build()
                .encode().toUriString();
        return run(() -> rosters.copyRoster(user, toDate("from", form.get("from")), toDate("to", form.get("to")),
                        toInt("days", form.getOrDefault("days", "1"))),
                r -> "duty.succeeded.copied", r -> new Object[] {r.assigned(), r.alreadyOn(), r.overlapping(), r.stillUnderstaffed()},
                "copy", back, form, locale, redirect);
    }

    @PostMapping("/mobilization/duty/shifts/{id}/assign")
    String assignShift(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String memberId,
                       @RequestParam(required = false) String date, Locale locale, RedirectAttributes redirect) {
        return run(() -> rosters.assignToShift(user, id, toLong("memberId", memberId)), s -> "duty.succeeded.assignedOne",
                s -> new Object[] {s.checkpointName(), s.startTime(), s.crew().size(), s.requiredCrew()}, "shift-" + id,
                dutyUrl(date, id), Map.of(), locale, redirect);
    }

    @PostMapping("/mobilization/duty/shifts/{id}/remove")
    String removeShift(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam long memberId,
                       @RequestParam(required = false) String date, Locale locale, RedirectAttributes redirect) {
        return run(() -> rosters.removeFromShift(user, id, memberId), s -> "duty.succeeded.removed",
                s -> new Object[] {s.checkpointName(), s.startTime()}, "shift-" + id, dutyUrl(date, id), Map.of(), locale, redirect);
    }

    private static String dutyUrl(String date, long shiftId) {
        return UriComponentsBuilder.fromPath("/mobilization/duty").queryParam("date", date == null ? "" : date).build().encode()
                .toUriString() + "#shift-" + shiftId;
    }

    @GetMapping("/mobilization/my-shifts")
    String myShifts(@AuthenticationPrincipal CordonUser user, Model model) {
        LocalDate today = mobilization.today();
        model.addAttribute("shifts", rosters.myShifts(user, today.minusDays(1), today.plusDays(13)));
        model.addAttribute("linked", rosters.hasMemberLinked(user));
        model.addAttribute("checkpoints", rosters.rosterCheckpoints(user));
        model.addAttribute("today", today);
        return "mobilization/my-shifts";
    }

    // ------------------------------------------------------------------ volunteers

    @GetMapping("/mobilization/volunteers")
    String volunteers(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) VolunteerStatus status, Model model) {
        defaults(model);
        model.addAttribute("status", status);
        model.addAttribute("statuses", VolunteerStatus.values());
        model.addAttribute("volunteers", volunteers.volunteers(user, status));
        model.addAttribute("pending", volunteers.pendingSignups(user));
        return "mobilization/volunteers";
    }

    @PostMapping("/mobilization/volunteers")
    String createVolunteer(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                           RedirectAttributes redirect) {
        return run(() -> volunteers.createVolunteer(user, new NewVolunteer(form.get("name"), form.get("phone"), form.get("areaCode"),
                        form.get("organisation"), form.get("skills"), form.get("availability"), form.get("status"))),
                "volunteer-new", "/mobilization/volunteers#add-volunteer", form, locale, redirect);
    }

    /**
     * Takes over the pending sign-ups: all of them, or with {@code chosen} only those ticked ({@code signupId}, one per
     * row's own button or several with the list's checkboxes).
     */
    @PostMapping("/mobilization/volunteers/take-over")
    String takeOver(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String chosen,
                    @RequestParam(name = "signupId", required = false) List<String> signupIds, Locale locale,
                    RedirectAttributes redirect) {
        return run(() -> {
            int created = chosen == null ? volunteers.takeOverSignups(user)
                    : volunteers.takeOverSignups(user, ids("signupIds", signupIds));
            redirect.addFlashAttribute("takenOver", created);
            return created;
        }, n -> "vol.succeeded.takenOver", n -> new Object[] {n}, "take-over", "/mobilization/volunteers#pending", Map.of(), locale,
                redirect);
    }

    @PostMapping("/mobilization/volunteers/{id}/status")
    String volunteerStatus(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String status,
                           Locale locale, RedirectAttributes redirect) {
        return run(() -> volunteers.setVolunteerStatus(user, id, status), "volunteer-" + id, "/mobilization/volunteers#volunteer-" + id,
                Map.of(), locale, redirect);
    }

    @GetMapping("/mobilization/volunteers/{id}")
    String service(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        model.addAttribute("volunteer", volunteers.volunteer(user, id));
        model.addAttribute("service", volunteers.service(user, id));
        return "mobilization/service";
    }

    // ------------------------------------------------------------------ tasks

    @GetMapping("/mobilization/tasks")
    String tasks(@AuthenticationPrincipal CordonUser user, Model model) {
        defaults(model);
        model.addAttribute("tasks", volunteers.tasks(user));
        model.addAttribute("volunteers", volunteers.volunteers(user, null).stream()
                .filter(v -> v.status() != VolunteerStatus.INACTIVE).toList());
        model.addAttribute("today", mobilization.today());
        return "mobilization/tasks";
    }

    @PostMapping("/mobilization/tasks")
    String createTask(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> form, Locale locale,
                      RedirectAttributes redirect) {
        return run(() -> volunteers.createTask(user, new TaskRequest(form.get("title"), form.get("place"), form.get("areaCode"),
                        toDate("taskDate", form.get("taskDate")), toInt("peopleNeeded", form.get("peopleNeeded")), form.get("description"))),
                "task-new", "/mobilization/tasks#add-task", form, locale, redirect);
    }

    @PostMapping("/mobilization/tasks/{id}/assign")
    String assignVolunteer(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                           @RequestParam(required = false) String volunteerId, Locale locale, RedirectAttributes redirect) {
        return run(() -> volunteers.assignVolunteer(user, id, toLong("volunteerId", volunteerId)), "task-" + id,
                "/mobilization/tasks#task-" + id, Map.of(), locale, redirect);
    }

    @PostMapping("/mobilization/tasks/{id}/hours")
    String hours(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam long volunteerId,
                 @RequestParam(required = false) String hours, Locale locale, RedirectAttributes redirect) {
        return run(() -> volunteers.recordHours(user, id, volunteerId, toDecimal("hours", hours)), "task-" + id,
                "/mobilization/tasks#task-" + id, Map.of("volunteerId", String.valueOf(volunteerId)), locale, redirect);
    }

    @PostMapping("/mobilization/tasks/{id}/remove")
    String removeVolunteer(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam long volunteerId,
                           Locale locale, RedirectAttributes redirect) {
        return run(() -> volunteers.removeVolunteer(user, id, volunteerId), "task-" + id, "/mobilization/tasks#task-" + id,
                Map.of(), locale, redirect);
    }

    // ------------------------------------------------------------------ helpers

    private String run(java.util.function.Supplier<?> action, String formId, String back, Map<String, String> form, Locale locale,
                       RedirectAttributes redirect) {
        return run(action, r -> "mob.succeeded.saved", r -> new Object[0], formId, back, form, locale, redirect);
    }

    /** Runs a form that redirects; when done, the layout's success message {@code key(result)} with {@code args(result)}. */
    private <T> String run(java.util.function.Supplier<T> action, java.util.function.Function<T, String> key,
                           java.util.function.Function<T, Object[]> args, String formId, String back, Map<String, String> form,
                           Locale locale, RedirectAttributes redirect) {
        List<T> result = new java.util.ArrayList<>(1);
        Forms.Submission submission = forms.submit(() -> result.add(action.get()), locale, redirect).done("saved", formId);
        if (!submission.rejected()) {
            submission.succeeded(key.apply(result.get(0)), args.apply(result.get(0)));
        }
        submission.form(formId).with("values", form);
        return "redirect:" + back;
    }

    /** The ids among the request's values of {@code name} (several checkboxes); a value that is no number is refused. */
    private static List<Long> ids(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> toLong(field, v)).toList();
    }

    private static LocalDate parseDateOrToday(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Long toLong(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationFailedException(List.of(new FieldProblem(field, "validation.field.format", value)));
        }
    }

    private Integer toInt(String field, String value) {
        BigDecimal v = toDecimal(field, value);
        if (v == null) {
            return null;
        }
        try {
            return v.intValueExact();
        } catch (ArithmeticException e) {
            throw new ValidationFailedException(field, "validation.field.format", value);
        }
    }

    private static LocalDate toDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationFailedException(field, "validation.field.format", value);
        }
    }

    private BigDecimal toDecimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // thousands separators of the page's language (shared TypedNumber)
            return org.cordon.shared.TypedNumber.parse(value, org.springframework.context.i18n.LocaleContextHolder.getLocale());
        } catch (org.cordon.shared.InvalidValueException e) {
            throw new ValidationFailedException(field, e.messageCode(), e.args());
        }
    }
}
