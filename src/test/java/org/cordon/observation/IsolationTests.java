package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;

/** The isolation of a suspected case, without Spring. */
class IsolationTests {

    static final LocalDate START = LocalDate.of(2020, 2, 3);

    static List<String> checkProblems(Isolation isolation, LocalDate day, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        isolation.requireCheckable(day, today, problems);
        return problems.stream().map(FieldProblem::code).toList();
    }

    @Test
    void anOpenIsolationEndsOnceReleasedOrConfirmed() {
        Isolation open = new Isolation(4, IsolationStatus.ISOLATED, START, null);
        Isolation released = open.close("released", START.plusDays(3));
        assertThat(released.status()).isEqualTo(IsolationStatus.RELEASED);
        assertThat(released.endedOn()).isEqualTo(START.plusDays(3));
        assertThat(open.close(" CONFIRMED ", START.plusDays(1)).status()).isEqualTo(IsolationStatus.CONFIRMED);
        for (Isolation ended : List.of(released, open.close("CONFIRMED", START))) {
            assertThatThrownBy(() -> ended.close("CONFIRMED", START.plusDays(5))).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.isolation.closed"));
        }
        for (String wrong : new String[] {"ISOLATED", "EXCLUDED", "", null}) {
            assertThatThrownBy(() -> open.close(wrong, START)).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.enum"));
        }
    }

    @Test
    void checksAreForOpenIsolationsOnDaysFromTheStartUpToToday() {
        Isolation open = new Isolation(4, IsolationStatus.ISOLATED, START, null);
        assertThat(checkProblems(open, START, START.plusDays(2))).isEmpty();
        assertThat(checkProblems(open, START.plusDays(2), START.plusDays(2))).isEmpty();
        assertThat(checkProblems(open, START.minusDays(1), START.plusDays(2))).containsExactly("validation.isolation.beforeStart");
        assertThat(checkProblems(open, START.plusDays(3), START.plusDays(2))).containsExactly("validation.date.future");
        assertThat(checkProblems(new Isolation(4, IsolationStatus.RELEASED, START, START.plusDays(1)), START, START.plusDays(2)))
                .containsExactly("validation.isolation.closed");
    }
}
