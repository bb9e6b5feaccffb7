package org.cordon.mobilization.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.mobilization.Branch;
import org.cordon.mobilization.BranchGaps;
import org.cordon.mobilization.BranchRequest;
import org.cordon.mobilization.DutyGaps;
import org.cordon.mobilization.DutyRosterManagement;
import org.cordon.mobilization.Member;
import org.cordon.mobilization.MemberRequest;
import org.cordon.mobilization.MobilizationManagement;
import org.cordon.mobilization.NewVolunteer;
import org.cordon.mobilization.PartyManagement;
import org.cordon.mobilization.PendingSignup;
import org.cordon.mobilization.Pledge;
import org.cordon.mobilization.PledgeRequest;
import org.cordon.mobilization.PledgeStatus;
import org.cordon.mobilization.ServiceRecord;
import org.cordon.mobilization.Shift;
import org.cordon.mobilization.TaskRequest;
import org.cordon.mobilization.Volunteer;
import org.cordon.mobilization.VolunteerManagement;
import org.cordon.mobilization.VolunteerStatus;
import org.cordon.mobilization.VolunteerTask;
import org.springframework.format.annotation.DateTimeFormat;
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

/** JSON API of mobilisation: Party branches, members, pledges, duty rosters, volunteers and tasks. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Mobilisation", description = "Party branches and members, pledges, duty rosters, volunteers (党员与志愿者)")
@SecurityRequirement(name = "basic")
class MobilizationApiController {

    private final MobilizationManagement mobilization;
    private final PartyManagement party;
    private final DutyRosterManagement rosters;
    private final VolunteerManagement volunteers;

    MobilizationApiController(MobilizationManagement mobilization, PartyManagement party, DutyRosterManagement rosters,
                              VolunteerManagement volunteers) {
        this.mobilization = mobilization;
        this.party = party;
        this.rosters = rosters;
        this.volunteers = volunteers;
    }

    // ------------------------------------------------------------------ branches and members

    @GetMapping("/branches")
    @Operation(summary = "Party branches in the caller's area (managers)")
    List<Branch> branches(@AuthenticationPrincipal CordonUser user) {
        return party.branches(user);
    }

    @PostMapping("/branches")
    @Operation(summary = "Set up a branch: kind VILLAGE, ENTERPRISE, INSTITUTION, CHECKPOINT (checkpointCode) or COMPOUND (areaCode of the compound)")
    ResponseEntity<Branch> createBranch(@AuthenticationPrincipal CordonUser user, @RequestBody BranchRequest request) {
        Branch branch = party.createBranch(user, request);
        return ResponseEntity.created(URI.create("/api/v1/branches/" + branch.id())).body(branch);
    }

    @GetMapping("/branches/{id}")
    @Operation(summary = "One branch")
    Branch branch(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return party.branch(user, id);
    }

    record SecretaryRequest(Long memberId) {
    }

    @PutMapping("/branches/{id}/secretary")
    @Operation(summary = "Make a member of the branch its secretary ({\"memberId\": null} for none)")
    Branch secretary(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody SecretaryRequest request) {
        return party.setSecretary(user, id, request.memberId());
    }

    @GetMapping("/branches/gaps")
    @Operation(summary = "Compounds (≥300 households or ≥1000 residents) and checkpoints without a temporary branch")
    BranchGaps branchGaps(@AuthenticationPrincipal CordonUser user) {
        return party.branchGaps(user);
    }

    @GetMapping("/members")
    @Operation(summary = "Party members (phones masked), optionally of one branch")
    List<Member> members(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) Long branchId) {
        return party.members(user, branchId);
    }

    @PostMapping("/members")
    @Operation(summary = "Register a Party member; accountUsername links a staff account for \"my shifts\"")
    ResponseEntity<Member> createMember(@AuthenticationPrincipal CordonUser user, @RequestBody MemberRequest request) {
        Member member = party.createMember(user, request);
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(member);
    }

    @GetMapping("/members/{id}")
    @Operation(summary = "One member (phone masked)")
    Member member(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return party.member(user, id);
    }

    @PutMapping("/members/{id}")
    @Operation(summary = "Change a member (blank phone keeps the stored one)")
    Member updateMember(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody MemberRequest request) {
        return party.updateMember(user, id, request);
    }

    // ------------------------------------------------------------------ pledges

    @GetMapping("/pledges")
    @Operation(summary = "Pledges (请战书), optionally of one status (OPEN, ASSIGNED)")
    List<Pledge> pledges(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) PledgeStatus status) {
        return party.pledges(user, status);
    }

    @PostMapping("/pledges")
    @Operation(summary = "Record a member's signed pledge {memberId, signedOn, statement}")
    ResponseEntity<Pledge> signPledge(@AuthenticationPrincipal CordonUser user, @RequestBody PledgeRequest request) {
        Pledge pledge = party.signPledge(user, request);
        return ResponseEntity.created(URI.create("/api/v1/pledges/" + pledge.id())).body(pledge);
    }

    record PostRequest(String post) {
    }

    @PostMapping("/pledges/{id}/assign")
    @Operation(summary = "Assign the pledging member to a post {post}")
    Pledge assignPledge(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody PostRequest request) {
        return party.assignPledge(user, id, request.post());
    }

    // ------------------------------------------------------------------ duty rosters

    @GetMapping("/duty/shifts")
    @Operation(summary = "Shifts of a day with the people on duty (all readable checkpoints, or one)")
    List<Shift> shifts(@AuthenticationPrincipal CordonUser user,
                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                       @RequestParam(required = false) String checkpoint) {
        return rosters.shifts(user, date, checkpoint);
    }

    record RangeRequest(LocalDate from, LocalDate to) {
    }

    @PostMapping("/duty/shifts/generate")
    @Operation(summary = "Create the shifts of all checkpoints in the caller's area for {from, to} (≤ 31 days; idempotent)")
    Map<String, Integer> generate(@AuthenticationPrincipal CordonUser user, @RequestBody RangeRequest request) {
        return Map.of("created", rosters.generateShifts(user, request.from(), request.to()));
    }

    @GetMapping("/duty/shifts/{id}")
    @Operation(summary = "One shift with its crew")
    Shift shift(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return rosters.shift(user, id);
    }

    record MemberRef(Long memberId) {
    }

    @PostMapping("/duty/shifts/{id}/assignments")
    @Operation(summary = "Put a member on a shift {memberId}; refused when the member is on an overlapping shift")
    Shift assign(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody MemberRef request) {
        return rosters.assignToShift(user, id, request.memberId());
    }

    record BulkAssignRequest(List<Long> shiftIds, List<Long> memberIds, org.cordon.mobilization.AssignMode mode) {
    }

    @PostMapping("/duty/assignments")
    @Operation(summary = "Put several members on several shifts at once {shiftIds, memberIds, mode: EACH (default: every member on "
            + "every shift; an overlap refuses all) or FILL (members shared out, each shift until it has its crew)}; members "
            + "already on a shift are skipped and counted")
    org.cordon.mobilization.RosterChange assignMany(@AuthenticationPrincipal CordonUser user, @RequestBody BulkAssignRequest request) {
        return rosters.assignMany(user, request.shiftIds(), request.memberIds(),
                request.mode() == null ? org.cordon.mobilization.AssignMode.EACH : request.mode());
    }

    record CopyRequest(LocalDate from, LocalDate to, Integer days) {
    }

    @PostMapping("/duty/copy")
    @Operation(summary = "Copy the assignments of {days} (1–7, default 1) days from {from} to {to} onwards (shifts generated when "
            + "missing; members already on the shift or on an overlapping one skipped and counted)")
    org.cordon.mobilization.RosterChange copy(@AuthenticationPrincipal CordonUser user, @RequestBody CopyRequest request) {
        return rosters.copyRoster(user, request.from(), request.to(), request.days() == null ? 1 : request.days());
    }

    @DeleteMapping("/duty/shifts/{id}/assignments/{memberId}")
    @Operation(summary = "Take a member off a shift")
    Shift unassign(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long memberId) {
        return rosters.removeFromShift(user, id, memberId);
    }

    @GetMapping("/duty/my-shifts")
    @Operation(summary = "The caller's own shifts (via the Party member linked to the account); default: today and the next 6 days")
    List<Shift> myShifts(@AuthenticationPrincipal CordonUser user,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate start = from == null ? mobilization.today() : from;
        return rosters.myShifts(user, start, to == null ? start.plusDays(6) : to);
    }

    @GetMapping("/duty/gaps")
    @Operation(summary = "Under-crewed shifts and checkpoint days without shifts in {from, to} (≤ 62 days)")
    DutyGaps gaps(@AuthenticationPrincipal CordonUser user,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate start = from == null ? mobilization.today() : from;
        return rosters.dutyGaps(user, start, to == null ? start.plusDays(mobilization.settings().gapDays() - 1L) : to);
    }

    // ------------------------------------------------------------------ volunteers and tasks

    @GetMapping("/volunteers")
    @Operation(summary = "Volunteers (phones masked), optionally of one status (RESERVE, ACTIVE, INACTIVE)")
    List<Volunteer> volunteers(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) VolunteerStatus status) {
        return volunteers.volunteers(user, status);
    }

    @PostMapping("/volunteers")
    @Operation(summary = "Enter a volunteer (source STAFF); one volunteer per phone")
    ResponseEntity<Volunteer> createVolunteer(@AuthenticationPrincipal CordonUser user, @RequestBody NewVolunteer request) {
        Volunteer volunteer = volunteers.createVolunteer(user, request);
        return ResponseEntity.created(URI.create("/api/v1/volunteers/" + volunteer.id())).body(volunteer);
    }

    @GetMapping("/volunteers/{id}")
    @Operation(summary = "One volunteer")
    Volunteer volunteer(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return volunteers.volunteer(user, id);
    }

    record StatusRequest(String status) {
    }

    @PutMapping("/volunteers/{id}/status")
    @Operation(summary = "Change a volunteer's status {status}")
    Volunteer setStatus(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody StatusRequest request) {
        return volunteers.setVolunteerStatus(user, id, request.status());
    }

    @GetMapping("/volunteers/{id}/service")
    @Operation(summary = "A volunteer's record of service: tasks and total hours")
    ServiceRecord service(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return volunteers.service(user, id);
    }

    @GetMapping("/volunteers/pending-signups")
    @Operation(summary = "Portal sign-ups not yet taken over (phones masked)")
    List<PendingSignup> pending(@AuthenticationPrincipal CordonUser user) {
        return volunteers.pendingSignups(user);
    }

    record TakeOverRequest(List<Long> signupIds) {
    }

    @PostMapping("/volunteers/take-over")
    @Operation(summary = "Take over the pending portal sign-ups as volunteers (source PORTAL): all of them, or with a body "
            + "{signupIds} only those; never duplicates")
    Map<String, Integer> takeOver(@AuthenticationPrincipal CordonUser user,
                                  @RequestBody(required = false) TakeOverRequest request) {
        return Map.of("created", request == null || request.signupIds() == null ? volunteers.takeOverSignups(user)
                : volunteers.takeOverSignups(user, request.signupIds()));
    }

    @GetMapping("/tasks")
    @Operation(summary = "Volunteer tasks with their assignments")
    List<VolunteerTask> tasks(@AuthenticationPrincipal CordonUser user) {
        return volunteers.tasks(user);
    }

    @PostMapping("/tasks")
    @Operation(summary = "Create a task {title, place, areaCode?, taskDate, peopleNeeded, description?}")
    ResponseEntity<VolunteerTask> createTask(@AuthenticationPrincipal CordonUser user, @RequestBody TaskRequest request) {
        VolunteerTask task = volunteers.createTask(user, request);
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(task);
    }

    @GetMapping("/tasks/{id}")
    @Operation(summary = "One task")
    VolunteerTask task(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return volunteers.task(user, id);
    }

    record VolunteerRef(Long volunteerId) {
    }

    @PostMapping("/tasks/{id}/assignments")
    @Operation(summary = "Assign a volunteer {volunteerId} (not inactive; not beyond the people needed)")
    VolunteerTask assignVolunteer(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody VolunteerRef request) {
        return volunteers.assignVolunteer(user, id, request.volunteerId());
    }

    record HoursRequest(BigDecimal hours) {
    }

    @PutMapping("/tasks/{id}/assignments/{volunteerId}")
    @Operation(summary = "Record the hours served {hours} (0–24, one decimal)")
    VolunteerTask hours(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long volunteerId,
                        @RequestBody HoursRequest request) {
        return volunteers.recordHours(user, id, volunteerId, request.hours());
    }

    @DeleteMapping("/tasks/{id}/assignments/{volunteerId}")
    @Operation(summary = "Take a volunteer off a task")
    VolunteerTask removeVolunteer(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long volunteerId) {
        return volunteers.removeVolunteer(user, id, volunteerId);
    }
}
