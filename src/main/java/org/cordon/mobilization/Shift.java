package org.cordon.mobilization;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * A duty shift at a checkpoint with the people on duty. Times are local city time.
 *
 * @param slot         index of the shift in its duty day, from 0
 * @param understaffed fewer people on duty than {@code requiredCrew}
 */
public record Shift(long id, String checkpointCode, String checkpointName, LocalDate date, int slot, LocalDateTime startsAt,
                    LocalDateTime endsAt, int requiredCrew, List<CrewMember> crew, boolean understaffed) {

    /** One person on duty. */
    public record CrewMember(long memberId, String name, String branchName) {
    }

    public LocalTime startTime() {
        return startsAt.toLocalTime();
    }

    /** End time; "24:00" is shown as 24:00 by the pages. */
    public LocalTime endTime() {
        return endsAt.toLocalTime();
    }

    /** People still missing (0 when fully crewed). */
    public int missing() {
        return Math.max(0, requiredCrew - crew.size());
    }
}
