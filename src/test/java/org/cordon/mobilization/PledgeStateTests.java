package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.mobilization.AggregateAssertions.refused;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** A pledge is signed OPEN, assigned to a post, and can be re-assigned. */
class PledgeStateTests {

    private static final PledgeState OPEN = PledgeState.of(new Pledge(7, 3, "王建国", "后鸡检查点临时党支部",
            LocalDate.of(2020, 2, 1), "请战", PledgeStatus.OPEN, null, null, null));

    @Test
    void anOpenPledgeIsAssignedToThePost() {
        PledgeState assigned = OPEN.assign("  后鸡检查点执勤 ", "coordinator");
        assertThat(assigned).isEqualTo(new PledgeState(7, 3, PledgeStatus.ASSIGNED, "后鸡检查点执勤", "coordinator"));
        assertThat(OPEN.status()).isEqualTo(PledgeStatus.OPEN);
    }

    @Test
    void anAssignedPledgeCanBeReassigned() {
        PledgeState again = OPEN.assign("卡口执勤", "a").assign("小区值守", "b");
        assertThat(again.status()).isEqualTo(PledgeStatus.ASSIGNED);
        assertThat(again.post()).isEqualTo("小区值守");
        assertThat(again.assignedBy()).isEqualTo("b");
    }

    @Test
    void thePostIsRequiredAndAtMostAHundredCharacters() {
        refused(() -> OPEN.assign(" ", "a"), "post", "validation.required");
        refused(() -> OPEN.assign(null, "a"), "post", "validation.required");
        refused(() -> OPEN.assign("岗".repeat(101), "a"), "post", "validation.tooLong", 100, 101);
        assertThat(OPEN.assign("岗".repeat(100), "a").post()).hasSize(100);
    }
}
