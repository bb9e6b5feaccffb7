package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/** Asserts that a transition is refused with one field problem. */
final class AggregateAssertions {

    private AggregateAssertions() {
    }

    static void refused(ThrowingCallable transition, String field, String code, Object... args) {
        assertThatThrownBy(transition).isInstanceOfSatisfying(ValidationFailedException.class, e -> {
            assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactly(
                    Tuple.tuple(field, code));
            if (args.length > 0) {
                assertThat(e.problems().get(0).args()).containsExactly(args);
            }
        });
    }
}
