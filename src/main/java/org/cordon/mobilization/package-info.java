/**
 * Mobilisation (党员与志愿者): Party branches — regular (village, enterprise, institution) and temporary
 * (checkpoint, compound) — with their members, pledges (请战书) and posts; round-the-clock duty rosters at the
 * checkpoints with under-crewed shifts flagged; volunteers (taken over from the public portal's sign-ups or
 * entered by staff), their tasks, hours and record of service.
 *
 * <p>Public API: {@link org.cordon.mobilization.MobilizationManagement} (access, overview),
 * {@link org.cordon.mobilization.PartyManagement}, {@link org.cordon.mobilization.DutyRosterManagement},
 * {@link org.cordon.mobilization.VolunteerManagement}; events
 * {@link org.cordon.mobilization.PledgeSigned}, {@link org.cordon.mobilization.VolunteerAssigned} (ids only).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mobilisation")
package org.cordon.mobilization;
