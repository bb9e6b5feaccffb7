package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;

/** The configured shifts of a duty day cover 24 hours without gaps. */
class MobilizationSettingsTests {

    @Test
    void threeShiftsADayByDefault() {
        var slots = new MobilizationSettings(3, LocalTime.MIDNIGHT, 2, 3).slots();
        assertThat(slots).extracting(MobilizationSettings.Slot::start)
                .containsExactly(LocalTime.of(0, 0), LocalTime.of(8, 0), LocalTime.of(16, 0));
        assertThat(slots.get(2).end()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void shiftsMayStartAtAnotherHour() {
        var slots = new MobilizationSettings(2, LocalTime.of(8, 0), 3, 3).slots();
        assertThat(slots).extracting(MobilizationSettings.Slot::start).containsExactly(LocalTime.of(8, 0), LocalTime.of(20, 0));
        assertThat(slots.get(1).end()).isEqualTo(LocalTime.of(8, 0));
    }

    @Test
    void impossibleSettingsAreRejectedAtStartUp() {
        assertThatThrownBy(() -> new MobilizationSettings(7, LocalTime.MIDNIGHT, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MobilizationSettings(3, LocalTime.MIDNIGHT, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
