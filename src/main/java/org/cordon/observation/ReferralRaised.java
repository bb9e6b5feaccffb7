package org.cordon.observation;

/** A fever referral was raised (checkpoint, abnormal check, the person's declaration): the person awaits a clinic. */
public record ReferralRaised(long referralId, long personId, String areaCode) {
}
