package org.cordon.mobilization;

import java.util.List;

/**
 * What a coordinator sees first: the duty gaps of the next days, missing temporary branches, open pledges,
 * portal sign-ups not yet taken over and tasks short of people.
 */
record Overview(DutyGaps duty, BranchGaps branches, List<Pledge> openPledges, int pendingSignups,
                       List<VolunteerTask> tasksShortOfPeople) {
}
