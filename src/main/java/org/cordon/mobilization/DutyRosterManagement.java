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
    private static final int MAX_BULK_SHIFTS = 200;
    private static final int MAX_BULK_MEMBERS = 300;

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
     * Puts a member on a shift.
     *
     * @throws ValidationFailedException the member is unknown, outside the caller's area, already on this shift
     *                                   ({@code duty.validation.alreadyOnShift}), or on a shift that overlaps this one
     *                                   (at any checkpoint)
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
        if (crew.has(memberId)) {
            // said, not silently ignored: the coordinator may have meant someone else
            throw new ValidationFailedException("memberId", "duty.validation.alreadyOnShift",
                    shift.crew().stream().filter(p -> p.memberId() == memberId).findFirst().map(Shift.CrewMember::name).orElse(""));
        }
        crew.assign(memberId, rosters::firstOverlap);
        rosters.insertAssignment(shiftId, memberId, user.getUsername());
        return findShift(shiftId);
    }

    /**
     * Puts several members on several shifts in one go ({@link AssignMode}): {@code EACH} puts every member on every
     * shift and refuses the whole request when one of them would stand two overlapping shifts; {@code FILL} shares the
     * members out over the shifts (each member once, each shift until it has its crew, a checkpoint's own temporary
     * branch first), passing over members on an overlapping shift. Members already on a shift are skipped and counted, never an error. All or nothing: a
     * refused request changes nothing.
     *
     * @throws ValidationFailedException no shift or no member chosen, too many, a member unknown or outside the caller's
     *                                   area, or ({@code EACH}) an overlap
     * @throws NotFoundException         a shift does not exist
     * @throws AccessDeniedException     a shift's checkpoint is outside the caller's area
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public RosterChange assignMany(CordonUser user, List<Long> shiftIds, List<Long> memberIds, AssignMode mode) {
        MobilizationScope scope = MobilizationScope.of(user);
        List<Long> shiftList = distinct(shiftIds);
        List<Long> memberList = distinct(memberIds);
        List<FieldProblem> problems = new ArrayList<>();
        if (shiftList.isEmpty()) {
            problems.add(new FieldProblem("shiftIds", "duty.validation.chooseShifts"));
        } else if (shiftList.size() > MAX_BULK_SHIFTS) {
            problems.add(new FieldProblem("shiftIds", "duty.validation.tooMany", MAX_BULK_SHIFTS));
        }
        if (memberList.isEmpty()) {
            problems.add(new FieldProblem("memberIds", "duty.validation.chooseMembers"));
        } else if (memberList.size() > MAX_BULK_MEMBERS) {
            problems.add(new FieldProblem("memberIds", "duty.validation.tooMany", MAX_BULK_MEMBERS));
        }
        FieldChecks.failIfAny(problems);
        List<Shift> shifts = rosters.shiftsByIds(shiftList);
        if (shifts.size() < shiftList.size()) {
            Long missing = shiftList.stream().filter(id -> shifts.stream().noneMatch(s -> s.id() == id)).findFirst().orElseThrow();
            throw new NotFoundException("Shift " + missing);
        }
        for (Shift shift : shifts) {
            scope.requireCovered(checkpoints.townOf(shift.checkpointCode()), "Checkpoint " + shift.checkpointCode());
        }
        for (Long memberId : memberList) {
            if (party.findMember(memberId).filter(m -> scope.covers(m.branchArea())).isEmpty()) {
                throw new ValidationFailedException("memberIds", "duty.validation.memberUnknown", memberId);
            }
        }
        // in id order, so that two bulk requests lock the same members in the same order (no deadlock)
        memberList.stream().sorted().forEach(party::lockMember);
        int[] counts = new int[3]; // assigned, already on, overlapping
        if (mode == AssignMode.EACH) {
            for (Shift shift : shifts) {
                ShiftCrew crew = ShiftCrew.of(shift);
                for (Long memberId : memberList) {
                    if (crew.has(memberId)) {
                        counts[1]++;
                        continue;
                    }
                    crew = crew.assign(memberId, rosters::firstOverlap);
                    rosters.insertAssignment(shift.id(), memberId, user.getUsername());
                    counts[0]++;
                }
            }
        } else {
            fill(user, shifts, memberList, counts);
        }
        return new RosterChange(counts[0], counts[1], counts[2], understaffedOf(shiftList));
    }

    /**
     * Shares the members out over the shifts, each member once, each shift until it has its crew: first every shift from
     * the members of its own checkpoint's temporary branch, then the shifts still short from the members left over.
     */
    private void fill(CordonUser user, List<Shift> shifts, List<Long> memberList, int[] counts) {
        Map<Long, String> branchCheckpoint = party.checkpointsOfBranches();
        Map<Long, String> checkpointOf = new java.util.HashMap<>();
        for (Long memberId : memberList) {
            party.findMember(memberId).map(m -> branchCheckpoint.get(m.member().branchId()))
                    .ifPresent(code -> checkpointOf.put(memberId, code));
        }
        Map<Long, ShiftCrew> crews = new java.util.LinkedHashMap<>();
        shifts.forEach(s -> crews.put(s.id(), ShiftCrew.of(s)));
        java.util.Set<Long> used = new java.util.HashSet<>();
        java.util.Set<String> passedOver = new java.util.HashSet<>();
        for (boolean ownBranch : new boolean[] {true, false}) {
            for (Shift shift : shifts) {
                for (Long memberId : memberList) {
                    ShiftCrew crew = crews.get(shift.id());
                    if (crew.memberIds().size() >= shift.requiredCrew() || used.contains(memberId)
                            || (ownBranch && !shift.checkpointCode().equals(checkpointOf.get(memberId)))) {
                        continue;
                    }
                    if (crew.has(memberId)) {
                        counts[1]++;
                        used.add(memberId);
                    } else if (rosters.firstOverlap(memberId, shift.id(), shift.startsAt(), shift.endsAt()).isPresent()) {
                        if (passedOver.add(memberId + "|" + shift.id())) {
                            counts[2]++;
                        }
                    } else {
                        crews.put(shift.id(), crew.assign(memberId, rosters::firstOverlap));
                        rosters.insertAssignment(shift.id(), memberId, user.getUsername());
                        used.add(memberId);
                        counts[0]++;
                    }
                }
            }
        }
    }


    /**
     * Copies the assignments of {@code days} days (1: a day, 7: a week) from {@code from} to the same checkpoints and
     * shifts {@code to} onwards, in the caller's area: the target days' shifts are generated when missing; a member
     * already on the target shift, or on an overlapping shift there, is skipped and counted. Idempotent.
     *
     * @throws ValidationFailedException a date missing, {@code days} not 1–7, or the two ranges overlapping
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public RosterChange copyRoster(CordonUser user, LocalDate from, LocalDate to, Integer days) {
        MobilizationScope scope = MobilizationScope.of(user);
        List<FieldProblem> problems = new ArrayList<>();
        if (from == null) {
            problems.add(new FieldProblem("from", "validation.required"));
        }
        if (to == null) {
            problems.add(new FieldProblem("to", "validation.required"));
        }
        if (days == null || days < 1 || days > 7) {
            problems.add(new FieldProblem("days", "duty.validation.copyDays"));
        }
        if (problems.isEmpty() && Math.abs(ChronoUnit.DAYS.between(from, to)) < days) {
            problems.add(new FieldProblem("to", "duty.validation.copyOverlap", days));
        }
        FieldChecks.failIfAny(problems);
        List<String> codes = checkpoints.managed(scope).stream().map(CheckpointRef::code).toList();
        if (codes.isEmpty()) {
            return new RosterChange(0, 0, 0, 0);
        }
        long offset = ChronoUnit.DAYS.between(from, to);
        LocalDate lastTarget = to.plusDays(days - 1L);
        rosters.generate(scope, to, lastTarget, settings);
        Map<String, ShiftCrew> targets = new java.util.HashMap<>();
        Map<String, Shift> targetShifts = new java.util.HashMap<>();
        for (Shift s : rosters.shiftsBetween(to, lastTarget, codes)) {
            targets.put(slotKey(s.checkpointCode(), s.date(), s.slot()), ShiftCrew.of(s));
            targetShifts.put(slotKey(s.checkpointCode(), s.date(), s.slot()), s);
        }
        List<Shift> sources = rosters.shiftsBetween(from, from.plusDays(days - 1L), codes);
        sources.stream().flatMap(s -> s.crew().stream()).map(Shift.CrewMember::memberId).distinct().sorted().forEach(party::lockMember);
        int assigned = 0;
        int alreadyOn = 0;
        int overlapping = 0;
        for (Shift source : sources) {
            String key = slotKey(source.checkpointCode(), source.date().plusDays(offset), source.slot());
            ShiftCrew crew = targets.get(key);
            if (crew == null) {
                continue; // a slot that the current settings no longer have
            }
            Shift target = targetShifts.get(key);
            for (Shift.CrewMember member : source.crew()) {
                if (crew.has(member.memberId())) {
                    alreadyOn++;
                } else if (rosters.firstOverlap(member.memberId(), target.id(), target.startsAt(), target.endsAt()).isPresent()) {
                    overlapping++;
                } else {
                    crew = crew.assign(member.memberId(), rosters::firstOverlap);
                    rosters.insertAssignment(target.id(), member.memberId(), user.getUsername());
                    assigned++;
                }
            }
            targets.put(key, crew);
        }
        return new RosterChange(assigned, alreadyOn, overlapping,
                understaffedOf(targetShifts.values().stream().map(Shift::id).toList()));
    }

    private int understaffedOf(List<Long> shiftIds) {
        return (int) rosters.shiftsByIds(shiftIds).stream().filter(Shift::understaffed).count();
    }

    private static String slotKey(String checkpointCode, LocalDate date, int slot) {
        return checkpointCode + "|" + date + "|" + slot;
    }

    private static List<Long> distinct(List<Long> ids) {
        return ids == null ? List.of() : ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
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
