package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.mobilization.AggregateAssertions.refused;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Who joins a volunteer task, who leaves, and the hours recorded. */
class TaskCrewTests {

    private static final VolunteerState ACTIVE = new VolunteerState(1, "张伟", VolunteerStatus.ACTIVE);
    private static final VolunteerState RESERVE = new VolunteerState(2, "刘洋", VolunteerStatus.RESERVE);
    private static final VolunteerState INACTIVE = new VolunteerState(3, "陈静", VolunteerStatus.INACTIVE);

    private static TaskCrew needing(int people) {
        return new TaskCrew(9, people, List.of());
    }

    @Test
    void volunteersJoinUntilTheTaskHasThePeopleItNeeds() {
        TaskCrew crew = needing(2).assign(ACTIVE).assign(RESERVE);
        assertThat(crew.crew()).extracting(TaskCrew.Served::volunteerId).containsExactly(1L, 2L);
        assertThat(crew.crew()).extracting(TaskCrew.Served::hours).containsOnlyNulls();
        refused(() -> crew.assign(new VolunteerState(4, "赵敏", VolunteerStatus.ACTIVE)), "volunteerId", "vol.validation.taskFull", 2);
    }

    @Test
    void assigningSomeoneOnTheTaskChangesNothingEvenWhenFull() {
        TaskCrew full = needing(1).assign(ACTIVE);
        assertThat(full.assign(ACTIVE)).isSameAs(full);
    }

    @Test
    void anInactiveVolunteerIsRefusedBeforeTheCrewIsCounted() {
        refused(() -> needing(5).assign(INACTIVE), "volunteerId", "vol.validation.inactive", "陈静");
        refused(() -> needing(1).assign(ACTIVE).assign(INACTIVE), "volunteerId", "vol.validation.inactive", "陈静");
    }

    @Test
    void aVolunteerLeavesAndMakesRoom() {
        TaskCrew full = needing(1).assign(ACTIVE);
        TaskCrew empty = full.remove(1);
        assertThat(empty.crew()).isEmpty();
        assertThat(empty.assign(RESERVE).has(2)).isTrue();
        assertThat(full.remove(2)).isSameAs(full);
    }

    @Test
    void hoursAreRecordedForAVolunteerOnTheTask() {
        TaskCrew crew = needing(2).assign(ACTIVE).assign(RESERVE).recordHours(2, new BigDecimal("3.5"));
        assertThat(crew.crew()).containsExactly(new TaskCrew.Served(1, null), new TaskCrew.Served(2, new BigDecimal("3.5")));
        assertThat(crew.recordHours(2, BigDecimal.ZERO).crew().get(1).hours()).isZero();
        assertThat(crew.recordHours(1, new BigDecimal("24.00")).crew().get(0).hours()).isEqualByComparingTo("24");
    }

    @Test
    void hoursOutsideZeroToTwentyFourOrWithTwoDecimalsAreRefused() {
        TaskCrew crew = needing(1).assign(ACTIVE);
        refused(() -> crew.recordHours(1, null), "hours", "validation.required");
        refused(() -> crew.recordHours(1, new BigDecimal("-0.5")), "hours", "vol.validation.hours");
        refused(() -> crew.recordHours(1, new BigDecimal("24.1")), "hours", "vol.validation.hours");
        refused(() -> crew.recordHours(1, new BigDecimal("1.25")), "hours", "vol.validation.hours");
    }

    @Test
    void hoursOfSomeoneNotOnTheTaskAreRefusedAfterTheHoursAreChecked() {
        TaskCrew crew = needing(1).assign(ACTIVE);
        refused(() -> crew.recordHours(2, BigDecimal.ONE), "volunteerId", "vol.validation.notOnTask");
        refused(() -> crew.recordHours(2, new BigDecimal("25")), "hours", "vol.validation.hours");
    }

    @Test
    void theCrewOfATaskAsRead() {
        VolunteerTask task = new VolunteerTask(9, "发放口罩", "东门", null, java.time.LocalDate.of(2020, 2, 3), 3, null, "c",
                List.of(new VolunteerTask.Assignment(1, "张伟", null, new BigDecimal("2.0"))));
        assertThat(TaskCrew.of(task)).isEqualTo(new TaskCrew(9, 3, List.of(new TaskCrew.Served(1, new BigDecimal("2.0")))));
    }
}
