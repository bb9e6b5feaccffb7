package org.cordon.observation;

import java.time.LocalDate;

/** An observation period ended (released, or turned into isolation or a case). */
public record ObservationEnded(long episodeId, long personId, String areaCode, EpisodeStatus status, LocalDate endedOn) {
}
