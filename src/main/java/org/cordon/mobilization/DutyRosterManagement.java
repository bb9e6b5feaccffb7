package org.cordon.mobilization;

import org.cordon.shared.FieldChecks;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Round-the-clock duty rosters at the checkpoints: shifts, the Party members on them, "my shifts" and the gaps.
 * Managers (see {@link MobilizationScope}) generate shifts and crew them in their area; checkpoint officers read
 * the rosters of their own checkpoints; everyone signed in reads their own shifts (those of the Party member
 * linked to their account). Everyone else gets {@link AccessDeniedException}.
 */
@Service
@Transactional(readOnly = true)
public class DutyRosterManagement {

    private static final int MAX_GENERATE_DAYS = 31;
    private static final int MAX_RANGE_DAYS = 62;

    private final DutyRosterRepository rosters;
    private final PartyRepository party;
    private final CheckpointLookup checkpoints;
    private final MobilizationSettings settings;

    DutyRosterManagement(DutyRosterRepository rosters, PartyRepository party, CheckpointLookup checkpoints,
                         MobilizationSettings settings) {
        this.rosters = rosters;
        this.party = party;
        this.checkpoints = checkpoints;
        this.settings = settings;
    }

    /**
     * The checkpoints whose rosters the user may read: a manager's checkpoints (in their area), an officer's
     * own checkpoints; empty for everyone else.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<CheckpointRef> rosterCheckpoints(CordonUser user) {
        if (MobilizationScope.mayManage(user)) {
            return checkpoints.managed(MobilizationScope.of(user));
        }
        if (RolePermissions.may(user, Permission.DUTY_ROSTER_READ)) {
            return checkpoints.active().stream().filter(c -> AreaScope.of(user).coversCheckpoint(c.code(), c.townCode())).toList();
        }
        return List.of();
    }

    private CheckpointRef rosterCheckpoint(CordonUser user, String code) {
        MobilizationScope.requireRosterReader(user);
        CheckpointRef checkpoint = checkpoints.find(code).orElseThrow(() -> new NotFoundException("Checkpoint " + code));
        if (rosterCheckpoints(user).stream().noneMatch(c -> c.code().equals(code))) {
            throw new AccessDeniedException("The roster of checkpoint " + code + " is outside the caller's jurisdiction");
        }
        return checkpoint;
    }

    /**
     * The shifts of one day (ordered by checkpoint and slot) at one checkpoint or, with {@code checkpointCode}
     * null, at every checkpoint whose roster the user may read.
     *
     * @throws AccessDeniedException the checkpoint's roster is outside the user's jurisdiction
     */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public List<Shift> shifts(CordonUser user, LocalDate date, String checkpointCode) {
        if (date == null) {
            throw new ValidationFailedException("date", "validation.required");
        }
        List<String> codes = checkpointCode == null || checkpointCode.isBlank()
                ? rosterCheckpoints(user).stream().map(CheckpointRef::code).toList()
                : List.of(rosterCheckpoint(user, checkpointCode.strip()).code());
        MobilizationScope.requireRosterReader(user);
        return codes.isEmpty() ? List.of() : rosters.shifts(date, codes);
    }

    /** One shift, when the user may read its roster. */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public Shift shift(CordonUser user, long id) {
        Shift shift = findShift(id);
        rosterCheckpoint(user, shift.checkpointCode());
        return shift;
    }

    private Shift findShift(long id) {
        return rosters.findShift(id).orElseThrow(() -> new NotFoundException("Shift " + id));
    }

