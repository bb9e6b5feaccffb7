package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.blankToNull;
import static org.cordon.observation.ObservationAccess.requireArea;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.SystemOperation;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeStatus;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals to fever clinics: from a checkpoint (fever at screening) or from an abnormal check (opened by
 * {@link EpisodeManagement#recordCheck}), the referral list of the caller's area, and the clinic's outcome, which
 * decides the episode ({@link Referral}, {@link Episode#afterOutcome}).
 */
@Service
@Transactional(readOnly = true)
public class ReferralManagement {

    private final ReferralRepository repository;
    private final EpisodeRepository episodes;
    private final ObservationViews views;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final ApplicationEventPublisher events;

    ReferralManagement(ReferralRepository repository, EpisodeRepository episodes, ObservationViews views, ObservationCalendar calendar,
                       RegistryManagement registry, ApplicationEventPublisher events) {
        this.repository = repository;
        this.episodes = episodes;
        this.views = views;
        this.calendar = calendar;
        this.registry = registry;
        this.events = events;
    }

    /** Referrals in the user's area (open first). */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<ReferralView> referrals(CordonUser user, boolean includeClosed) {
        return views.referrals(repository.referrals(requireArea(user), includeClosed, 500));
    }

    /** A referral from a checkpoint (fever at screening): the person is registered and the referral listed. */
    @Transactional
    @SystemOperation
    public long referFromCheckpoint(PersonData person, String areaCode, Instant raisedAt, BigDecimal temperature, String sourceRef) {
        long personId = registry.registerPerson(person);
        Optional<Long> id = repository.insertReferral(personId, episodes.openEpisodeOf(personId).orElse(null), "CHECKPOINT",
                sourceRef, areaCode, raisedAt, temperature, List.of());
        return id.orElse(-1L);
    }

    /**
     * Records a fever clinic's outcome (medical staff): excluded → observation continues; suspected →
     * isolation; confirmed → case. Publishes {@link ReferralOutcomeRecorded} (and {@link ObservationEnded}
     * when the episode ends).
     */
    @Transactional
    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    public ReferralView recordOutcome(CordonUser user, long referralId, String outcome, String clinic, String note) {
        if (!RolePermissions.may(user, Permission.REFERRAL_OUTCOME)) {
            throw new AccessDeniedException("Referral outcomes are recorded by medical staff");
        }
        ReferralRepository.StoredReferral r = repository.findReferral(referralId)
                .orElseThrow(() -> new NotFoundException("Referral " + referralId));
        requireArea(user);
        if (!AreaScope.of(user).covers(r.areaCode())) {
            throw new AccessDeniedException("Referral " + referralId + " is outside the jurisdiction");
        }
        ReferralOutcome result = r.lifecycle().close(outcome).outcome();
        if (repository.setOutcome(referralId, result, blankToNull(clinic), blankToNull(note), user.getUsername()) == 0) {
            // recorded meanwhile by someone else
            throw new ValidationFailedException("outcome", "validation.referral.closed");
        }
        if (r.episodeId() != null) {
            EpisodeRepository.StoredEpisode e = episodes.findEpisode(r.episodeId()).orElseThrow();
            Episode episode = e.lifecycle();
            Episode after = episode.afterOutcome(result, calendar.today());
            if (!after.equals(episode)) {
                episodes.updateStatus(after);
            }
            if (result == ReferralOutcome.EXCLUDED) {
                if (e.returneeId() != null) {
                    registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.UNDER_OBSERVATION);
                }
            } else {
                events.publishEvent(new ObservationEnded(e.id(), e.personId(), e.areaCode(), after.status(), after.endedOn()));
            }
        }
        events.publishEvent(new ReferralOutcomeRecorded(referralId, r.personId(), r.episodeId(), r.areaCode(), result));
        return views.referrals(List.of(repository.findReferral(referralId).orElseThrow())).get(0);
    }

    /** When a referral's outcome was recorded (the dashboard counts it on that day); empty before. */
    @SystemOperation
    public Optional<Instant> referralOutcomeAt(long referralId) {
        return repository.referralOutcomeAt(referralId);
    }
}
