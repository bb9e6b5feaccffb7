package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.requireArea;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Disclosure;
import org.cordon.account.Permission;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.SystemOperation;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.registry.PersonSummary;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReportedIdentity;
import org.cordon.registry.ReturneeStatus;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Observation episodes and their twice-daily checks: starting an episode, the work list, recording checks (an
 * abnormal one opens a referral), flagging missed checks, release and the printed release notice. The
 * transitions are the {@link Episode}'s. Every method taking a user enforces the jurisdiction: a grid worker sees
 * their village (or compound) subtree, town staff their town, medical staff their area, the commander the city.
 * People are shown masked; the full view and the printed release notice are audited reveals.
 */
@Service
@Transactional(readOnly = true)
public class EpisodeManagement {

    private static final Set<EpisodeStatus> OPEN = EnumSet.of(EpisodeStatus.ACTIVE, EpisodeStatus.REFERRED);

    private final EpisodeRepository repository;
    private final ReferralRepository referrals;
    private final ObservationViews views;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final CheckpointManagement checkpoints;
    private final PersonalDataManagement personalData;
    private final ApplicationEventPublisher events;

    EpisodeManagement(EpisodeRepository repository, ReferralRepository referrals, ObservationViews views, ObservationCalendar calendar,
                      RegistryManagement registry, AreaManagement areas, CheckpointManagement checkpoints,
                      PersonalDataManagement personalData, ApplicationEventPublisher events) {
        this.repository = repository;
        this.referrals = referrals;
        this.views = views;
        this.calendar = calendar;
        this.registry = registry;
        this.areas = areas;
        this.checkpoints = checkpoints;
        this.personalData = personalData;
        this.events = events;
    }

    // ------------------------------------------------------------------ starting

    /**
     * Starts an episode (idempotent on {@code sourceRef}); planned end = start + the configured days.
     * Publishes {@link ObservationStarted}. Returns the episode id. One arrival, one open episode: for a returnee record
     * that has an open episode that one is returned, also when two calls race (index
     * {@code episode_one_open_per_returnee}).
     */
    @Transactional
    @SystemOperation
    public long startEpisode(long personId, Long returneeId, EpisodeKind kind, Long siteId, String areaCode, EpisodeReason reason,
                             LocalDate start, String responsible, String sourceRef) {
        return startEpisode(personId, returneeId, kind, siteId, areaCode, reason, start, start.plusDays(calendar.days()), responsible,
                sourceRef);
    }

