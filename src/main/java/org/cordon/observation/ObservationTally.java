package org.cordon.observation;

import java.time.LocalDate;

/**
 * Observation counts of one day in one area, for the dashboard's recount through the observation module's API. A
 * tally carries the counters of one source (episodes started, episodes ended, checks, referral outcomes); the others
 * are zero, and tallies of the same day and area add up.
 */
public record ObservationTally(LocalDate day, String areaCode, long started, long released, long isolated, long confirmed,
                               long checksMissed, long checksAbnormal, long outcomeExcluded, long outcomeSuspected,
                               long outcomeConfirmed) {
}
