package org.cordon.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.cordon.checkpoint.Symptom;
import org.cordon.registry.PersonSummary;

/** A referral to a fever clinic (from a checkpoint or an abnormal check) with its outcome once known. */
public record ReferralView(long id, PersonSummary person, Long episodeId, String source, String areaCode, String areaName,
                           Instant raisedAt, BigDecimal temperature, List<Symptom> symptoms, ReferralOutcome outcome,
                           Instant outcomeAt, String outcomeBy, String clinic, String note) {
}
