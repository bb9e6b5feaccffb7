package org.cordon.supplies;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A fundraising campaign; {@code raised} is the sum of the money donations linked to it (derived, never stored). */
public record Campaign(long id, String name, String organiser, BigDecimal target, LocalDate startsOn, LocalDate endsOn,
                       BigDecimal raised, long donations) {

    /** Raised as a percentage of the target, 0–100+ (rounded down). */
    public int percent() {
        return raised.multiply(BigDecimal.valueOf(100)).divide(target, 0, java.math.RoundingMode.DOWN).intValue();
    }
}
