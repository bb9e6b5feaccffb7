package org.cordon.mobilization;

import org.cordon.shared.FieldChecks;
import org.cordon.account.SystemOperation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.cordon.account.CordonUser;
import org.cordon.account.ExactSearchGuard;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.area.AreaManagement;
import org.cordon.mobilization.VolunteerRepository.Known;
import org.cordon.mobilization.VolunteerRepository.TakenOver;
import org.cordon.notice.SignupHandover;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.cordon.shared.FieldChecks.blankToNull;
import static org.cordon.shared.FieldChecks.failIfAny;
import static org.cordon.shared.FieldChecks.name;
import static org.cordon.shared.FieldChecks.text;
import static org.cordon.mobilization.VolunteerRepository.hex;

/**
 * Volunteering: volunteers (taken over from the public portal's sign-ups or entered by staff), their tasks, the
 * hours they served and their record of service. For managers (see {@link MobilizationScope}); everyone else gets
 * {@link AccessDeniedException}. Invalid input throws {@link ValidationFailedException} listing every invalid
 * field, and nothing is stored. Phones are only ever returned masked.
 */
@Service
@Transactional(readOnly = true)
public class VolunteerManagement {

    private static final int SIGNUP_LIMIT = 1000;
    /** Sign-ups read from the portal at a time. */
    static final int SIGNUP_PAGE = 500;

    private final VolunteerRepository volunteers;
    private final SignupHandover signupHandover;
    private final Phones phones;
    private final AreaManagement areas;
    private final ExactSearchGuard exactSearches;
    private final ApplicationEventPublisher events;

    VolunteerManagement(VolunteerRepository volunteers, SignupHandover signupHandover, Phones phones, AreaManagement areas,
                        ExactSearchGuard exactSearches, ApplicationEventPublisher events) {
        this.volunteers = volunteers;
        this.signupHandover = signupHandover;
        this.phones = phones;
        this.areas = areas;
        this.exactSearches = exactSearches;
        this.events = events;
    }

    /** Active volunteers in the area's subtree ({@code areaCode} null: the whole city), for the dashboard. */
    @SystemOperation
    public long activeVolunteers(String areaCode) {
        return volunteers.countActive(areaCode);
    }

    // ================================================================== volunteers

    /** The volunteers the manager may see (of one status when given), by name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Volunteer> volunteers(CordonUser user, VolunteerStatus status) {
        return volunteers.volunteers(MobilizationScope.of(user), status);
    }

    /** One volunteer. @throws NotFoundException no such volunteer @throws AccessDeniedException outside the caller's area */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer volunteer(CordonUser user, long id) {
        return visibleVolunteer(MobilizationScope.of(user), id);
    }

    private Volunteer visibleVolunteer(MobilizationScope scope, long id) {
        return scope.visible(volunteers.findVolunteer(id), Volunteer::areaCode, "Volunteer " + id);
    }

    /** A volunteer entered by staff (source STAFF). One volunteer per phone. */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer createVolunteer(CordonUser user, NewVolunteer r) {
        MobilizationScope scope = MobilizationScope.of(user);
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(r.name(), "name", 50, true, problems);
        String phone = FieldChecks.phone(r.phone(), "phone", problems);
        if (phone != null) {
            // "this phone is taken" answers whether a number belongs to a volunteer: an exact match, audited and limited
            exactSearches.exactSearch(user, ExactSearchGuard.Kind.PHONE, "volunteer phone check");
            if (volunteers.phoneTaken(phone)) {
                problems.add(new FieldProblem("phone", "vol.validation.phoneTaken"));
            }
        }
        String areaCode = optionalArea(problems, scope, r.areaCode());
        String organisation = text(r.organisation(), "organisation", 100, false, problems);
        String skills = text(r.skills(), "skills", 200, false, problems);
        String availability = text(r.availability(), "availability", 200, false, problems);
        VolunteerStatus status = FieldChecks.enumValue(r.status(), "status", VolunteerStatus.class, VolunteerStatus.RESERVE, problems);
        failIfAny(problems);
        long id = volunteers.insertStaffEntered(name, phone, areaCode, organisation, skills, availability, status);
        return visibleVolunteer(scope, id);
    }

    /** Changes a volunteer's status (RESERVE, ACTIVE, INACTIVE). */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer setVolunteerStatus(CordonUser user, long id, String status) {
        MobilizationScope scope = MobilizationScope.of(user);
        Volunteer volunteer = visibleVolunteer(scope, id);
        volunteers.storeStatus(VolunteerState.of(volunteer).withStatus(status));
        return visibleVolunteer(scope, id);
    }

