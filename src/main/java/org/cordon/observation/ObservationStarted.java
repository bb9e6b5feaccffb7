package org.cordon.observation;

import java.time.LocalDate;

/** A person's observation period began. */
public record ObservationStarted(long episodeId, long personId, String areaCode, EpisodeKind kind, EpisodeReason reason,
                                 LocalDate startDate, LocalDate plannedEnd) {
}
