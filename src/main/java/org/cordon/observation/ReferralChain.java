package org.cordon.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.cordon.account.AccountManagement;
import org.cordon.checkpoint.OccupantDetails;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeSource;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.TransportMode;
import org.cordon.shared.IdNumber;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Where a person goes after a referral's outcome, so that nobody leaves follow-up (the referral chain):
 * <ul>
 *   <li>excluded → the observation continues; a risk arrival (or case contact) referred at a checkpoint before any
 *       observation is registered as a returnee and observed 14 days from the arrival on the destination's grid
 *       worker's list — one episode per person and arrival, however often this runs;</li>
 *   <li>suspected → an isolation at a designated isolation site with a free bed (one open isolation per person);</li>
 *   <li>confirmed → a case (one per person) whose tracing task lists the people of the same checkpoint passages;
 *       an open isolation ends confirmed;</li>
 *   <li>released from isolation → observation resumes until the end of the period the person was in.</li>
 * </ul>
 * Runs inside the caller's transaction: a refusal (no site, a full site) leaves nothing changed.
 */
@Component
class ReferralChain {

    private final EpisodeRepository episodes;
    private final EpisodeManagement episodeManagement;
    private final ReferralRepository referrals;
    private final IsolationRepository isolations;
    private final CaseRepository cases;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final AccountManagement accounts;
    private final ScreenedOccupants occupants;
    private final ApplicationEventPublisher events;

    ReferralChain(EpisodeRepository episodes, EpisodeManagement episodeManagement, ReferralRepository referrals,
                  IsolationRepository isolations, CaseRepository cases, ObservationCalendar calendar, RegistryManagement registry,
                  AccountManagement accounts, ScreenedOccupants occupants, ApplicationEventPublisher events) {
        this.episodes = episodes;
        this.episodeManagement = episodeManagement;
        this.referrals = referrals;
        this.isolations = isolations;
        this.cases = cases;
        this.calendar = calendar;
        this.registry = registry;
        this.accounts = accounts;
        this.occupants = occupants;
        this.events = events;
    }

    // ------------------------------------------------------------------ excluded

    /**
     * Excluded: the episode of the referral continues; without one, the person's open episode does; without that, a
     * risk arrival referred at a checkpoint starts the observation they would have had without the fever ({@code kind}
     * HOME or CENTRALISED at {@code siteId}). Anyone else needs no follow-up ({@code NONE}), and so does a risk
     * arrival whose 14 days are over already.
     */
    FollowUp afterExcluded(ReferralRepository.StoredReferral r, EpisodeKind kind, Long siteId) {
        if (r.episodeId() != null) {
            EpisodeRepository.StoredEpisode e = episodes.findEpisode(r.episodeId()).orElseThrow();
            if (!e.status().open()) {
                // ended meanwhile by another referral of it: the person is where that one sent them
                Optional<CaseRepository.StoredCase> c = cases.ofPerson(r.personId());
                if (c.isPresent()) {
                    return new FollowUp(FollowUp.Kind.CASE, c.get().id(), null, null);
                }
                Optional<IsolationRepository.StoredIsolation> i = isolations.openOf(r.personId());
                if (i.isPresent()) {
                    return isolation(i.get().id());
                }
            }
            return observation(r.episodeId());
        }
        Optional<Long> open = episodes.openEpisodeOf(r.personId());
        if (open.isPresent()) {
            return observation(open.get());
        }
        if (!r.riskArrival() || r.occupantId() == null) {
            return new FollowUp(FollowUp.Kind.NONE, null, null, null);
        }
        OccupantDetails o = occupants.details(r.occupantId()).orElseThrow();
        LocalDate arrived = r.arrivedOn() != null ? r.arrivedOn() : o.recordedAt().atZone(calendar.zone()).toLocalDate();
        LocalDate end = arrived.plusDays(calendar.days());
        if (!end.isAfter(calendar.today())) {
            return new FollowUp(FollowUp.Kind.NONE, null, null, null);
        }
        long returnee = returneeOf(r, o, arrived);
        long episode = episodeManagement.startEpisode(r.personId(), returnee, kind, kind == EpisodeKind.CENTRALISED ? siteId : null,
                r.areaCode(), EpisodeReason.RISK_ARRIVAL, arrived, accounts.gridWorkerFor(r.areaCode()).orElse(null),
                "returnee:" + returnee);
        return observation(episode);
    }