    /** A volunteer's record of service: their tasks, newest first, and the hours recorded. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public ServiceRecord service(CordonUser user, long volunteerId) {
        Volunteer v = visibleVolunteer(MobilizationScope.of(user), volunteerId);
        List<ServiceRecord.Entry> entries = volunteers.service(volunteerId);
        BigDecimal total = entries.stream().map(ServiceRecord.Entry::hours).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(1, RoundingMode.UNNECESSARY);
        return new ServiceRecord(v.id(), v.name(), v.status(), entries, total);
    }

    // ================================================================== portal sign-ups

    /**
     * The public portal's volunteer sign-ups in the manager's area that have not been taken over yet (neither
     * by their id nor, entered by staff already, by their phone), oldest first.
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<PendingSignup> pendingSignups(CordonUser user) {
        List<SignupHandover.Signup> pending = pending(MobilizationScope.of(user).prefix(), SIGNUP_LIMIT);
        Map<String, String> areaNames = areas.areaNames(pending.stream().map(SignupHandover.Signup::areaCode)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        return pending.stream().map(p -> new PendingSignup(p.id(), p.name(), phones.masked(Phones.VOLUNTEER, p.phoneEnc()),
                p.areaCode() == null ? null : areaNames.get(p.areaCode()), p.organisation(), p.skills(), p.availability(),
                p.createdAt())).toList();
    }

    /** How many sign-ups of the manager's area wait to be taken over (the overview's figure; nothing decrypted). */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int pendingSignupCount(CordonUser user) {
        return pending(MobilizationScope.of(user).prefix(), Integer.MAX_VALUE).size();
    }

    /**
     * The sign-ups not yet taken over (neither by id nor, entered by staff already, by phone), oldest first, at most
     * {@code limit}: read page by page, so that however many were taken over before, the newer ones are found.
     */
    private List<SignupHandover.Signup> pending(String prefix, int limit) {
        List<SignupHandover.Signup> pending = new ArrayList<>();
        long after = 0;
        List<SignupHandover.Signup> page;
        while (pending.size() < limit && !(page = signupHandover.signups(prefix, after, SIGNUP_PAGE)).isEmpty()) {
            List<Known> known = volunteers.known(page);
            Set<Long> taken = known.stream().map(Known::signupRef).filter(Objects::nonNull).collect(Collectors.toSet());
            Set<String> phonesKnown = known.stream().map(Known::phoneHash).collect(Collectors.toSet());
            page.stream().filter(sg -> !taken.contains(sg.id()) && !phonesKnown.contains(hex(sg.phoneHash())))
                    .limit(limit - pending.size()).forEach(pending::add);
            after = page.get(page.size() - 1).id();
        }
        return pending;
    }

    /**
     * Takes over the pending portal sign-ups of the manager's area as volunteers (source PORTAL, the sign-up's
     * status, organisation, skills and availability). Repeating it creates no duplicates: a sign-up is taken
     * over once, and a sign-up whose phone a volunteer entered by staff already has is linked to that volunteer; a
     * volunteer taken over (or linked) before gets the details the sign-up has and the volunteer lacks (area,
     * organisation, skills, availability), never replacing one.
     * The sign-ups come through the portal's hand-over, page by page (all of them); the phone's ciphertext and hash
     * are copied as they are (same key, same field name), never decrypted.
     *
     * @return the number of volunteers created
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int takeOverSignups(CordonUser user) {
        return takeOver(user, null);
    }

    /**
     * Takes over only the chosen pending sign-ups (as {@link #takeOverSignups(CordonUser)} does all of them): one, or
     * several ticked on the page. Chosen ids that are not pending sign-ups of the manager's area (taken over already,
     * outside the area, unknown) are left alone.
     *
     * @throws ValidationFailedException no sign-up chosen, or more than 500
     * @return the number of volunteers created
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int takeOverSignups(CordonUser user, Collection<Long> signupIds) {
        Set<Long> chosen = signupIds == null ? Set.of() : signupIds.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        if (chosen.isEmpty()) {
            throw new ValidationFailedException("signupIds", "volunteer.validation.chooseSignups");
        }
        if (chosen.size() > 500) {
            throw new ValidationFailedException("signupIds", "duty.validation.tooMany", 500);
        }
        return takeOver(user, chosen);
    }

    private int takeOver(CordonUser user, Set<Long> only) {
        String prefix = MobilizationScope.of(user).prefix();
        Set<String> seenPhones = new HashSet<>();
        int created = 0;
        long after = 0;
        List<SignupHandover.Signup> signups;
        while (!(signups = signupHandover.signups(prefix, after, SIGNUP_PAGE)).isEmpty()) {
            Set<Long> taken = new HashSet<>();
            Map<String, Long> staffEntered = new HashMap<>();
            for (Known k : volunteers.known(signups)) {
                if (k.signupRef() == null) {
                    staffEntered.put(k.phoneHash(), k.id());
                } else {
                    taken.add(k.signupRef());
                }
            }
            List<TakenOver> inserts = new ArrayList<>();
            Map<Long, Long> links = new LinkedHashMap<>();
            for (SignupHandover.Signup sg : signups) {
                if (only != null && !only.contains(sg.id())) {
                    continue;
                }
                String phone = hex(sg.phoneHash());
                if (taken.contains(sg.id()) || !seenPhones.add(phone)) {
                    continue;
                }
                Long existing = staffEntered.get(phone);
                if (existing != null) {
                    links.put(sg.id(), existing);
                } else {
                    inserts.add(new TakenOver(sg, VolunteerState.takenOver(sg.status())));
                }
            }
            created += volunteers.insertTakenOver(inserts);
            volunteers.linkSignups(links);
            // a repeat sign-up may have filled in details later: the volunteer gets what they lack, nothing is replaced
            volunteers.fillEmptyFromSignups(only == null ? signups : signups.stream().filter(sg -> only.contains(sg.id())).toList());
            after = signups.get(signups.size() - 1).id();
        }
        return created;
    }

    // ================================================================== tasks

    /** The tasks the manager may see, newest date first. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<VolunteerTask> tasks(CordonUser user) {
        return volunteers.tasks(MobilizationScope.of(user));
    }

    /** One task with its assignments. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask task(CordonUser user, long id) {
        return visibleTask(MobilizationScope.of(user), id);
    }

    private VolunteerTask visibleTask(MobilizationScope scope, long id) {
        return scope.visible(volunteers.findTask(id), VolunteerTask::areaCode, "Task " + id);
    }

    /** Creates a task (e.g. 为环卫工人发放口罩 at a place on a date) needing a number of volunteers. */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask createTask(CordonUser user, TaskRequest r) {
        MobilizationScope scope = MobilizationScope.of(user);
        List<FieldProblem> problems = new ArrayList<>();
        String title = text(r.title(), "title", 100, true, problems);
        String place = text(r.place(), "place", 100, true, problems);
        String description = text(r.description(), "description", 1000, false, problems);
        String areaCode = optionalArea(problems, scope, r.areaCode());
        if (r.taskDate() == null) {
            problems.add(new FieldProblem("taskDate", "validation.required"));
        }
        if (r.peopleNeeded() == null) {
            problems.add(new FieldProblem("peopleNeeded", "validation.required"));
        } else if (r.peopleNeeded() < 1 || r.peopleNeeded() > 1000) {
            problems.add(new FieldProblem("peopleNeeded", "vol.validation.peopleNeeded", 1, 1000));
        }
        failIfAny(problems);
        long id = volunteers.insertTask(title, place, areaCode, r.taskDate(), r.peopleNeeded(), description, user.getUsername());
        return visibleTask(scope, id);
    }

