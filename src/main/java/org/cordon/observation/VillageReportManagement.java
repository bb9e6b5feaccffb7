package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.blankToNull;
import static org.cordon.observation.ObservationAccess.requireArea;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.area.Area;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Observation figures counted per area: the villages' daily reports (figures counted, the note the worker's), the
 * figures per child area on the work list, and the tallies per day and area the dashboard recounts from.
 */
@Service
@Transactional(readOnly = true)
public class VillageReportManagement {

    private final VillageReportRepository repository;
    private final ObservationCalendar calendar;
    private final AreaManagement areas;

    VillageReportManagement(VillageReportRepository repository, ObservationCalendar calendar, AreaManagement areas) {
        this.repository = repository;
        this.calendar = calendar;
        this.areas = areas;
    }

    /** Submits (or corrects) a village's daily report; figures are counted, the note is the worker's. */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public VillageReport submitReport(CordonUser user, String areaCode, LocalDate day, String note) {
        String area = requireArea(user);
        String village = blankToNull(areaCode) == null ? area : areaCode.trim();
        Area node = areas.findArea(village).orElseThrow(() -> new ValidationFailedException("areaCode", "validation.area.unknown", village));
        if (!AreaScope.of(user).covers(village)) {
            throw new AccessDeniedException("Area " + village + " is outside the jurisdiction");
        }
        if (node.kind() != AreaKind.VILLAGE && node.kind() != AreaKind.COMMUNITY) {
            throw new ValidationFailedException("areaCode", "validation.report.notVillage");
        }
        LocalDate today = calendar.today();
        LocalDate date = day == null ? today : day;
        if (date.isAfter(today)) {
            throw new ValidationFailedException("date", "validation.date.future");
        }
        long[] f = repository.villageFigures(village, date);
        repository.upsertReport(village, date, f[0], f[1], f[2], blankToNull(note), f[0] == 0 && f[1] == 0 && f[2] == 0,
                user.getUsername());
        return repository.reports(village, date).get(0);
    }

    /** Every village and community in the user's area with its report of the day; missing ones have no submission. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<VillageReport> reports(CordonUser user, LocalDate day) {
        return repository.reports(requireArea(user), day == null ? calendar.today() : day);
    }

    /** Figures per child area of the user's area (or of {@code root} inside it) for a day. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<AreaCount> areaCounts(CordonUser user, String root, LocalDate day) {
        String area = requireArea(user);
        String node = root == null || root.isBlank() ? area : root.trim();
        if (!AreaScope.of(user).covers(node)) {
            throw new AccessDeniedException("Area " + node + " is outside the jurisdiction");
        }
        List<Area> children = areas.children(node);
        List<String> codes = children.stream().map(Area::code).toList();
        int childLength = children.isEmpty() ? node.length() : children.get(0).code().length();
        List<long[]> figures = repository.countsByChild(node, childLength, day == null ? calendar.today() : day, codes);
        List<AreaCount> result = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            long[] v = figures.get(i);
            result.add(new AreaCount(children.get(i).code(), children.get(i).name(), v[0], v[1], v[2], v[5], v[3], v[4]));
        }
        return result;
    }

    /** Episodes, checks and referral outcomes counted per day and area (the city's time zone), for the dashboard's recount. */
    @SystemOperation
    public List<ObservationTally> tallies() {
        return repository.tallies(calendar.timeZone());
    }
}
