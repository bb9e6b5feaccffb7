package org.cordon.mobilization;

/**
 * A volunteer entered by staff. {@code status} is a {@link VolunteerStatus} name (default RESERVE);
 * {@code areaCode} is optional (a town coordinator's volunteers must lie in their town).
 */
public record NewVolunteer(String name, String phone, String areaCode, String organisation, String skills,
                           String availability, String status) {
}
