package org.cordon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;

/** The transitions of an addressee's part of a directive, without Spring. */
class AssignmentStatusTests {

    private static List<String> problems(java.util.function.Consumer<List<FieldProblem>> check) {
        List<FieldProblem> problems = new ArrayList<>();
        check.accept(problems);
        return problems.stream().map(FieldProblem::code).toList();
    }

    @Test
    void onlyAnAssignedPartIsAccepted() {
        assertThat(AssignmentStatus.ASSIGNED.accept()).isEqualTo(AssignmentStatus.ACCEPTED);
        for (AssignmentStatus s : List.of(AssignmentStatus.ACCEPTED, AssignmentStatus.DONE)) {
            assertThatThrownBy(s::accept).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("directive.validation.alreadyAccepted"));
        }
    }

    @Test
    void progressAndCompletionOnlyBetweenAcceptanceAndDone() {
        assertThat(problems(AssignmentStatus.ACCEPTED::requireWorkable)).isEmpty();
        assertThat(problems(AssignmentStatus.ASSIGNED::requireWorkable)).containsExactly("directive.validation.notAccepted");
        assertThat(problems(AssignmentStatus.DONE::requireWorkable)).containsExactly("directive.validation.alreadyDone");
    }

    @Test
    void onlyADonePartOfALiveDirectiveIsReopened() {
        assertThat(problems(p -> AssignmentStatus.DONE.requireReopenable(false, p))).isEmpty();
        assertThat(problems(p -> AssignmentStatus.ACCEPTED.requireReopenable(false, p))).containsExactly("directive.validation.notDone");
        assertThat(problems(p -> AssignmentStatus.DONE.requireReopenable(true, p))).containsExactly("directive.validation.cancelled");
    }
}
