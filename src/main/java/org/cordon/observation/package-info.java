/**
 * Home and centralised medical observation (居家/集中医学观察): 14-day episodes, twice-daily checks,
 * missed-check flags, referrals to fever clinics with outcomes, release with a printable notice,
 * close contacts, work lists and the villages' daily reports. Public API, one service a part:
 * {@link org.cordon.observation.EpisodeManagement} (episodes, checks, missed checks, release),
 * {@link org.cordon.observation.ReferralManagement} (fever referrals and their outcomes),
 * {@link org.cordon.observation.CloseContactManagement} (close contacts) and
 * {@link org.cordon.observation.VillageReportManagement} (daily reports, figures per area, the dashboard's tallies);
 * events ObservationStarted, CheckMissed, LateCheckRecorded, CheckAbnormal, ReferralOutcomeRecorded, ObservationEnded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Medical observation")
package org.cordon.observation;
