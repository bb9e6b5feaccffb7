package org.cordon.notice;

/**
 * A volunteer sign-up as typed on the portal.
 *
 * @param areaCode the town or street office where the volunteer can serve; may be null (anywhere)
 */
public record VolunteerRequest(String name, String phone, String areaCode, String organisation, String skills,
                               String availability, String note) {
}
