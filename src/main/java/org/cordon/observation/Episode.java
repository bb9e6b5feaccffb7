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
 *   <li>REFERRED → ACTIVE when a referral is excluded and no other referral of the episode is open;</li>
 *   <li>→ ISOLATED (suspected) or CONFIRMED (a case) by a referral's outcome, ended that day;</li>
 *   <li>an ended episode (released, isolated, confirmed) stays as it is, whatever outcome comes later;</li>
 *   <li>ACTIVE → RELEASED once the period is over and every check was recorded — missed checks only with the
 *       medical override.</li>
 * </ul>
 * Each transition checks what the episode allows ({@link ValidationFailedException} with the form's message codes)
 * and answers the episode afterwards; it knows nothing of the database, jurisdictions or events: the service loads
 * the episode, checks access, stores what the transition answered and publishes.
 *
 * @param missedChecks  the checks flagged missed and not recorded since
 * @param openReferrals the episode's referrals without an outcome (when an outcome is being recorded: that one included)
 */
record Episode(long id, EpisodeStatus status, LocalDate startDate, LocalDate plannedEnd, LocalDate endedOn, int missedChecks,
               int openReferrals) {

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

    /**
     * A referral opened (an abnormal check, a fever at a checkpoint): ACTIVE → REFERRED; a referred episode stays
     * referred. Either way one more referral is open.
     */
    Episode referred() {
        if (!status.open()) {
            throw new ValidationFailedException("episode", "validation.episode.closed");
        }
        return new Episode(id, EpisodeStatus.REFERRED, startDate, plannedEnd, null, missedChecks, openReferrals + 1);
    }

    /**
     * A referral's outcome. An ended episode is not touched: it is neither re-opened nor ended again (an outcome
     * can come after the episode ended through another referral). For an open episode: EXCLUDED → ACTIVE again
     * once no other referral is open (it stays REFERRED while one is); SUSPECTED → ISOLATED and CONFIRMED →
     * CONFIRMED, both ended {@code today}.
     */
    Episode afterOutcome(ReferralOutcome outcome, LocalDate today) {
        if (!status.open()) {
            return this;
        }
        int stillOpen = Math.max(0, openReferrals - 1);
        return switch (outcome) {
            case EXCLUDED -> new Episode(id, stillOpen == 0 ? EpisodeStatus.ACTIVE : EpisodeStatus.REFERRED, startDate, plannedEnd,
                    null, missedChecks, stillOpen);
            case SUSPECTED -> new Episode(id, EpisodeStatus.ISOLATED, startDate, plannedEnd, today, missedChecks, stillOpen);
            case CONFIRMED -> new Episode(id, EpisodeStatus.CONFIRMED, startDate, plannedEnd, today, missedChecks, stillOpen);
        };
    }

    /** Whether this episode (the state after a transition) ended what was open in {@code before}. */
    boolean endedFrom(Episode before) {
        return before.status.open() && !status.open();
    }

    /** Whether a transition from {@code before} changed what is stored (status, end date). */
    boolean changedFrom(Episode before) {
        return status != before.status || !java.util.Objects.equals(endedOn, before.endedOn);
    }

    /**
     * ACTIVE → RELEASED on {@code today}: the period must be over and every check recorded, unless
     * {@code mayOverrideMissed} (medical staff may release despite missed checks). Every problem is reported at once.
     */
    Episode release(LocalDate today, boolean mayOverrideMissed) {
        List<FieldProblem> problems = new ArrayList<>();
        if (status != EpisodeStatus.ACTIVE || openReferrals > 0) {
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
        return status == EpisodeStatus.ACTIVE && openReferrals == 0 && !today.isBefore(plannedEnd) && missedChecks == 0;
    }

    /** The release notice is printed only for a released episode. */
    void requireReleased() {
        if (status != EpisodeStatus.RELEASED) {
            throw new ValidationFailedException("episode", "validation.release.notReleased");
        }
    }

    private Episode with(EpisodeStatus next, LocalDate ended) {
        return new Episode(id, next, startDate, plannedEnd, ended, missedChecks, openReferrals);
    }
}
