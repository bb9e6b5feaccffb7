package org.cordon.observation;

import java.time.LocalDate;

/** A twice-daily check was not recorded by its deadline. */
public record CheckMissed(long episodeId, long personId, String areaCode, LocalDate date, CheckSlot slot) {
}
