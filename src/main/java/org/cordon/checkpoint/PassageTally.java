package org.cordon.checkpoint;

import java.time.LocalDate;

/**
 * Screening counts of one checkpoint in one hour of one day (the city's time zone): what the dashboard's recount
 * reads through the checkpoint module's API instead of its tables.
 *
 * @param townCode the town the checkpoint lies in
 */
public record PassageTally(LocalDate day, int hour, String townCode, String checkpointCode, long passages, long vehicles,
                           long disinfected, long people, long feverReferrals, long riskArrivals) {
}
