package org.cordon.mobilization;

/** A volunteer was assigned to a task. Ids only. */
record VolunteerAssigned(long taskId, long volunteerId) {
}
