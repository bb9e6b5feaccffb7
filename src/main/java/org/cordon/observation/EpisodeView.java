package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

import org.cordon.registry.PersonSummary;

/**
 * An observation episode as shown (person masked). {@code checks} is filled on detail views only.
 *
 * @param releasable the period is over and every check was normal (or its referral excluded)
 */
public record EpisodeView(long id, PersonSummary person, Long returneeId, EpisodeKind kind, Long siteId, String siteName,
                          String areaCode, String areaName, EpisodeReason reason, LocalDate startDate, LocalDate plannedEnd,
                          String responsibleUsername, EpisodeStatus status, LocalDate endedOn, int checksRecorded,
                          int missedChecks, int abnormalChecks, boolean releasable, List<CheckView> checks) {

    /** One recorded or missed check. */
    public record CheckView(long id, LocalDate date, CheckSlot slot, boolean missed, java.math.BigDecimal temperature,
                            List<org.cordon.checkpoint.Symptom> symptoms, String note, boolean abnormal, String recordedBy,
                            java.time.Instant recordedAt) {
    }

    /** Day of the observation period (1 = start date) on {@code today}. */
    public long dayOn(LocalDate today) {
        return java.time.temporal.ChronoUnit.DAYS.between(startDate, today) + 1;
    }
}
