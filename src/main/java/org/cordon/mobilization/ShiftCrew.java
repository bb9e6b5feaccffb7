package org.cordon.mobilization;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cordon.shared.ValidationFailedException;

/** The Party members on a duty shift: owns who may join (no one on an overlapping shift) and leaving. */
record ShiftCrew(long shiftId, LocalDateTime startsAt, LocalDateTime endsAt, List<Long> memberIds) {

    /** Where else a member is on duty: the first other shift of theirs overlapping the given times, described for people. */
    @FunctionalInterface
    interface Overlaps {
        Optional<String> first(long memberId, long shiftId, LocalDateTime startsAt, LocalDateTime endsAt);
    }

    ShiftCrew {
        memberIds = List.copyOf(memberIds);
    }

    static ShiftCrew of(Shift shift) {
        return new ShiftCrew(shift.id(), shift.startsAt(), shift.endsAt(),
                shift.crew().stream().map(Shift.CrewMember::memberId).toList());
    }

    boolean has(long memberId) {
        return memberIds.contains(memberId);
    }

    /**
     * Puts the member on the shift; this crew unchanged when they are on it already (the overlaps are not asked then).
     *
     * @throws ValidationFailedException the member is on a shift that overlaps this one (at any checkpoint)
     */
    ShiftCrew assign(long memberId, Overlaps overlaps) {
        if (has(memberId)) {
            return this;
        }
        Optional<String> clash = overlaps.first(memberId, shiftId, startsAt, endsAt);
        if (clash.isPresent()) {
            throw new ValidationFailedException("memberId", "duty.validation.overlap", clash.get());
        }
        List<Long> next = new ArrayList<>(memberIds);
        next.add(memberId);
        return new ShiftCrew(shiftId, startsAt, endsAt, next);
    }

    /** Takes the member off the shift; this crew unchanged when they were not on it. */
    ShiftCrew remove(long memberId) {
        return has(memberId) ? new ShiftCrew(shiftId, startsAt, endsAt,
                memberIds.stream().filter(id -> id != memberId).toList()) : this;
    }
}
