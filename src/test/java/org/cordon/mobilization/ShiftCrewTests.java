package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.cordon.mobilization.AggregateAssertions.refused;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Who goes on a duty shift: no one already on an overlapping shift. */
class ShiftCrewTests {

    private static final LocalDateTime EIGHT = LocalDateTime.of(2020, 2, 3, 8, 0);
    private static final ShiftCrew EMPTY = new ShiftCrew(11, EIGHT, EIGHT.plusHours(8), List.of());
    private static final ShiftCrew.Overlaps FREE = (member, shift, starts, ends) -> Optional.empty();

    @Test
    void aMemberWithoutOverlappingShiftsGoesOnDuty() {
        List<Object> asked = new ArrayList<>();
        ShiftCrew crew = EMPTY.assign(4, (member, shift, starts, ends) -> {
            asked.addAll(List.of(member, shift, starts, ends));
            return Optional.empty();
        });
        assertThat(crew.memberIds()).containsExactly(4L);
        assertThat(asked).containsExactly(4L, 11L, EIGHT, EIGHT.plusHours(8));
        assertThat(crew.assign(5, FREE).memberIds()).containsExactly(4L, 5L);
    }

    @Test
    void aMemberOnAnOverlappingShiftIsRefused() {
        refused(() -> EMPTY.assign(4, (m, s, a, b) -> Optional.of("后鸡检查点 2020-02-03 04:00–12:00")),
                "memberId", "duty.validation.overlap", "后鸡检查点 2020-02-03 04:00–12:00");
    }

    @Test
    void assigningSomeoneOnTheShiftChangesNothingAndAsksNoOverlaps() {
        ShiftCrew crew = EMPTY.assign(4, FREE);
        assertThat(crew.assign(4, (m, s, a, b) -> fail("overlaps asked for a member on the shift"))).isSameAs(crew);
    }

    @Test
    void aMemberLeavesTheShift() {
        ShiftCrew crew = EMPTY.assign(4, FREE).assign(5, FREE);
        assertThat(crew.remove(4).memberIds()).containsExactly(5L);
        assertThat(crew.remove(6)).isSameAs(crew);
    }

    @Test
    void theCrewOfAShiftAsRead() {
        Shift shift = new Shift(11, "HJ", "后鸡检查点", EIGHT.toLocalDate(), 1, EIGHT, EIGHT.plusHours(8), 2,
                List.of(new Shift.CrewMember(4, "王建国", "支部")), true);
        assertThat(ShiftCrew.of(shift)).isEqualTo(new ShiftCrew(11, EIGHT, EIGHT.plusHours(8), List.of(4L)));
    }
}
