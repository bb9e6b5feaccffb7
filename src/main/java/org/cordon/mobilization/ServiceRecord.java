package org.cordon.mobilization;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A volunteer's record of service: the tasks, newest first, and the total hours recorded. */
public record ServiceRecord(long volunteerId, String name, VolunteerStatus status, List<Entry> entries, BigDecimal totalHours) {

    /** One task served; hours null until recorded. */
    public record Entry(long taskId, String title, String place, LocalDate date, BigDecimal hours) {
    }
}
