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
        return new Episode(7, status, START, END, status.open() ? null : END, missed);
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
        assertThat(referred.referred()).isEqualTo(referred);
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

    @Test
    void aSuspectedOrConfirmedOutcomeEndsTheEpisodeThatDay() {
        LocalDate today = START.plusDays(5);
        Episode isolated = episode(EpisodeStatus.REFERRED, 0).afterOutcome(ReferralOutcome.SUSPECTED, today);
        assertThat(isolated.status()).isEqualTo(EpisodeStatus.ISOLATED);
        assertThat(isolated.endedOn()).isEqualTo(today);
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
