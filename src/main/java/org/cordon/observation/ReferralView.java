package org.cordon.observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.cordon.checkpoint.Symptom;
import org.cordon.registry.PersonSummary;

/**
 * A referral to a fever clinic (from a checkpoint or an abnormal check) with its outcome once known.
 *
 * @param riskArrival a checkpoint referral of a person entering from a risk area or after contact with a case
 * @param followUp    where the person went after the outcome; null while the referral is open
 */
public record ReferralView(long id, PersonSummary person, Long episodeId, String source, String areaCode, String areaName,
                           Instant raisedAt, BigDecimal temperature, List<Symptom> symptoms, ReferralOutcome outcome,
                           Instant outcomeAt, String outcomeBy, String clinic, String note, boolean riskArrival,
                           FollowUp followUp) {
}
