package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * The isolation of a suspected case (疑似病例隔离) at a designated site and the rules of its life: ISOLATED → RELEASED
 * (the suspicion is excluded) or → CONFIRMED (a case), once, on the day the outcome is recorded. Checks are
 * recorded while it is open, for days from its start up to today. Knows nothing of the database: the service
 * loads it, stores what a transition answered and publishes.
 */
record Isolation(long id, IsolationStatus status, LocalDate startedOn, LocalDate endedOn) {

    /** Adds the problems that forbid a check on {@code day}: the isolation has ended, the day is in the future or before its start. */
    void requireCheckable(LocalDate day, LocalDate today, List<FieldProblem> problems) {
        if (!status.open()) {
            problems.add(new FieldProblem("isolation", "validation.isolation.closed"));
        }
        if (day.isAfter(today)) {
            problems.add(new FieldProblem("date", "validation.date.future"));
        } else if (day.isBefore(startedOn)) {
            problems.add(new FieldProblem("date", "validation.isolation.beforeStart", startedOn));
        }
    }

    /**
     * The outcome of the isolation ({@code RELEASED} or {@code CONFIRMED}, any case) on {@code today}: an unknown one
     * or ISOLATED is refused ({@code validation.enum}), and so is an isolation that has ended
     * ({@code validation.isolation.closed}).
     */
    Isolation close(String given, LocalDate today) {
        IsolationStatus next;
        try {
            next = IsolationStatus.valueOf(given == null ? "" : given.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            next = null;
        }
        if (next == null || next == IsolationStatus.ISOLATED) {
            throw new ValidationFailedException("outcome", "validation.enum", String.valueOf(given), "RELEASED, CONFIRMED");
        }
        if (!status.open()) {
            throw new ValidationFailedException("outcome", "validation.isolation.closed");
        }
        return new Isolation(id, next, startedOn, today);
    }
}
