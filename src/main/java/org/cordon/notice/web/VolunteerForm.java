package org.cordon.notice.web;

import org.cordon.notice.VolunteerRequest;

/** The volunteer sign-up form; {@code website} is the honeypot. */
public class VolunteerForm {

    private String name;
    private String phone;
    private String areaCode;
    private String organisation;
    private String skills;
    private String availability;
    private String note;
    private String website;

    VolunteerRequest toRequest() {
        return new VolunteerRequest(name, phone, areaCode, organisation, skills, availability, note);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getAreaCode() { return areaCode; }
    public void setAreaCode(String areaCode) { this.areaCode = areaCode; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public String getSkills() { return skills; }
    public void setSkills(String skills) { this.skills = skills; }
    public String getAvailability() { return availability; }
    public void setAvailability(String availability) { this.availability = availability; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
