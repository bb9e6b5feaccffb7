package org.cordon.registry;

import java.time.LocalDate;

/** Registered (not unverified) returnees arriving on one day in one destination area, for the dashboard's recount. */
public record ArrivalTally(LocalDate day, String areaCode, long returnees) {
}