    /**
     * Creates the shifts ({@code cordon.mobilization.shifts-per-day} a day, each needing
     * {@code required-crew} people) of every active checkpoint in the manager's area for the dates
     * {@code from}–{@code to} (at most 31 days). Idempotent: existing shifts are kept as they are.
     *
     * @return the number of shifts created by this call
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int generateShifts(CordonUser user, LocalDate from, LocalDate to) {
        MobilizationScope scope = MobilizationScope.of(user);
        checkRange(from, to, MAX_GENERATE_DAYS);
        return rosters.generate(scope, from, to, settings);
    }

    /**
     * Puts a member on a shift. Assigning someone already on the shift changes nothing.
     *
     * @throws ValidationFailedException the member is unknown, outside the caller's area, or already on a shift
     *                                   that overlaps this one (at any checkpoint)
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Shift assignToShift(CordonUser user, long shiftId, Long memberId) {
        MobilizationScope scope = MobilizationScope.of(user);
        Shift shift = managedShift(scope, shiftId);
        if (memberId == null) {
            throw new ValidationFailedException("memberId", "validation.required");
        }
        if (party.findMember(memberId).filter(m -> scope.covers(m.branchArea())).isEmpty()) {
            throw new ValidationFailedException("memberId", "duty.validation.memberUnknown", memberId);
        }
        // serialise assignments of one member so that two concurrent requests cannot both pass the overlap check
        party.lockMember(memberId);
        ShiftCrew crew = ShiftCrew.of(shift);
        if (crew.assign(memberId, rosters::firstOverlap).equals(crew)) {
            return shift;
        }
        rosters.insertAssignment(shiftId, memberId, user.getUsername());
        return findShift(shiftId);
    }

    /** Takes a member off a shift (nothing happens if they were not on it). */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Shift removeFromShift(CordonUser user, long shiftId, long memberId) {
        Shift shift = managedShift(MobilizationScope.of(user), shiftId);
        ShiftCrew crew = ShiftCrew.of(shift);
        if (crew.remove(memberId).equals(crew)) {
            return shift;
        }
        rosters.deleteAssignment(shiftId, memberId);
        return findShift(shiftId);
    }

    /** The shift, when its checkpoint lies in the manager's area. */
    private Shift managedShift(MobilizationScope scope, long shiftId) {
        Shift shift = findShift(shiftId);
        scope.requireCovered(checkpoints.townOf(shift.checkpointCode()), "Checkpoint " + shift.checkpointCode());
        return shift;
    }

    /**
     * The shifts of the Party member linked to the user's account, from {@code from} to {@code to}
     * (both included, at most 62 days). Empty when no member is linked.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Shift> myShifts(CordonUser user, LocalDate from, LocalDate to) {
        if (user == null) {
            throw new AccessDeniedException("Sign in first");
        }
        checkRange(from, to, MAX_RANGE_DAYS);
        return rosters.shiftsOfAccount(user.id(), from, to);
    }

    /** True when a Party member is linked to the user's account. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public boolean hasMemberLinked(CordonUser user) {
        return user != null && party.accountLinked(user.id());
    }

    /**
     * The gaps of the rosters the user may read, from {@code from} to {@code to} (at most 62 days):
     * under-crewed shifts and checkpoint days without (all) shifts.
     */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public DutyGaps dutyGaps(CordonUser user, LocalDate from, LocalDate to) {
        MobilizationScope.requireRosterReader(user);
        checkRange(from, to, MAX_RANGE_DAYS);
        List<CheckpointRef> readable = rosterCheckpoints(user);
        if (readable.isEmpty()) {
            return new DutyGaps(from, to, List.of(), List.of());
        }
        List<String> codes = readable.stream().map(CheckpointRef::code).toList();
        List<Shift> under = rosters.understaffed(from, to, codes);
        Map<String, Integer> generated = rosters.shiftCounts(from, to, codes);
        List<DutyGaps.MissingRoster> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (CheckpointRef c : readable) {
                if (generated.getOrDefault(DutyRosterRepository.key(c.code(), d), 0) < settings.shiftsPerDay()) {
                    missing.add(new DutyGaps.MissingRoster(c.code(), c.name(), d));
                }
            }
        }
        return new DutyGaps(from, to, under, missing);
    }

    private static void checkRange(LocalDate from, LocalDate to, int maxDays) {
        List<FieldProblem> problems = new ArrayList<>();
        if (from == null) {
            problems.add(new FieldProblem("from", "validation.required"));
        }
        if (to == null) {
            problems.add(new FieldProblem("to", "validation.required"));
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                problems.add(new FieldProblem("to", "duty.validation.rangeOrder"));
            } else if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
                problems.add(new FieldProblem("to", "duty.validation.rangeLength", maxDays));
            }
        }
        FieldChecks.failIfAny(problems);
    }
}
