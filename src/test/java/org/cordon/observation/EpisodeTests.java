package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;

/** The transitions of an observation episode, without Spring. */
class EpisodeTests {

    static final LocalDate START = LocalDate.of(2020, 2, 1);
    static final LocalDate END = START.plusDays(14);

    static Episode episode(EpisodeStatus status, int missed) {
        // a referred episode has its referral open
        return episode(status, missed, status == EpisodeStatus.REFERRED ? 1 : 0);
    }

    static Episode episode(EpisodeStatus status, int missed, int openReferrals) {
        return new Episode(7, status, START, END, status.open() ? null : END, missed, openReferrals);
    }

    static List<String> codes(ValidationFailedException e) {
        return e.problems().stream().map(FieldProblem::code).toList();
    }

    static List<String> checkProblems(Episode episode, LocalDate day, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        episode.requireCheckable(day, today, problems);
        return problems.stream().map(FieldProblem::code).toList();
    }

    @Test
    void checksAreRecordedForOpenEpisodesOnDaysOfThePeriodUpToToday() {
        Episode active = episode(EpisodeStatus.ACTIVE, 0);
        assertThat(checkProblems(active, START, START.plusDays(3))).isEmpty();
        assertThat(checkProblems(episode(EpisodeStatus.REFERRED, 0), END.minusDays(1), END)).isEmpty();
        assertThat(checkProblems(active, START.plusDays(4), START.plusDays(3))).containsExactly("validation.date.future");
        assertThat(checkProblems(active, START.minusDays(1), START.plusDays(3))).containsExactly("validation.check.outsidePeriod");
        assertThat(checkProblems(active, END, END.plusDays(1))).containsExactly("validation.check.outsidePeriod");
        for (EpisodeStatus closed : List.of(EpisodeStatus.RELEASED, EpisodeStatus.ISOLATED, EpisodeStatus.CONFIRMED)) {
            assertThat(checkProblems(episode(closed, 0), START, END)).containsExactly("validation.episode.closed");
        }
    }

