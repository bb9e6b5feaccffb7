/**
 * Home and centralised medical observation (居家/集中医学观察): 14-day episodes, twice-daily checks,
 * missed-check flags, referrals to fever clinics with outcomes, release with a printable notice,
 * close contacts, work lists and the villages' daily reports. Public API:
 * {@link org.cordon.observation.ObservationManagement}; events ObservationStarted, CheckMissed, LateCheckRecorded,
 * CheckAbnormal, ReferralOutcomeRecorded, ObservationEnded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Medical observation")
package org.cordon.observation;
