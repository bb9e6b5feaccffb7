package org.cordon.observation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.cordon.checkpoint.Symptom;
import org.cordon.registry.PersonSummary;

/**
 * The isolation of a suspected case as shown (person masked unless revealed). {@code checks} is filled on detail
 * views only.
 *
 * @param episodeId         the observation episode the isolation ended, if any
 * @param caseId            the case, once confirmed
 * @param followUpEpisodeId the observation resumed after a release, if any
 */
public record IsolationView(long id, PersonSummary person, long referralId, Long episodeId, long siteId, String siteName,
                            String areaCode, String areaName, LocalDate startedOn, IsolationStatus status, LocalDate endedOn,
                            String outcomeBy, String outcomeNote, Long caseId, Long followUpEpisodeId, int checksRecorded,
                            List<IsolationCheck> checks) {

    /** Day of the isolation on {@code today} (1 = the day it began). */
    public long dayOn(LocalDate today) {
        return java.time.temporal.ChronoUnit.DAYS.between(startedOn, endedOn != null ? endedOn : today) + 1;
    }

    /** One check during the isolation. */
    public record IsolationCheck(LocalDate date, CheckSlot slot, BigDecimal temperature, List<Symptom> symptoms, String note,
                                 String recordedBy) {
    }
}
