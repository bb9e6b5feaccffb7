package org.cordon.observation;

/** A fever clinic's outcome was recorded for a referral. */
public record ReferralOutcomeRecorded(long referralId, long personId, Long episodeId, String areaCode, ReferralOutcome outcome) {
}
