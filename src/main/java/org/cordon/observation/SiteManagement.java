package org.cordon.observation;

import java.util.ArrayList;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.area.AreaManagement;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The designated sites — centralised observation sites (集中医学观察点) and isolation sites for suspected cases
 * (隔离点) — with their capacity: reference data kept by administrators. Occupancy is counted, never entered: open
 * centralised episodes placed at a site and open isolations there.
 */
@Service
@Transactional(readOnly = true)
public class SiteManagement {

    static final int MAX_CAPACITY = 10_000;

    private final EpisodeRepository repository;
    private final AreaManagement areas;

    SiteManagement(EpisodeRepository repository, AreaManagement areas) {
        this.repository = repository;
        this.areas = areas;
    }

    /** Every site with capacity and occupancy, by purpose and name. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<QuarantineSite> sites(CordonUser user) {
        return repository.sites();
    }

    /** The active sites of one purpose that take somebody, for the pickers of outcome and contact forms. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<QuarantineSite> sitesFor(CordonUser user, SitePurpose purpose) {
        return repository.sites().stream().filter(s -> s.purpose() == purpose && s.active()).toList();
    }

    /** True when the user keeps the sites (administrators: reference data). */
    @org.cordon.account.PermissionQuery(Permission.ACCOUNT_ADMIN)
    public boolean mayEditSites(CordonUser user) {
        return RolePermissions.may(user, Permission.ACCOUNT_ADMIN);
    }

    /** Adds a site (administrators). Every problem is reported at once; nothing is stored then. */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public QuarantineSite createSite(CordonUser user, SiteRequest request) {
        requireAdmin(user);
        List<FieldProblem> problems = new ArrayList<>();
        String name = FieldChecks.required(request.name(), "name", 100, problems);
        String address = FieldChecks.optional(request.address(), "address", 200, problems);
        String area = FieldChecks.text(request.areaCode(), "areaCode", 15, true, problems);
        if (area != null && areas.findArea(area).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", area));
        } else if (area != null && !AreaScope.of(user).covers(area)) {
            problems.add(new FieldProblem("areaCode", "validation.destination.outsideJurisdiction"));
        }
        SitePurpose purpose = FieldChecks.enumValue(request.purpose(), "purpose", SitePurpose.class, null, problems);
        int capacity = capacity(request.capacity(), 0, problems);
        FieldChecks.failIfAny(problems);
        long id = repository.insertSite(name, area, address, capacity, purpose);
        return repository.findSite(id).orElseThrow();
    }

    /**
     * Changes a site's name, address, capacity or whether it takes people (administrators); the capacity may not fall
     * below the beds taken. Area and purpose stay.
     */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public QuarantineSite updateSite(CordonUser user, long id, SiteRequest request) {
        requireAdmin(user);
        QuarantineSite site = repository.lockSite(id).orElseThrow(() -> new NotFoundException("Site " + id));
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name() == null ? site.name() : FieldChecks.required(request.name(), "name", 100, problems);
        String address = request.address() == null ? site.address() : FieldChecks.optional(request.address(), "address", 200, problems);
        int capacity = request.capacity() == null ? site.capacity() : capacity(request.capacity(), site.occupancy(), problems);
        boolean active = request.active() == null ? site.active() : request.active();
        FieldChecks.failIfAny(problems);
        repository.updateSite(id, name, address, capacity, active);
        return repository.findSite(id).orElseThrow();
    }

    private static int capacity(Integer value, int taken, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem("capacity", "validation.required"));
            return 0;
        }
        if (value < 0 || value > MAX_CAPACITY) {
            problems.add(new FieldProblem("capacity", "validation.site.capacity", 0, MAX_CAPACITY));
        } else if (value < taken) {
            problems.add(new FieldProblem("capacity", "validation.site.belowOccupancy", taken));
        }
        return value;
    }

    private static void requireAdmin(CordonUser user) {
        if (!RolePermissions.may(user, Permission.ACCOUNT_ADMIN)) {
            throw new AccessDeniedException("Designated sites are kept by administrators");
        }
    }
}
