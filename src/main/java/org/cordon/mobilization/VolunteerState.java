package org.cordon.mobilization;

import org.cordon.shared.FieldChecks;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * A volunteer's standing: RESERVE, ACTIVE or INACTIVE, changeable in any direction; an inactive volunteer takes no
 * new tasks.
 */
record VolunteerState(long id, String name, VolunteerStatus status) {

    static VolunteerState of(Volunteer volunteer) {
        return new VolunteerState(volunteer.id(), volunteer.name(), volunteer.status());
    }

    /** The status a volunteer taken over from a portal sign-up starts in: the sign-up's when it is one of ours, else RESERVE. */
    static VolunteerStatus takenOver(String signupStatus) {
        for (VolunteerStatus s : VolunteerStatus.values()) {
            if (s.name().equals(signupStatus)) {
                return s;
            }
        }
        return VolunteerStatus.RESERVE;
    }

    /**
     * Changes the status to the one named (in any case).
     *
     * @throws ValidationFailedException blank or not a status
     */
    VolunteerState withStatus(String requested) {
        List<FieldProblem> problems = new ArrayList<>();
        VolunteerStatus value = FieldChecks.enumValue(requested, "status", VolunteerStatus.class, null, problems);
        FieldChecks.failIfAny(problems);
        return new VolunteerState(id, name, value);
    }

    /** @throws ValidationFailedException the volunteer is inactive */
    void requireAssignable() {
        if (status == VolunteerStatus.INACTIVE) {
            throw new ValidationFailedException("volunteerId", "vol.validation.inactive", name);
        }
    }
}
