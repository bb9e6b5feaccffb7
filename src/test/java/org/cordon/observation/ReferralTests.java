package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;

/** The one transition of a fever referral, without Spring. */
class ReferralTests {

    @Test
    void anOpenReferralTakesOneOutcomeInAnyCase() {
        Referral open = new Referral(3, null);
        assertThat(open.open()).isTrue();
        assertThat(open.close("excluded")).isEqualTo(new Referral(3, ReferralOutcome.EXCLUDED));
        assertThat(open.close(" SUSPECTED ").outcome()).isEqualTo(ReferralOutcome.SUSPECTED);
        assertThat(open.close("Confirmed").open()).isFalse();
    }

    @Test
    void anUnknownOutcomeIsRefusedBeforeAnythingElse() {
        for (Referral referral : new Referral[] {new Referral(3, null), new Referral(3, ReferralOutcome.EXCLUDED)}) {
            for (String given : new String[] {null, "", "cured"}) {
                assertThatThrownBy(() -> referral.close(given)).isInstanceOfSatisfying(ValidationFailedException.class, e -> {
                    assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.enum");
                    assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("outcome");
                });
            }
        }
    }

    @Test
    void aReferralWithAnOutcomeIsClosed() {
        for (ReferralOutcome outcome : ReferralOutcome.values()) {
            assertThatThrownBy(() -> new Referral(3, outcome).close("CONFIRMED")).isInstanceOfSatisfying(ValidationFailedException.class,
                    e -> assertThat(e.problems()).extracting(FieldProblem::code).containsExactly("validation.referral.closed"));
        }
    }
}