    @Test
    void anAbnormalCheckRefersAnActiveEpisodeAndLeavesAReferredOneReferred() {
        Episode referred = episode(EpisodeStatus.ACTIVE, 0).referred();
        assertThat(referred.status()).isEqualTo(EpisodeStatus.REFERRED);
        assertThat(referred.endedOn()).isNull();
        assertThat(referred.openReferrals()).isEqualTo(1);
        Episode twice = referred.referred();
        assertThat(twice.status()).isEqualTo(EpisodeStatus.REFERRED);
        assertThat(twice.openReferrals()).isEqualTo(2);
        assertThat(twice.changedFrom(referred)).isFalse();
        assertThatThrownBy(() -> episode(EpisodeStatus.RELEASED, 0).referred()).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(codes(e)).containsExactly("validation.episode.closed"));
    }

    @Test
    void anExcludedReferralResumesAReferredEpisodeAndChangesNoOther() {
        LocalDate today = START.plusDays(5);
        assertThat(episode(EpisodeStatus.REFERRED, 0).afterOutcome(ReferralOutcome.EXCLUDED, today).status())
                .isEqualTo(EpisodeStatus.ACTIVE);
        for (EpisodeStatus other : List.of(EpisodeStatus.ACTIVE, EpisodeStatus.ISOLATED, EpisodeStatus.CONFIRMED, EpisodeStatus.RELEASED)) {
            Episode episode = episode(other, 0);
            assertThat(episode.afterOutcome(ReferralOutcome.EXCLUDED, today)).isEqualTo(episode);
        }
    }

    /** Known bug (issue 13): excluding one of two open referrals re-opened the episode for release while the other was open. */
    @Test
    void anExclusionLeavesTheEpisodeReferredWhileAnotherReferralIsOpen() {
        LocalDate today = START.plusDays(5);
        Episode twoOpen = episode(EpisodeStatus.ACTIVE, 0).referred().referred();
        Episode oneExcluded = twoOpen.afterOutcome(ReferralOutcome.EXCLUDED, today);
        assertThat(oneExcluded.status()).isEqualTo(EpisodeStatus.REFERRED);
        assertThat(oneExcluded.openReferrals()).isEqualTo(1);
        assertThat(oneExcluded.changedFrom(twoOpen)).isFalse();
        // not releasable while the other referral is open, even when the period is over
        Episode overdue = new Episode(7, EpisodeStatus.ACTIVE, START, END, null, 0, 1);
        assertThat(overdue.releasable(END)).isFalse();
        assertThatThrownBy(() -> overdue.release(END, true)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(codes(e)).containsExactly("validation.release.notActive"));
        // the second exclusion resumes the observation, and then it may end
        Episode bothExcluded = oneExcluded.afterOutcome(ReferralOutcome.EXCLUDED, today);
        assertThat(bothExcluded.status()).isEqualTo(EpisodeStatus.ACTIVE);
        assertThat(bothExcluded.openReferrals()).isZero();
        assertThat(bothExcluded.releasable(END)).isTrue();
        // a suspected outcome of the second ends the episode whatever the first said
        Episode isolated = oneExcluded.afterOutcome(ReferralOutcome.SUSPECTED, today);
        assertThat(isolated.status()).isEqualTo(EpisodeStatus.ISOLATED);
        assertThat(isolated.endedFrom(oneExcluded)).isTrue();
    }

    /**
     * Known bug (issue 13): an outcome on an episode that had ended (released, isolated, confirmed) re-opened it or
     * ended it again, and SUSPECTED/CONFIRMED on an ended episode published ObservationEnded a second time.
     */
    @Test
    void anOutcomeOnAnEndedEpisodeChangesNothing() {
        LocalDate later = END.plusDays(3);
        for (EpisodeStatus ended : List.of(EpisodeStatus.RELEASED, EpisodeStatus.ISOLATED, EpisodeStatus.CONFIRMED)) {
            Episode episode = episode(ended, 0, 1);
            for (ReferralOutcome outcome : ReferralOutcome.values()) {
                Episode after = episode.afterOutcome(outcome, later);
                assertThat(after).as("%s after %s", ended, outcome).isEqualTo(episode);
                assertThat(after.endedOn()).isEqualTo(END);
                assertThat(after.endedFrom(episode)).as("ends again: %s after %s", ended, outcome).isFalse();
                assertThat(after.changedFrom(episode)).isFalse();
            }
        }
    }

    @Test
    void aSuspectedOrConfirmedOutcomeEndsTheEpisodeThatDay() {
        LocalDate today = START.plusDays(5);
        Episode referred = episode(EpisodeStatus.REFERRED, 0);
        Episode isolated = referred.afterOutcome(ReferralOutcome.SUSPECTED, today);
        assertThat(isolated.status()).isEqualTo(EpisodeStatus.ISOLATED);
        assertThat(isolated.endedOn()).isEqualTo(today);
        assertThat(isolated.endedFrom(referred)).isTrue();
        Episode confirmed = episode(EpisodeStatus.REFERRED, 0).afterOutcome(ReferralOutcome.CONFIRMED, today);
        assertThat(confirmed.status()).isEqualTo(EpisodeStatus.CONFIRMED);
        assertThat(confirmed.endedOn()).isEqualTo(today);
        assertThat(confirmed.id()).isEqualTo(7);
        assertThat(confirmed.plannedEnd()).isEqualTo(END);
    }

    @Test
    void anActiveEpisodeIsReleasedOnceThePeriodIsOverWithEveryCheckRecorded() {
        Episode released = episode(EpisodeStatus.ACTIVE, 0).release(END, false);
        assertThat(released.status()).isEqualTo(EpisodeStatus.RELEASED);
        assertThat(released.endedOn()).isEqualTo(END);
        assertThat(episode(EpisodeStatus.ACTIVE, 0).releasable(END)).isTrue();
        assertThat(episode(EpisodeStatus.ACTIVE, 0).releasable(END.minusDays(1))).isFalse();
        assertThatThrownBy(() -> episode(EpisodeStatus.ACTIVE, 0).release(END.minusDays(1), true))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(codes(e)).containsExactly("validation.release.tooEarly"));
    }

    @Test
    void missedChecksBlockAReleaseUnlessMedicallyOverridden() {
        Episode missed = episode(EpisodeStatus.ACTIVE, 2);
        assertThat(missed.releasable(END)).isFalse();
        assertThatThrownBy(() -> missed.release(END, false)).isInstanceOfSatisfying(ValidationFailedException.class, e -> {
            assertThat(codes(e)).containsExactly("validation.release.missedChecks");
            assertThat(e.problems().get(0).args()).containsExactly(2);
        });
        assertThat(missed.release(END, true).status()).isEqualTo(EpisodeStatus.RELEASED);
    }

    @Test
    void onlyAnActiveEpisodeIsReleasedAndEveryProblemIsToldAtOnce() {
        for (EpisodeStatus other : List.of(EpisodeStatus.REFERRED, EpisodeStatus.ISOLATED, EpisodeStatus.CONFIRMED, EpisodeStatus.RELEASED)) {
            assertThatThrownBy(() -> episode(other, 0).release(END, true)).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(codes(e)).containsExactly("validation.release.notActive"));
            assertThat(episode(other, 0).releasable(END)).isFalse();
        }
        assertThatThrownBy(() -> episode(EpisodeStatus.REFERRED, 1).release(START, false)).isInstanceOfSatisfying(
                ValidationFailedException.class, e -> assertThat(codes(e)).containsExactly(
                        "validation.release.notActive", "validation.release.tooEarly", "validation.release.missedChecks"));
    }

    @Test
    void theReleaseNoticeIsOnlyForAReleasedEpisode() {
        episode(EpisodeStatus.RELEASED, 0).requireReleased();
        for (EpisodeStatus other : List.of(EpisodeStatus.ACTIVE, EpisodeStatus.REFERRED, EpisodeStatus.ISOLATED, EpisodeStatus.CONFIRMED)) {
            assertThatThrownBy(() -> episode(other, 0).requireReleased()).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(codes(e)).containsExactly("validation.release.notReleased"));
        }
    }
}
