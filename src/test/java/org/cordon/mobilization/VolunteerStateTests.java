package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.cordon.mobilization.AggregateAssertions.refused;

import org.junit.jupiter.api.Test;

/** A volunteer's status changes in any direction; an inactive volunteer takes no new tasks. */
class VolunteerStateTests {

    private static final VolunteerState RESERVE = new VolunteerState(5, "李娜", VolunteerStatus.RESERVE);

    @Test
    void theStatusChangesToTheOneNamedInAnyCase() {
        VolunteerState active = RESERVE.withStatus(" active ");
        assertThat(active).isEqualTo(new VolunteerState(5, "李娜", VolunteerStatus.ACTIVE));
        assertThat(active.withStatus("INACTIVE").status()).isEqualTo(VolunteerStatus.INACTIVE);
        assertThat(active.withStatus("INACTIVE").withStatus("Reserve").status()).isEqualTo(VolunteerStatus.RESERVE);
        assertThat(RESERVE.withStatus("RESERVE")).isEqualTo(RESERVE);
    }

    @Test
    void anUnknownOrMissingStatusIsRefused() {
        refused(() -> RESERVE.withStatus("RETIRED"), "status", "validation.enum", "RETIRED", "RESERVE, ACTIVE, INACTIVE");
        refused(() -> RESERVE.withStatus(""), "status", "validation.required");
        refused(() -> RESERVE.withStatus(null), "status", "validation.required");
    }

    @Test
    void onlyAnInactiveVolunteerIsNotAssignable() {
        assertThatCode(RESERVE::requireAssignable).doesNotThrowAnyException();
        assertThatCode(RESERVE.withStatus("ACTIVE")::requireAssignable).doesNotThrowAnyException();
        refused(RESERVE.withStatus("INACTIVE")::requireAssignable, "volunteerId", "vol.validation.inactive", "李娜");
    }

    @Test
    void aTakenOverSignUpKeepsItsStatusWhenItIsOneOfOurs() {
        assertThat(VolunteerState.takenOver("ACTIVE")).isEqualTo(VolunteerStatus.ACTIVE);
        assertThat(VolunteerState.takenOver("INACTIVE")).isEqualTo(VolunteerStatus.INACTIVE);
        assertThat(VolunteerState.takenOver("NEW")).isEqualTo(VolunteerStatus.RESERVE);
        assertThat(VolunteerState.takenOver("active")).isEqualTo(VolunteerStatus.RESERVE);
        assertThat(VolunteerState.takenOver(null)).isEqualTo(VolunteerStatus.RESERVE);
    }
}
