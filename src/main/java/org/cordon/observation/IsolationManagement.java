package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.requireArea;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Disclosure;
import org.cordon.account.Permission;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.registry.RegistryManagement;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Isolations of suspected cases (opened by a SUSPECTED referral outcome, {@link ReferralManagement#recordOutcome}):
 * the list of the caller's area, checks during the isolation (medical staff and grid workers), and its outcome
 * (medical staff): released — the observation resumes for the rest of the period — or confirmed, a case with its
 * tracing task ({@link Isolation}, {@link ReferralChain}). People are shown masked; the full view is an audited reveal.
 */
@Service
@Transactional(readOnly = true)
public class IsolationManagement {

    private final IsolationRepository repository;
    private final ReferralChain chain;
    private final ObservationViews views;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final PersonalDataManagement personalData;
    private final ApplicationEventPublisher events;

    IsolationManagement(IsolationRepository repository, ReferralChain chain, ObservationViews views, ObservationCalendar calendar,
                        RegistryManagement registry, PersonalDataManagement personalData, ApplicationEventPublisher events) {
        this.repository = repository;
        this.chain = chain;
        this.views = views;
        this.calendar = calendar;
        this.registry = registry;
        this.personalData = personalData;
        this.events = events;
    }

    /** Isolations in the user's area: open ones (or all, when {@code includeClosed}), open first. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<IsolationView> isolations(CordonUser user, boolean includeClosed) {
        String area = requireArea(user);
        return views.isolations(repository.isolations(area, includeClosed ? EnumSet.allOf(IsolationStatus.class)
                : EnumSet.of(IsolationStatus.ISOLATED), 500), false);
    }

    /**
     * One isolation with its checks; {@code full} reveals the person as far as the caller's role allows (an audited
     * {@code VIEW_FULL} entry on the isolation; other roles get {@link AccessDeniedException}).
     *
     * @throws NotFoundException     no such isolation
     * @throws AccessDeniedException outside the user's area
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public IsolationView isolation(CordonUser user, long id, boolean full) {
        if (full && !personalData.mayReveal(user) && !personalData.mayRevealContact(user)) {
            throw new AccessDeniedException("Role " + user.role() + " does not reveal personal data");
        }
        IsolationRepository.StoredIsolation i = visible(user, id);
        IsolationView view = views.isolations(List.of(i), true).get(0);
        if (!full) {
            return view;
        }
        Disclosure shown = personalData.reveal(user, PersonalDataManagement.Record.inArea("isolation", id, i.areaCode()));
        return views.withPerson(view, registry.person(user, i.personId(), shown));
    }

    /**
     * Records a check during an open isolation (medical staff, grid workers): a day from the isolation's start up to
     * today, one per slot. An abnormal value is recorded like any other (the person is isolated already).
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public IsolationView recordCheck(CordonUser user, long id, CheckRequest request) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Checks are recorded by medical staff and grid workers");
        }
        IsolationRepository.StoredIsolation i = visible(user, id);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = calendar.today();
        LocalDate day = request.date() == null ? today : request.date();
        i.lifecycle().requireCheckable(day, today, problems);
        CheckEntry check = CheckEntry.parse(request, day, calendar.currentSlot(), problems);
        FieldChecks.failIfAny(problems);
        if (!repository.insertCheck(id, day, check.slot(), check.temperature().celsius(), check.symptoms(), check.note(),
                user.getUsername())) {
            throw new ValidationFailedException("slot", "validation.check.alreadyRecorded");
        }
        return isolation(user, id, false);
    }

    /**
     * The isolation's outcome (medical staff): RELEASED — the suspicion is excluded, and a person from a risk area or
     * a contact is observed again until the end of their period — or CONFIRMED, a case with its tracing task. Once.
     * Publishes {@link IsolationEnded} (and {@link ObservationStarted}, {@link CaseConfirmed}).
     */
    @Transactional
    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    public IsolationView recordOutcome(CordonUser user, long id, IsolationOutcomeRequest request) {
        if (!RolePermissions.may(user, Permission.REFERRAL_OUTCOME)) {
            throw new AccessDeniedException("Isolation outcomes are recorded by medical staff");
        }
        visible(user, id);
        repository.lock(id);
        IsolationRepository.StoredIsolation i = repository.find(id).orElseThrow();
        LocalDate today = calendar.today();
        Isolation closed = i.lifecycle().close(request.outcome(), today);
        List<FieldProblem> problems = new ArrayList<>();
        String note = FieldChecks.optional(request.note(), "note", 500, problems);
        FieldChecks.failIfAny(problems);
        repository.close(closed, user.getUsername(), note);
        events.publishEvent(new IsolationEnded(id, i.personId(), i.areaCode(), closed.status(), today));
        if (closed.status() == IsolationStatus.CONFIRMED) {
            chain.confirm(i.personId(), i.referralId(), id, i.areaCode(), user.getUsername());
        } else {
            chain.afterIsolationReleased(i);
        }
        return isolation(user, id, false);
    }

    private IsolationRepository.StoredIsolation visible(CordonUser user, long id) {
        requireArea(user);
        IsolationRepository.StoredIsolation i = repository.find(id).orElseThrow(() -> new NotFoundException("Isolation " + id));
        if (!AreaScope.of(user).covers(i.areaCode())) {
            throw new AccessDeniedException("Isolation " + id + " is outside the jurisdiction of " + user.getUsername());
        }
        return i;
    }
}
