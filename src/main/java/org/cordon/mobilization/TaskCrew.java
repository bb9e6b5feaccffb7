package org.cordon.mobilization;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.ValidationFailedException;

/**
 * The volunteers on a task and the hours they served: owns who may join (not inactive, not beyond the people
 * needed), leaving, and the hours recorded (0–24, one decimal).
 */
record TaskCrew(long taskId, int peopleNeeded, List<Served> crew) {

    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(24);

    /** One volunteer on the task; {@code hours} null until recorded. */
    record Served(long volunteerId, BigDecimal hours) {
    }

    TaskCrew {
        crew = List.copyOf(crew);
    }

    static TaskCrew of(VolunteerTask task) {
        return new TaskCrew(task.id(), task.peopleNeeded(),
                task.assignments().stream().map(a -> new Served(a.volunteerId(), a.hours())).toList());
    }

    boolean has(long volunteerId) {
        return crew.stream().anyMatch(s -> s.volunteerId() == volunteerId);
    }

    /**
     * Puts the volunteer on the task; this crew unchanged when they are on it already.
     *
     * @throws ValidationFailedException the volunteer is inactive, or the task has the people it needs
     */
    TaskCrew assign(VolunteerState volunteer) {
        if (has(volunteer.id())) {
            return this;
        }
        volunteer.requireAssignable();
        if (crew.size() >= peopleNeeded) {
            throw new ValidationFailedException("volunteerId", "vol.validation.taskFull", peopleNeeded);
        }
        List<Served> next = new ArrayList<>(crew);
        next.add(new Served(volunteer.id(), null));
        return new TaskCrew(taskId, peopleNeeded, next);
    }

    /** Takes the volunteer off the task; this crew unchanged when they were not on it. */
    TaskCrew remove(long volunteerId) {
        return has(volunteerId) ? new TaskCrew(taskId, peopleNeeded,
                crew.stream().filter(s -> s.volunteerId() != volunteerId).toList()) : this;
    }

    /**
     * Records the hours the volunteer served.
     *
     * @throws ValidationFailedException hours missing, outside 0–24 or with more than one decimal; the volunteer is not on the task
     */
    TaskCrew recordHours(long volunteerId, BigDecimal hours) {
        if (hours == null) {
            throw new ValidationFailedException("hours", "validation.required");
        }
        if (hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0 || hours.stripTrailingZeros().scale() > 1) {
            throw new ValidationFailedException("hours", "vol.validation.hours");
        }
        if (!has(volunteerId)) {
            throw new ValidationFailedException("volunteerId", "vol.validation.notOnTask");
        }
        return new TaskCrew(taskId, peopleNeeded,
                crew.stream().map(s -> s.volunteerId() == volunteerId ? new Served(volunteerId, hours) : s).toList());
    }
}
