package org.cordon.observation;

import java.time.Instant;
import java.time.LocalDate;

/** A village's (community's) daily report; submitted even when nothing happened (零报告). */
public record VillageReport(String areaCode, String areaName, LocalDate date, Integer newReturnees, Integer underObservation,
                            Integer abnormal, String note, Boolean zeroReport, String submittedBy, Instant submittedAt) {

    public boolean submitted() {
        return submittedAt != null;
    }
}