    /**
     * Assigns a volunteer (not inactive) to a task that still needs people and publishes {@link VolunteerAssigned}.
     * Assigning someone already on the task changes nothing.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask assignVolunteer(CordonUser user, long taskId, Long volunteerId) {
        MobilizationScope scope = MobilizationScope.of(user);
        visibleTask(scope, taskId);
        if (volunteerId == null) {
            throw new ValidationFailedException("volunteerId", "validation.required");
        }
        VolunteerState volunteer;
        try {
            volunteer = VolunteerState.of(visibleVolunteer(scope, volunteerId));
        } catch (NotFoundException | AccessDeniedException e) {
            throw new ValidationFailedException("volunteerId", "vol.validation.unknown", volunteerId);
        }
        // lock the task, then read its crew afresh, so that two concurrent assignments cannot exceed the people needed
        volunteers.lockTask(taskId);
        VolunteerTask current = volunteers.findTask(taskId).orElseThrow();
        TaskCrew crew = TaskCrew.of(current);
        if (crew.assign(volunteer).equals(crew)) {
            return current;
        }
        volunteers.insertAssignment(taskId, volunteerId, user.getUsername());
        events.publishEvent(new VolunteerAssigned(taskId, volunteerId));
        return visibleTask(scope, taskId);
    }

    /** Takes a volunteer off a task. */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask removeVolunteer(CordonUser user, long taskId, long volunteerId) {
        MobilizationScope scope = MobilizationScope.of(user);
        VolunteerTask task = visibleTask(scope, taskId);
        TaskCrew crew = TaskCrew.of(task);
        if (crew.remove(volunteerId).equals(crew)) {
            return task;
        }
        volunteers.deleteAssignment(taskId, volunteerId);
        return visibleTask(scope, taskId);
    }

    /**
     * Records the hours a volunteer served on a task (0–24, one decimal).
     *
     * @throws ValidationFailedException invalid hours, or the volunteer is not on the task
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask recordHours(CordonUser user, long taskId, long volunteerId, BigDecimal hours) {
        MobilizationScope scope = MobilizationScope.of(user);
        TaskCrew.of(visibleTask(scope, taskId)).recordHours(volunteerId, hours);
        volunteers.storeHours(taskId, volunteerId, hours);
        return visibleTask(scope, taskId);
    }

    /** The area of a task or volunteer: in the manager's area; blank is city-wide, or a town coordinator's own area. */
    private String optionalArea(List<FieldProblem> problems, MobilizationScope scope, String value) {
        String code = blankToNull(value);
        if (code == null) {
            // a town coordinator's records must stay inside the town, or they would vanish from their lists
            return scope.all() ? null : scope.prefix();
        }
        if (areas.findArea(code).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", code));
        } else if (!scope.covers(code)) {
            problems.add(new FieldProblem("areaCode", "mob.validation.outsideArea", code));
        }
        return code;
    }
}
