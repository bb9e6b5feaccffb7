package org.cordon.mobilization;

/** Where a volunteer record came from: taken over from a portal sign-up, or entered by staff. */
enum VolunteerSource { PORTAL, STAFF }
