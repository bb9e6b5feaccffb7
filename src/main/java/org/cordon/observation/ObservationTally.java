package org.cordon.observation;

import java.time.LocalDate;

/**
 * Observation counts of one day in one area, for the dashboard's recount through the observation module's API. A
 * tally carries the counters of one source (episodes started, episodes ended, checks, referral outcomes, isolations
 * started, isolations ended, cases); the others are zero, and tallies of the same day and area add up.
 *
 * @param isolated  episodes that ended in isolation; {@code isolationsStarted} counts the isolation records
 * @param confirmed episodes that ended confirmed; {@code casesConfirmed} counts the cases
 */
public record ObservationTally(LocalDate day, String areaCode, long started, long released, long isolated, long confirmed,
                               long checksMissed, long checksAbnormal, long outcomeExcluded, long outcomeSuspected,
                               long outcomeConfirmed, long isolationsStarted, long isolationsReleased, long isolationsConfirmed,
                               long casesConfirmed) {
}