    /**
     * The returnee record of a checkpoint arrival — the one the registry keeps for this occupant (as for a risk arrival
     * without fever), so that the episode's source {@code returnee:<id>} is the same whoever starts it first.
     */
    private long returneeOf(ReferralRepository.StoredReferral r, OccupantDetails o, LocalDate arrived) {
        PersonData person = new PersonData(new IdNumber(o.idType(), o.idNumber()), "", o.name(),
                o.phone() == null ? null : PhoneNumber.parse(o.phone()), null, null);
        return registry.registerReturneeFrom(ReturneeSource.CHECKPOINT, "occupant:" + o.occupantId(), person, o.originAreaCode(),
                arrived, o.plateNumber() == null ? TransportMode.OTHER : TransportMode.SELF_DRIVE, o.plateNumber(), r.areaCode(),
                null, ReturneeStatus.REGISTERED, "referral " + r.id());
    }

    private FollowUp observation(long episodeId) {
        EpisodeRepository.StoredEpisode e = episodes.findEpisode(episodeId).orElseThrow();
        return new FollowUp(FollowUp.Kind.OBSERVATION, episodeId, e.status().name(), e.siteName());
    }

    // ------------------------------------------------------------------ suspected

    /**
     * Suspected: the person is isolated at {@code siteId}, an active isolation site with a free bed (locked while
     * counting, so two outcomes cannot take its last bed). A person isolated already stays where they are. Publishes
     * {@link IsolationStarted}.
     *
     * @throws ValidationFailedException {@code siteId}: missing, unknown, not an isolation site, or full
     */
    FollowUp isolate(ReferralRepository.StoredReferral r, Long siteId, String by) {
        Optional<IsolationRepository.StoredIsolation> open = isolations.openOf(r.personId());
        if (open.isPresent()) {
            return isolation(open.get().id());
        }
        QuarantineSite site = isolationSite(siteId);
        LocalDate today = calendar.today();
        long id = isolations.insert(r.personId(), r.id(), r.episodeId(), site.id(), r.areaCode(), today, by)
                .orElseThrow(() -> new ValidationFailedException("outcome", "validation.referral.closed"));
        endOpenEpisodes(r.personId(), ReferralOutcome.SUSPECTED);
        events.publishEvent(new IsolationStarted(id, r.personId(), r.areaCode(), site.id(), today));
        return isolation(id);
    }

    /** Checks an isolation site for a placement without taking the bed yet. */
    QuarantineSite isolationSite(Long siteId) {
        if (siteId == null) {
            throw new ValidationFailedException("siteId", "validation.isolation.siteRequired");
        }
        QuarantineSite site = episodes.lockSite(siteId).orElseThrow(() -> new ValidationFailedException("siteId", "validation.site.unknown"));
        site.requireRoom(SitePurpose.ISOLATION);
        return site;
    }

    private FollowUp isolation(long id) {
        IsolationRepository.StoredIsolation i = isolations.find(id).orElseThrow();
        return new FollowUp(FollowUp.Kind.ISOLATION, id, i.status().name(), i.siteName());
    }

    // ------------------------------------------------------------------ confirmed

    /**
     * Confirmed: the person becomes a case (once: a second confirmation answers the first case), an open isolation of
     * theirs ends confirmed, any open episode ends too, and the tracing task lists the people who passed a checkpoint
     * with them in the observation period before. Publishes {@link CaseConfirmed} (and {@link IsolationEnded}).
     */
    FollowUp confirm(long personId, Long referralId, Long isolationId, String areaCode, String by) {
        Optional<CaseRepository.StoredCase> existing = cases.ofPerson(personId);
        if (existing.isPresent()) {
            return new FollowUp(FollowUp.Kind.CASE, existing.get().id(), null, null);
        }
        LocalDate today = calendar.today();
        Long isolation = isolationId;
        if (isolation == null) {
            Optional<IsolationRepository.StoredIsolation> open = isolations.openOf(personId);
            if (open.isPresent()) {
                isolations.lock(open.get().id());
                Isolation closed = open.get().lifecycle().close(IsolationStatus.CONFIRMED.name(), today);
                isolations.close(closed, by, null);
                events.publishEvent(new IsolationEnded(closed.id(), personId, open.get().areaCode(), IsolationStatus.CONFIRMED, today));
                isolation = closed.id();
            }
        }
        Optional<Long> inserted = cases.insert(personId, referralId, isolation, areaCode, today, by);
        if (inserted.isEmpty()) {
            return new FollowUp(FollowUp.Kind.CASE, cases.ofPerson(personId).orElseThrow().id(), null, null);
        }
        long caseId = inserted.get();
        endOpenEpisodes(personId, ReferralOutcome.CONFIRMED);
        findTravellers(caseId, personId, today);
        events.publishEvent(new CaseConfirmed(caseId, personId, areaCode, today));
        return new FollowUp(FollowUp.Kind.CASE, caseId, null, null);
    }

