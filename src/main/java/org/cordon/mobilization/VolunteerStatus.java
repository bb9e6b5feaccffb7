package org.cordon.mobilization;

/** A volunteer is in the reserve, active, or no longer available. */
public enum VolunteerStatus { RESERVE, ACTIVE, INACTIVE }
