package org.cordon.supplies;

import static org.cordon.supplies.SupplyChecks.require;
import static org.cordon.shared.FieldChecks.name;
import static org.cordon.shared.FieldChecks.text;
import static org.cordon.shared.FieldChecks.failIfAny;

import org.cordon.shared.FieldChecks;
import java.util.ArrayList;
import java.util.List;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fundraising campaigns (募捐活动) with the money raised by the donations made to them. Every supplies reader sees
 * them; supplies clerks, commanders and administrators create them ({@link ValidationFailedException} for invalid
 * input, {@link AccessDeniedException} for other roles).
 */
@Service
@Transactional(readOnly = true)
public class CampaignManagement {

    private final DonationRepository donations;

    CampaignManagement(DonationRepository donations) {
        this.donations = donations;
    }

    /** Campaigns with the money raised. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Campaign> campaigns(CordonUser user) {
        require(RolePermissions.may(user, Permission.SUPPLIES_READ), user, "read campaigns");
        return donations.campaigns();
    }

    /** Creates a fundraising campaign; returns it. Managers. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public Campaign createCampaign(CordonUser user, CampaignRequest r) {
        require(RolePermissions.may(user, Permission.SUPPLIES_MANAGE), user, "create campaigns");
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(r.name(), "name", SupplyChecks.MAX_NAME, true, problems);
        String organiser = name(r.organiser(), "organiser", SupplyChecks.MAX_NAME, true, problems);
        if (r.target() == null) {
            problems.add(new FieldProblem("target", "validation.required"));
        } else {
            SupplyChecks.quantity(r.target(), "target", false, problems);
        }
        if (r.startsOn() == null) {
            problems.add(new FieldProblem("startsOn", "validation.required"));
        } else if (r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
            problems.add(new FieldProblem("endsOn", "campaign.validation.endsBeforeStart"));
        }
        failIfAny(problems);
        long id = donations.insertCampaign(name, organiser, r.target(), r.startsOn(), r.endsOn(), user.getUsername());
        return donations.campaigns().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }
}