    /**
     * Adds to the case's tracing task everyone who shared a checkpoint passage with the person since the start of
     * the observation period before {@code asOf} (through the checkpoint module's API; passages registered later,
     * e.g. from a device that was offline, are added when the search runs again). Answers how many were new.
     */
    int findTravellers(long caseId, long personId, LocalDate asOf) {
        Optional<IdNumber> id = registry.identityOf(personId);
        if (id.isEmpty()) {
            return 0;
        }
        java.time.ZoneId zone = calendar.zone();
        Instant since = asOf.minusDays(calendar.days()).atStartOfDay(zone).toInstant();
        int added = 0;
        for (OccupantDetails o : occupants.travelledWith(id.get(), since)) {
            if (cases.addTraveller(caseId, o.occupantId(), o.passageId(), o.recordedAt().atZone(zone).toLocalDate())) {
                added++;
            }
        }
        return added;
    }

    // ------------------------------------------------------------------ released from isolation

    /**
     * Released from isolation: the person came from a risk area or was a contact (the observation the isolation ended,
     * or a risk arrival referred at a checkpoint) — observation resumes from today until the end of that period, on
     * the area's grid worker's list. Nothing when the period is over or another episode is open.
     */
    FollowUp afterIsolationReleased(IsolationRepository.StoredIsolation i) {
        LocalDate today = calendar.today();
        Optional<Long> open = episodes.openEpisodeOf(i.personId());
        if (open.isPresent()) {
            return observation(open.get());
        }
        ReferralRepository.StoredReferral r = referrals.findReferral(i.referralId()).orElseThrow();
        Long returnee = null;
        EpisodeReason reason;
        LocalDate end;
        String area = i.areaCode();
        String sourceRef = "isolation:" + i.id();
        if (i.episodeId() != null) {
            EpisodeRepository.StoredEpisode e = episodes.findEpisode(i.episodeId()).orElseThrow();
            returnee = e.returneeId();
            reason = e.reason();
            end = e.plannedEnd();
            area = e.areaCode();
        } else if (r.riskArrival() && r.occupantId() != null) {
            OccupantDetails o = occupants.details(r.occupantId()).orElseThrow();
            LocalDate arrived = r.arrivedOn() != null ? r.arrivedOn() : o.recordedAt().atZone(calendar.zone()).toLocalDate();
            end = arrived.plusDays(calendar.days());
            reason = EpisodeReason.RISK_ARRIVAL;
            if (end.isAfter(today)) {
                returnee = returneeOf(r, o, arrived);
                // the returnee's own observation (its hand-over event would start it otherwise): one per person and arrival
                sourceRef = "returnee:" + returnee;
            }
        } else {
            return new FollowUp(FollowUp.Kind.NONE, null, null, null);
        }
        if (!end.isAfter(today)) {
            return new FollowUp(FollowUp.Kind.NONE, null, null, null);
        }
        long episode = episodeManagement.startEpisode(i.personId(), returnee, EpisodeKind.HOME, null, area, reason, today, end,
                accounts.gridWorkerFor(area).orElse(null), sourceRef);
        isolations.setFollowUpEpisode(i.id(), episode);
        return observation(episode);
    }

    // ------------------------------------------------------------------ helpers

    /** Ends every open episode of the person as a suspected or confirmed outcome ends it (isolated, confirmed). */
    void endOpenEpisodes(long personId, ReferralOutcome outcome) {
        for (Long id : episodes.openEpisodesOf(personId)) {
            episodes.lockEpisode(id);
            EpisodeRepository.StoredEpisode e = episodes.findEpisode(id).orElseThrow();
            Episode before = e.lifecycle();
            // not a referral of this episode: nothing of its own referrals is closed
            Episode after = new Episode(before.id(), before.status(), before.startDate(), before.plannedEnd(), before.endedOn(),
                    before.missedChecks(), before.openReferrals() + 1).afterOutcome(outcome, calendar.today());
            if (after.endedFrom(before)) {
                episodes.updateStatus(after);
                if (e.returneeId() != null) {
                    registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.REFERRED);
                }
                events.publishEvent(new ObservationEnded(e.id(), e.personId(), e.areaCode(), after.status(), after.endedOn()));
            }
        }
    }
}
