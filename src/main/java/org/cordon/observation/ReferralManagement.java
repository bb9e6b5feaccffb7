package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.requireArea;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.SystemOperation;
import org.cordon.checkpoint.Symptom;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeStatus;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals to fever clinics: from a checkpoint (fever at screening) or from an abnormal check (opened by
 * {@link EpisodeManagement#recordCheck}), the referral list of the caller's area, and the clinic's outcome, which
 * decides the episode ({@link Referral}, {@link Episode#afterOutcome}) and where the person goes next
 * ({@link FollowUp}): observation, isolation or a case.
 */
@Service
@Transactional(readOnly = true)
public class ReferralManagement {

    private final ReferralRepository repository;
    private final EpisodeRepository episodes;
    private final ReferralChain chain;
    private final ObservationViews views;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final ApplicationEventPublisher events;

    ReferralManagement(ReferralRepository repository, EpisodeRepository episodes, ReferralChain chain, ObservationViews views,
                       ObservationCalendar calendar, RegistryManagement registry, ApplicationEventPublisher events) {
        this.repository = repository;
        this.episodes = episodes;
        this.chain = chain;
        this.views = views;
        this.calendar = calendar;
        this.registry = registry;
        this.events = events;
    }

    /** Referrals in the user's area (open first), each with where the person went after its outcome. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<ReferralView> referrals(CordonUser user, boolean includeClosed) {
        return views.referrals(repository.referrals(requireArea(user), includeClosed, 500));
    }

    /**
     * One referral in the user's area.
     *
     * @throws NotFoundException     no such referral
     * @throws AccessDeniedException outside the user's area
     */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public ReferralView referral(CordonUser user, long referralId) {
        return views.referrals(List.of(visibleReferral(user, referralId))).get(0);
    }

    /**
     * A referral from a checkpoint (fever at screening): the person is registered and the referral listed, with what
     * the checkpoint knew of the arrival (a risk arrival is observed after an exclusion). An open episode of the person
     * is referred with it. Idempotent on {@code sourceRef}; answers the referral id (-1 when it existed already).
     *
     * @param occupantId  the checkpoint's occupant (its full data is read again through the checkpoint's hand-over)
     * @param riskArrival the occupant enters from a risk area or had contact with a case
     */
    @Transactional
    @SystemOperation
    public long referFromCheckpoint(PersonData person, String areaCode, Instant raisedAt, BigDecimal temperature, String sourceRef,
                                    Long occupantId, boolean riskArrival, String originCode) {
        long personId = registry.registerPerson(person);
        return refer(personId, "CHECKPOINT", areaCode, raisedAt, temperature, List.of(), sourceRef, occupantId, riskArrival, originCode);
    }

    /**
     * A referral from the person's own health declaration (symptoms declared on the portal): listed for the clinics
     * of the declared place like any other; an open episode of the person is referred with it. Idempotent on
     * {@code sourceRef}; answers the referral id (-1 when it existed already). Publishes {@link ReferralRaised}.
     */
    @Transactional
    @SystemOperation
    public long referFromDeclaration(long personId, String areaCode, Instant raisedAt, Collection<Symptom> symptoms, String sourceRef) {
        return refer(personId, "DECLARATION", areaCode, raisedAt, null, symptoms, sourceRef, null, false, null);
    }

    private long refer(long personId, String source, String areaCode, Instant raisedAt, BigDecimal temperature,
                       Collection<Symptom> symptoms, String sourceRef, Long occupantId, boolean riskArrival, String originCode) {
        Optional<Long> episodeId = episodes.openEpisodeOf(personId);
        episodeId.ifPresent(episodes::lockEpisode);
        Optional<Long> id = repository.insertReferral(personId, episodeId.orElse(null), source, sourceRef, areaCode, raisedAt,
                temperature, symptoms, occupantId, riskArrival, originCode, raisedAt.atZone(calendar.zone()).toLocalDate());
        if (id.isPresent() && episodeId.isPresent()) {
            EpisodeRepository.StoredEpisode e = episodes.findEpisode(episodeId.get()).orElseThrow();
            // the stored count includes the new referral; the transition counts it once more
            Episode before = e.lifecycle();
            Episode referred = new Episode(before.id(), before.status(), before.startDate(), before.plannedEnd(), before.endedOn(),
                    before.missedChecks(), before.openReferrals() - 1).referred();
            if (referred.changedFrom(before)) {
                episodes.updateStatus(referred);
            }
            if (e.returneeId() != null) {
                registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.REFERRED);
            }
        }
        id.ifPresent(referral -> events.publishEvent(new ReferralRaised(referral, personId, areaCode)));
        return id.orElse(-1L);
    }

    /**
     * Records a fever clinic's outcome (medical staff) and sends the person on ({@link ReferralChain}):
     * <ul>
     *   <li>EXCLUDED → the observation continues; a risk arrival referred at a checkpoint before observation starts it
     *       ({@code kind} HOME, or CENTRALISED at {@code siteId}); anyone else needs no follow-up;</li>
     *   <li>SUSPECTED → isolation at {@code siteId}, an isolation site with a free bed (required);</li>
     *   <li>CONFIRMED → a case with its contact-tracing task.</li>
     * </ul>
     * An episode that ended already is left as it is. Publishes {@link ReferralOutcomeRecorded} (and
     * {@link ObservationEnded} when an open episode ends, {@link IsolationStarted}, {@link CaseConfirmed}).
     * All or nothing: a refused request ({@link ValidationFailedException}) changes nothing.
     */
    @Transactional
    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    public ReferralView recordOutcome(CordonUser user, long referralId, ReferralOutcomeRequest request) {
        if (!RolePermissions.may(user, Permission.REFERRAL_OUTCOME)) {
            throw new AccessDeniedException("Referral outcomes are recorded by medical staff");
        }
        ReferralRepository.StoredReferral r = visibleReferral(user, referralId);
        ReferralOutcome result = r.lifecycle().close(request.outcome()).outcome();
        List<FieldProblem> problems = new ArrayList<>();
        String clinic = FieldChecks.optional(request.clinic(), "clinic", 100, problems);
        String note = FieldChecks.optional(request.note(), "note", 500, problems);
        EpisodeKind kind = FieldChecks.enumValue(request.kind(), "kind", EpisodeKind.class, EpisodeKind.HOME, problems);
        FieldChecks.failIfAny(problems);

        Episode before = null;
        EpisodeRepository.StoredEpisode e = null;
        if (r.episodeId() != null) {
            episodes.lockEpisode(r.episodeId());
            e = episodes.findEpisode(r.episodeId()).orElseThrow();
            before = e.lifecycle();
        }
        if (repository.setOutcome(referralId, result, clinic, note, user.getUsername()) == 0) {
            // recorded meanwhile by someone else
            throw new ValidationFailedException("outcome", "validation.referral.closed");
        }
        if (before != null) {
            Episode after = before.afterOutcome(result, calendar.today());
            if (after.changedFrom(before)) {
                episodes.updateStatus(after);
            }
            if (after.endedFrom(before)) {
                events.publishEvent(new ObservationEnded(e.id(), e.personId(), e.areaCode(), after.status(), after.endedOn()));
            } else if (after.status() == EpisodeStatus.ACTIVE && e.returneeId() != null) {
                registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.UNDER_OBSERVATION);
            }
        }
        FollowUp next = switch (result) {
            case EXCLUDED -> chain.afterExcluded(r, kind, request.siteId());
            case SUSPECTED -> chain.isolate(r, request.siteId(), user.getUsername());
            case CONFIRMED -> chain.confirm(r.personId(), r.id(), null, r.areaCode(), user.getUsername());
        };
        repository.setFollowUp(referralId, next.kind(), next.id());
        events.publishEvent(new ReferralOutcomeRecorded(referralId, r.personId(), r.episodeId(), r.areaCode(), result));
        return views.referrals(List.of(repository.findReferral(referralId).orElseThrow())).get(0);
    }

    /** When a referral's outcome was recorded (the dashboard counts it on that day); empty before. */
    @SystemOperation
    public Optional<Instant> referralOutcomeAt(long referralId) {
        return repository.referralOutcomeAt(referralId);
    }

    private ReferralRepository.StoredReferral visibleReferral(CordonUser user, long referralId) {
        requireArea(user);
        ReferralRepository.StoredReferral r = repository.findReferral(referralId)
                .orElseThrow(() -> new NotFoundException("Referral " + referralId));
        if (!AreaScope.of(user).covers(r.areaCode())) {
            throw new AccessDeniedException("Referral " + referralId + " is outside the jurisdiction");
        }
        return r;
    }
}
