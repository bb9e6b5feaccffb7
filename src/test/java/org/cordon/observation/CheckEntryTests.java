package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cordon.checkpoint.Symptom;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;

/** Parsing a check as entered and the abnormal rule; the quarantine site's placement rule. Without Spring. */
class CheckEntryTests {

    static final LocalDate DAY = LocalDate.of(2020, 2, 3);
    static final BigDecimal FEVER = new BigDecimal("37.3");

    static CheckEntry parse(CheckRequest request, List<FieldProblem> problems) {
        return CheckEntry.parse(request, DAY, CheckSlot.EVENING, problems);
    }

    @Test
    void aCheckWithoutSlotIsForTheCurrentSlotAndItsNoteIsTrimmed() {
        List<FieldProblem> problems = new ArrayList<>();
        CheckEntry entry = parse(new CheckRequest(null, " ", "36.6", List.of(" cough "), "  fine  "), problems);
        assertThat(problems).isEmpty();
        assertThat(entry.slot()).isEqualTo(CheckSlot.EVENING);
        assertThat(entry.symptoms()).containsExactly(Symptom.COUGH);
        assertThat(entry.note()).isEqualTo("fine");
        assertThat(parse(new CheckRequest(null, "morning", "36.6", null, " "), problems).slot()).isEqualTo(CheckSlot.MORNING);
    }

    @Test
    void aFeverOrAnySymptomIsAbnormal() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(parse(new CheckRequest(null, null, "37.2", List.of(), null), problems).abnormal(FEVER)).isFalse();
        assertThat(parse(new CheckRequest(null, null, "37.3", List.of(), null), problems).abnormal(FEVER)).isTrue();
        assertThat(parse(new CheckRequest(null, null, "36.5", List.of("FATIGUE"), null), problems).abnormal(FEVER)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProblemOfTheEntryIsToldInTheFormsOrder() {
        List<FieldProblem> problems = new ArrayList<>();
        parse(new CheckRequest(null, "NOON", "45", List.of("SNEEZING"), "x".repeat(501)), problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("slot", "temperature", "symptoms", "note");
        assertThat(problems.get(0).code()).isEqualTo("validation.enum");
        assertThat(problems.get(3).code()).isEqualTo("validation.tooLong");
    }

    @Test
    void aSiteTakesNobodyWhenFullOrInactive() {
        new QuarantineSite(1, "观察点", "610881", null, 2, 1, true, SitePurpose.OBSERVATION).requireRoom(SitePurpose.OBSERVATION);
        for (QuarantineSite site : List.of(new QuarantineSite(1, "观察点", "610881", null, 2, 2, true, SitePurpose.OBSERVATION),
                new QuarantineSite(1, "观察点", "610881", null, 2, 0, false, SitePurpose.OBSERVATION))) {
            assertThat(site.full()).isTrue();
            assertThatThrownBy(() -> site.requireRoom(SitePurpose.OBSERVATION)).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.site.full"));
        }
    }

    @Test
    void aSiteTakesOnlyThePlacementsOfItsPurpose() {
        QuarantineSite isolation = new QuarantineSite(2, "隔离病区", "610881", null, 5, 0, true, SitePurpose.ISOLATION);
        isolation.requireRoom(SitePurpose.ISOLATION);
        assertThatThrownBy(() -> isolation.requireRoom(SitePurpose.OBSERVATION)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.site.wrongPurpose.OBSERVATION"));
        QuarantineSite observation = new QuarantineSite(3, "观察点", "610881", null, 5, 0, true, SitePurpose.OBSERVATION);
        assertThatThrownBy(() -> observation.requireRoom(SitePurpose.ISOLATION)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.site.wrongPurpose.ISOLATION"));
    }
}