    /** {@link #startEpisode} with its own planned end (observation resumed for the rest of a period). */
    @Transactional
    long startEpisode(long personId, Long returneeId, EpisodeKind kind, Long siteId, String areaCode, EpisodeReason reason,
                      LocalDate start, LocalDate end, String responsible, String sourceRef) {
        Optional<Long> existing = repository.episodeIdBySource(sourceRef);
        if (existing.isEmpty() && returneeId != null) {
            existing = repository.episodeOfReturnee(returneeId, null);
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        if (kind == EpisodeKind.CENTRALISED) {
            placeAt(siteId);
        }
        Optional<Long> id = repository.insertEpisode(personId, returneeId, kind, siteId, areaCode, reason, start, end, responsible, sourceRef);
        if (id.isEmpty()) {
            // a concurrent start: of the same source, or of the same returnee record
            return repository.episodeIdBySource(sourceRef)
                    .or(() -> returneeId == null ? Optional.empty() : repository.episodeOfReturnee(returneeId, null))
                    .orElseThrow();
        }
        registry.followedUpIn(personId, areaCode);
        if (returneeId != null) {
            registry.updateReturneeStatus(returneeId, ReturneeStatus.UNDER_OBSERVATION);
        }
        events.publishEvent(new ObservationStarted(id.get(), personId, areaCode, kind, reason, start, end));
        return id.get();
    }

    /** Where the person stands in follow-up now (the health code's facts). */
    @SystemOperation
    public FollowUpStatus followUpStatus(long personId) {
        return repository.followUpStatus(personId);
    }

    /**
     * Observes a close contact exposed on {@code exposure}: a person already under observation (an open episode of
     * any reason) keeps that one episode, its planned end moved to a full period after the exposure when that is
     * later; anyone else gets a new episode ({@link #startEpisode}). Returns the episode id.
     */
    @Transactional
    long observeContact(long personId, EpisodeKind kind, Long siteId, String areaCode, LocalDate exposure, String responsible,
                        String sourceRef) {
        Optional<Long> bySource = repository.episodeIdBySource(sourceRef);
        if (bySource.isPresent()) {
            return bySource.get();
        }
        Optional<Long> open = repository.openEpisodeOf(personId);
        if (open.isPresent()) {
            repository.extendPlannedEnd(open.get(), exposure.plusDays(calendar.days()));
            return open.get();
        }
        return startEpisode(personId, null, kind, siteId, areaCode, EpisodeReason.CLOSE_CONTACT, exposure, responsible, sourceRef);
    }

    private void placeAt(Long siteId) {
        if (siteId == null) {
            throw new ValidationFailedException("siteId", "validation.site.required");
        }
        repository.lockSite(siteId).orElseThrow(() -> new ValidationFailedException("siteId", "validation.site.unknown"))
                .requireRoom(SitePurpose.OBSERVATION);
    }

    /** The designated sites (centralised observation and isolation) with capacity and occupancy. */
    @SystemOperation
    public List<QuarantineSite> sites() {
        return repository.sites();
    }

    // ------------------------------------------------------------------ reading

    /** One episode with its checks (person masked). */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public EpisodeView episode(CordonUser user, long id) {
        return episode(user, id, false);
    }

    /**
     * One episode with its checks and its open identity difference (see {@link ReportedIdentity}).
     * {@code full} reveals the person as far as the caller's role allows (grid workers and town staff:
     * name and phone, to call them; reveal roles: everything) through the audited reveal
     * ({@link PersonalDataManagement#reveal}) — a {@code VIEW_FULL} entry on the episode; other roles get
     * {@link AccessDeniedException}.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public EpisodeView episode(CordonUser user, long id, boolean full) {
        EpisodeRepository.StoredEpisode e = visibleEpisode(user, id);
        EpisodeView view = views.episodes(List.of(e), true).get(0);
        Disclosure shown = full ? revealed(user, e) : Disclosure.masked();
        PersonSummary person = full ? registry.person(user, e.personId(), shown) : view.person();
        // a close-contact registration of a person already observed reports on the episode, the returnee record on itself
        ReportedIdentity reported = registry.reportedIdentity(user, ReportedIdentity.RecordType.EPISODE, id, shown)
                .or(() -> e.returneeId() == null ? Optional.empty()
                        : registry.reportedIdentity(user, ReportedIdentity.RecordType.RETURNEE, e.returneeId(), shown))
                .orElse(null);
        return view.with(person, reported);
    }

    /**
     * Confirms the identity values reported for the person of this episode (by the returnee record or
     * the close-contact registration behind it): {@code accept} adopts them into the person (audited),
     * otherwise the registered ones stay. Returns the episode afterwards.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public EpisodeView confirmIdentity(CordonUser user, long episodeId, Boolean accept) {
        EpisodeRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        if (accept == null) {
            throw new ValidationFailedException("accept", "validation.required");
        }
        boolean onEpisode = registry.reportedIdentity(user, ReportedIdentity.RecordType.EPISODE, episodeId, Disclosure.masked()).isPresent();
        if (e.returneeId() != null && !onEpisode) {
            registry.confirmReportedIdentity(user, ReportedIdentity.RecordType.RETURNEE, e.returneeId(), accept);
        } else {
            registry.confirmReportedIdentity(user, ReportedIdentity.RecordType.EPISODE, episodeId, accept);
        }
        return episode(user, episodeId, false);
    }

    /** Open episodes (or all, when {@code includeClosed}) in the user's area. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<EpisodeView> episodes(CordonUser user, boolean includeClosed) {
        String area = requireArea(user);
        return views.episodes(repository.episodes(area, includeClosed ? EnumSet.allOf(EpisodeStatus.class) : OPEN, 500), false);
    }

    /** The user's work list for today. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public Worklist worklist(CordonUser user) {
        String area = requireArea(user);
        LocalDate today = calendar.today();
        CheckSlot slot = calendar.currentSlot();
        List<EpisodeView> due = views.episodes(repository.dueFor(area, today, slot), false);
        List<EpisodeView> missed = views.episodes(repository.withMissedChecks(area, today.minusDays(1), today), false);
        List<EpisodeView> ending = views.episodes(repository.endingOn(area, today), false);
        List<EpisodeView> open = views.episodes(repository.episodes(area, OPEN, 500), false);
        return new Worklist(today, slot, due, missed, views.referrals(referrals.referrals(area, false, 200)), ending, open);
    }

    // ------------------------------------------------------------------ checks

    /**
     * Records a check (grid worker, village doctor or medical staff). A temperature at or above the
     * fever threshold or any symptom is abnormal: a referral to the fever clinic is opened, the
     * episode is marked referred and {@link CheckAbnormal} is published. Idempotent on the request's
     * {@code clientId}: a check already stored under it (for this episode) is answered as stored, with
     * {@code created} false, and nothing changes — whatever the episode's state now, so that a device sending what it
     * kept offline learns that its check arrived; a {@code clientId} of another episode's check is refused.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CheckResult recordCheck(CordonUser user, long episodeId, CheckRequest request) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Checks are recorded by grid workers, village doctors and medical staff");
        }
        visibleEpisode(user, episodeId);
        repository.lockEpisode(episodeId); // a referral opened here and an outcome recorded meanwhile are decided in turn
        if (request.clientId() != null) {
            Optional<EpisodeRepository.ClientCheck> earlier = repository.checkByClientId(request.clientId());
            if (earlier.isPresent()) {
                if (earlier.get().episodeId() != episodeId) {
                    throw new ValidationFailedException("clientId", "validation.clientId.otherEpisode");
                }
                Long referral = earlier.get().abnormal()
                        ? referrals.referralIdOf("check:" + earlier.get().id()).orElse(null) : null;
                return new CheckResult(episode(user, episodeId), earlier.get().abnormal(), referral, false);
            }
        }
        EpisodeRepository.StoredEpisode e = repository.findEpisode(episodeId).orElseThrow();
        Episode episode = e.lifecycle();
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = calendar.today();
        LocalDate day = request.date() == null ? today : request.date();
        episode.requireCheckable(day, today, problems);
        CheckEntry check = CheckEntry.parse(request, day, calendar.currentSlot(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        boolean abnormal = check.abnormal(checkpoints.rules().feverThreshold());
        EpisodeRepository.RecordedCheck recorded;
        try {
            recorded = repository.insertCheck(episodeId, day, check.slot(), check.temperature().celsius(),
                    check.symptoms(), check.note(), abnormal, user.getUsername(), request.clientId())
                    .orElseThrow(() -> new ValidationFailedException("slot", "validation.check.alreadyRecorded"));
        } catch (DuplicateKeyException sameIdMeanwhile) {
            // the client id was stored meanwhile for another episode's check (this episode's are serialised by the lock)
            throw new ValidationFailedException("clientId", "validation.clientId.otherEpisode");
        }
        if (recorded.replacedMissed()) {
            events.publishEvent(new LateCheckRecorded(episodeId, e.personId(), e.areaCode(), day, check.slot()));
        }
        Long referralId = null;
        if (abnormal) {
            referralId = referrals.insertReferral(e.personId(), episodeId, "OBSERVATION", "check:" + recorded.id(), e.areaCode(),
                    calendar.now().toInstant(), check.temperature().celsius(), check.symptoms()).orElseThrow();
            Episode referred = episode.referred();
            if (referred.changedFrom(episode)) {
                repository.updateStatus(referred);
            }
            if (e.returneeId() != null) {
                registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.REFERRED);
            }
            events.publishEvent(new CheckAbnormal(episodeId, e.personId(), e.areaCode(), day, check.slot(),
                    check.temperature().celsius(), referralId));
            events.publishEvent(new ReferralRaised(referralId, e.personId(), e.areaCode()));
        }
        return new CheckResult(episode(user, episodeId), abnormal, referralId);
    }

    /**
     * Flags every check of the last observation period whose deadline has passed without a record (only
     * slots whose deadline came after the episode was created) and publishes
     * {@link CheckMissed} for each new flag. Idempotent; run by a scheduled job.
     */
    @Transactional
    @SystemOperation
    public int flagMissedChecks() {
        ZonedDateTime now = calendar.now();
        LocalDate today = now.toLocalDate();
        List<EpisodeRepository.DueSlot> slots = new ArrayList<>();
        for (LocalDate day = today.minusDays(calendar.days()); !day.isAfter(today); day = day.plusDays(1)) {
            for (CheckSlot slot : CheckSlot.values()) {
                ZonedDateTime deadline = calendar.deadline(day, slot);
                if (!deadline.isAfter(now)) {
                    slots.add(new EpisodeRepository.DueSlot(day, slot, deadline.toInstant()));
                }
            }
        }
        List<EpisodeRepository.MissedRow> flagged = repository.flagMissed(slots);
        for (EpisodeRepository.MissedRow row : flagged) {
            events.publishEvent(new CheckMissed(row.episodeId(), row.personId(), row.areaCode(), row.date(), row.slot()));
        }
        return flagged.size();
    }

    // ------------------------------------------------------------------ release

    /**
     * Releases a person from observation: the period must be over, the episode active (no referral pending), and
     * every check recorded (medical staff may release despite missed checks). Publishes {@link ObservationEnded}.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public EpisodeView release(CordonUser user, long episodeId) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Release is done by grid workers and medical staff");
        }
        visibleEpisode(user, episodeId);
        repository.lockEpisode(episodeId);
        EpisodeRepository.StoredEpisode e = repository.findEpisode(episodeId).orElseThrow();
        Episode released = e.lifecycle().release(calendar.today(), RolePermissions.may(user, Permission.OBSERVATION_RELEASE_OVERRIDE));
        repository.updateStatus(released);
        if (e.returneeId() != null) {
            registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.RELEASED);
        }
        events.publishEvent(new ObservationEnded(episodeId, e.personId(), e.areaCode(), released.status(), released.endedOn()));
        return episode(user, episodeId);
    }

    /** Data of the printable release notice (解除医学观察告知书): the person revealed as far as the caller may, audited. */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public ReleaseNotice releaseNotice(CordonUser user, long episodeId) {
        EpisodeRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        e.lifecycle().requireReleased();
        // printed and handed over: the person as far as the caller may reveal them (ID number masked for grid workers)
        PersonSummary person = registry.person(user, e.personId(), revealed(user, e));
        String areaName = areas.areaNames(Set.of(e.areaCode())).get(e.areaCode());
        int[] number = repository.releaseNoticeNumber(episodeId, calendar.today().getYear());
        return new ReleaseNotice(episodeId, person, areaName, e.kind(), e.startDate(), e.plannedEnd(), e.endedOn(), e.recorded(),
                e.missed(), user.displayName(), number[0], number[1]);
    }

    // ------------------------------------------------------------------ the city's day

    @SystemOperation
    public LocalDate today() {
        return calendar.today();
    }

    /** The slot whose check is due now: morning until the morning deadline, then evening. */
    @SystemOperation
    public CheckSlot currentSlot() {
        return calendar.currentSlot();
    }

    // ------------------------------------------------------------------ helpers

    /** The audited reveal of the person of an episode. */
    private Disclosure revealed(CordonUser user, EpisodeRepository.StoredEpisode e) {
        return personalData.reveal(user, PersonalDataManagement.Record.inArea("observation_episode", e.id(), e.areaCode()));
    }

    private EpisodeRepository.StoredEpisode visibleEpisode(CordonUser user, long id) {
        requireArea(user);
        EpisodeRepository.StoredEpisode e = repository.findEpisode(id).orElseThrow(() -> new NotFoundException("Episode " + id));
        if (!AreaScope.of(user).covers(e.areaCode())) {
            throw new AccessDeniedException("Episode " + id + " is outside the jurisdiction of " + user.getUsername());
        }
        return e;
    }
}
