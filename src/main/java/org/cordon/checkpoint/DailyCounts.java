package org.cordon.checkpoint;

import java.time.LocalDate;

/** A checkpoint's figures for one day (the city's time zone). */
public record DailyCounts(String checkpointCode, String checkpointName, LocalDate date, long passages, long vehicles,
                          long people, long feverReferrals, long riskArrivals, long disinfected) {
}
