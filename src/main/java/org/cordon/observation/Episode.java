package org.cordon.observation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * An observation episode and the rules of its life ({@link EpisodeStatus}):
 * <ul>
 *   <li>ACTIVE → REFERRED by an abnormal check (a referral to the fever clinic opens);</li>
 *   <li>REFERRED → ACTIVE when a referral is excluded;</li>
 *   <li>→ ISOLATED (suspected) or CONFIRMED (a case) by a referral's outcome, ended that day;</li>
 *   <li>ACTIVE → RELEASED once the period is over and every check was recorded — missed checks only with the
 *       medical override.</li>
 * </ul>
 * Each transition checks what the episode allows ({@link ValidationFailedException} with the form's message codes)
 * and answers the episode afterwards; it knows nothing of the database, jurisdictions or events: the service loads
 * the episode, checks access, stores what the transition answered and publishes.
 *
 * @param missedChecks the checks flagged missed and not recorded since
 */
record Episode(long id, EpisodeStatus status, LocalDate startDate, LocalDate plannedEnd, LocalDate endedOn, int missedChecks) {

    /**
     * Adds the problems that forbid recording a check for {@code day}: the episode has ended, the day lies in the
     * future or outside the period (start date up to the day before the planned end).
     */
    void requireCheckable(LocalDate day, LocalDate today, List<FieldProblem> problems) {
        if (!status.open()) {
            problems.add(new FieldProblem("episode", "validation.episode.closed"));
        }
        if (day.isAfter(today)) {
            problems.add(new FieldProblem("date", "validation.date.future"));
        } else if (day.isBefore(startDate) || !day.isBefore(plannedEnd)) {
            problems.add(new FieldProblem("date", "validation.check.outsidePeriod", startDate, plannedEnd.minusDays(1)));
        }
    }

    /** An abnormal check: ACTIVE → REFERRED; a referred episode stays referred (one more referral is open). */
    Episode referred() {
        if (!status.open()) {
            throw new ValidationFailedException("episode", "validation.episode.closed");
        }
        return status == EpisodeStatus.ACTIVE ? with(EpisodeStatus.REFERRED, null) : this;
    }

    /**
     * A referral's outcome: EXCLUDED → a referred episode is ACTIVE again (any other stays as it is); SUSPECTED →
     * ISOLATED and CONFIRMED → CONFIRMED, both ended {@code today}.
     */
    Episode afterOutcome(ReferralOutcome outcome, LocalDate today) {
        return switch (outcome) {
            case EXCLUDED -> status == EpisodeStatus.REFERRED ? with(EpisodeStatus.ACTIVE, null) : this;
            case SUSPECTED -> with(EpisodeStatus.ISOLATED, today);
            case CONFIRMED -> with(EpisodeStatus.CONFIRMED, today);
        };
    }

    /**
     * ACTIVE → RELEASED on {@code today}: the period must be over and every check recorded, unless
     * {@code mayOverrideMissed} (medical staff may release despite missed checks). Every problem is reported at once.
     */
    Episode release(LocalDate today, boolean mayOverrideMissed) {
        List<FieldProblem> problems = new ArrayList<>();
        if (status != EpisodeStatus.ACTIVE) {
            problems.add(new FieldProblem("episode", "validation.release.notActive"));
        }
        if (today.isBefore(plannedEnd)) {
            problems.add(new FieldProblem("episode", "validation.release.tooEarly", plannedEnd));
        }
        if (missedChecks > 0 && !mayOverrideMissed) {
            problems.add(new FieldProblem("episode", "validation.release.missedChecks", missedChecks));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return with(EpisodeStatus.RELEASED, today);
    }

    /** Whether a release on {@code today} needs no override: ACTIVE, the period over, no missed check. */
    boolean releasable(LocalDate today) {
        return status == EpisodeStatus.ACTIVE && !today.isBefore(plannedEnd) && missedChecks == 0;
    }

    /** The release notice is printed only for a released episode. */
    void requireReleased() {
        if (status != EpisodeStatus.RELEASED) {
            throw new ValidationFailedException("episode", "validation.release.notReleased");
        }
    }

    private Episode with(EpisodeStatus next, LocalDate ended) {
        return new Episode(id, next, startDate, plannedEnd, ended, missedChecks);
    }
}
