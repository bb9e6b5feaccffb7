package org.cordon.observation;

import java.time.LocalDate;

/** A check was recorded after its slot had been flagged missed; the slot no longer counts as missed. */
public record LateCheckRecorded(long episodeId, long personId, String areaCode, LocalDate date, CheckSlot slot) {
}
