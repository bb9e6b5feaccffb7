package org.cordon.observation;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A check found a temperature at or above the fever threshold or a symptom; a referral was opened. */
public record CheckAbnormal(long episodeId, long personId, String areaCode, LocalDate date, CheckSlot slot,
                            BigDecimal temperature, long referralId) {
}
