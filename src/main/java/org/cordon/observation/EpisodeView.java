package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

import org.cordon.registry.PersonSummary;
import org.cordon.registry.ReportedIdentity;

/**
 * An observation episode as shown (person masked unless revealed). {@code checks} is filled on detail views only.
 *
 * @param releasable       the period is over and every check was normal (or its referral excluded)
 * @param reportedIdentity identity values reported for the person (by the returnee record or the close-contact
 *                         registration) that differ from the registered ones; detail views only, null when none
 */
public record EpisodeView(long id, PersonSummary person, Long returneeId, EpisodeKind kind, Long siteId, String siteName,
                          String areaCode, String areaName, EpisodeReason reason, LocalDate startDate, LocalDate plannedEnd,
                          String responsibleUsername, EpisodeStatus status, LocalDate endedOn, int checksRecorded,
                          int missedChecks, int abnormalChecks, boolean releasable, List<CheckView> checks,
                          ReportedIdentity reportedIdentity) {

    /** The same episode with the person as revealed and its identity difference. */
    EpisodeView with(PersonSummary revealed, ReportedIdentity reported) {
        return new EpisodeView(id, revealed, returneeId, kind, siteId, siteName, areaCode, areaName, reason, startDate, plannedEnd,
                responsibleUsername, status, endedOn, checksRecorded, missedChecks, abnormalChecks, releasable, checks, reported);
    }

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
