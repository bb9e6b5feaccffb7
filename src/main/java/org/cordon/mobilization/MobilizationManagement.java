package org.cordon.mobilization;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.PermissionQuery;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.shared.CordonSettings;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mobilisation module's entry: who may use it, its settings and the coordinator's overview. The work itself
 * is done by {@link PartyManagement} (branches, members, pledges), {@link DutyRosterManagement} (duty rosters at
 * the checkpoints) and {@link VolunteerManagement} (volunteers, their tasks and hours).
 *
 * <p><b>Who may do what</b> (checked on the server, for pages and API alike): commanders, administrators and
 * volunteer coordinators <em>manage</em>. Commanders, administrators and coordinators whose area is the city
 * manage everything; a coordinator whose area is a town or street office (or lies below one) manages only the
 * branches, members, checkpoints, volunteers and tasks of that area (records without an area are city-wide and
 * left to city-level staff). Checkpoint officers read the rosters of their own checkpoints and their own shifts
 * ("my shifts": the shifts of the Party member linked to their account). Everyone else gets
 * {@link AccessDeniedException}.
 */
@Service
@Transactional(readOnly = true)
public class MobilizationManagement {

    private final PartyManagement party;
    private final DutyRosterManagement rosters;
    private final VolunteerManagement volunteers;
    private final MobilizationSettings settings;
    private final CordonSettings cordon;
    private final Clock clock;

    MobilizationManagement(PartyManagement party, DutyRosterManagement rosters, VolunteerManagement volunteers,
                           MobilizationSettings settings, CordonSettings cordon, Clock clock) {
        this.party = party;
        this.rosters = rosters;
        this.volunteers = volunteers;
        this.settings = settings;
        this.cordon = cordon;
        this.clock = clock;
    }

    /** True for commanders, administrators and volunteer coordinators (with an area). */
    @PermissionQuery(Permission.VOLUNTEERS_MANAGE)
    public boolean mayManage(CordonUser user) {
        return MobilizationScope.mayManage(user);
    }

    /** True when the user may open the module at all (managers and checkpoint officers). */
    @PermissionQuery(Permission.DUTY_ROSTER_READ)
    public boolean mayUse(CordonUser user) {
        return MobilizationScope.mayUse(user);
    }

    /** Today in the city's time zone. */
    @SystemOperation
    public LocalDate today() {
        return cordon.today(clock);
    }

    /** The configured settings (shifts per day, required crew). */
    @SystemOperation
    public MobilizationSettings settings() {
        return settings;
    }

    /** The coordinator's overview: gaps of the next {@code gap-days} days, missing branches, open pledges, sign-ups, tasks. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Overview overview(CordonUser user) {
        MobilizationScope.of(user);
        LocalDate today = today();
        DutyGaps duty = rosters.dutyGaps(user, today, today.plusDays(settings.gapDays() - 1L));
        List<VolunteerTask> shortTasks = volunteers.tasks(user).stream()
                .filter(t -> !t.taskDate().isBefore(today) && t.shortOfPeople()).toList();
        return new Overview(duty, party.branchGaps(user), party.pledges(user, PledgeStatus.OPEN),
                volunteers.pendingSignupCount(user), shortTasks);
    }
}
