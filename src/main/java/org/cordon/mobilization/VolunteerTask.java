package org.cordon.mobilization;

import org.cordon.account.PersonalValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A volunteer task (e.g. handing out masks to sanitation workers) with the volunteers assigned. */
public record VolunteerTask(long id, String title, String place, String areaCode, LocalDate taskDate, int peopleNeeded,
                            String description, String createdBy, List<Assignment> assignments) {

    /** A volunteer on the task and the hours served (null until recorded). */
    public record Assignment(long volunteerId, String volunteerName, PersonalValue maskedPhone, BigDecimal hours) {
    }

    /** True when fewer volunteers are assigned than needed. */
    public boolean shortOfPeople() {
        return assignments.size() < peopleNeeded;
    }
}
