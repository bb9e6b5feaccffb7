package org.cordon.mobilization;

import org.cordon.account.PersonalValue;

import java.time.Instant;

/**
 * A volunteer; the phone is masked.
 *
 * @param signupRef id of the portal sign-up this volunteer was taken over from, or null
 */
public record Volunteer(long id, String name, PersonalValue maskedPhone, String areaCode, String areaName, String organisation,
                        String skills, String availability, VolunteerStatus status, VolunteerSource source, Long signupRef,
                        Instant createdAt) {
}
