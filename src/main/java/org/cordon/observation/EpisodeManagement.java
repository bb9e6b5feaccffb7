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
    private final org.springframework.transaction.support.TransactionTemplate eachRow;

    EpisodeManagement(EpisodeRepository repository, ReferralRepository referrals, ObservationViews views, ObservationCalendar calendar,
                      RegistryManagement registry, AreaManagement areas, CheckpointManagement checkpoints,
                      PersonalDataManagement personalData, ApplicationEventPublisher events,
                      org.springframework.transaction.PlatformTransactionManager transactions) {
        this.eachRow = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.eachRow.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        Set<Long> dueIds = ids(due);
        Set<Long> missedIds = ids(missed);
        Set<Long> endingIds = ids(ending);
        java.util.Map<Long, MedicsNotified> notified = notified(ids(open));
        List<WorkItem> people = new ArrayList<>();
        // each person once: the open episodes, the ones to do now first (due, missed, ending), then by area
        for (EpisodeView e : open) {
            people.add(new WorkItem(e, dueIds.contains(e.id()), missedIds.contains(e.id()), endingIds.contains(e.id()),
                    e.dayOn(today), java.time.temporal.ChronoUnit.DAYS.between(e.startDate(), e.plannedEnd()), notified.get(e.id())));
        }
        people.sort(java.util.Comparator.comparing((WorkItem w) -> !(w.dueNow() || w.missed() || w.endingToday()))
                .thenComparing(w -> w.episode().areaCode()).thenComparingLong(w -> w.episode().id()));
        return new Worklist(today, slot, due, missed, views.referrals(referrals.referrals(area, false, 200)), ending, open, people);
    }

    /**
     * The current slot's round in the user's area: every open episode whose period covers today, with the slot's
     * check where it was recorded (or flagged missed) — the due rows first, then by area.
     */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public Round round(CordonUser user) {
        String area = requireArea(user);
        LocalDate today = calendar.today();
        CheckSlot slot = calendar.currentSlot();
        List<EpisodeView> open = views.episodes(repository.episodes(area, OPEN, 500), false).stream()
                .filter(e -> !e.startDate().isAfter(today) && today.isBefore(e.plannedEnd())).toList();
        Set<Long> ids = ids(open);
        java.util.Map<Long, EpisodeView.CheckView> done = repository.checksOfSlot(ids, today, slot);
        java.util.Map<Long, MedicsNotified> notified = notified(ids);
        List<Round.Row> rows = new ArrayList<>();
        for (EpisodeView e : open) {
            EpisodeView.CheckView check = done.get(e.id());
            rows.add(new Round.Row(e, check == null || check.missed() ? null : check, e.dayOn(today),
                    java.time.temporal.ChronoUnit.DAYS.between(e.startDate(), e.plannedEnd()), notified.get(e.id())));
        }
        rows.sort(java.util.Comparator.comparing((Round.Row r) -> r.done() != null).thenComparing(r -> r.episode().areaCode())
                .thenComparingLong(r -> r.episode().id()));
        return new Round(today, slot, calendar.morningDeadline(), calendar.zone(), rows);
    }

    /** Whom the episode's open referral notified (the medics of its area, since when); empty without an open referral. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public Optional<MedicsNotified> medicsNotified(CordonUser user, long episodeId) {
        visibleEpisode(user, episodeId);
        return Optional.ofNullable(notified(Set.of(episodeId)).get(episodeId));
    }

    private java.util.Map<Long, MedicsNotified> notified(Set<Long> episodeIds) {
        java.util.Map<Long, ReferralRepository.OpenReferral> open = referrals.openReferralsOf(episodeIds);
        java.util.Map<String, String> names = areas.areaNames(open.values().stream().map(ReferralRepository.OpenReferral::areaCode)
                .collect(java.util.stream.Collectors.toSet()));
        java.util.Map<Long, MedicsNotified> result = new java.util.HashMap<>();
        open.forEach((episode, r) -> result.put(episode, new MedicsNotified(r.id(), r.raisedAt(), r.areaCode(), names.get(r.areaCode()),
                r.source())));
        return result;
    }

    private static Set<Long> ids(List<EpisodeView> episodes) {
        Set<Long> ids = new java.util.LinkedHashSet<>();
        episodes.forEach(e -> ids.add(e.id()));
        return ids;
    }

    // ------------------------------------------------------------------ checks

    /**
     * Records a check (grid worker, village doctor or medical staff). A temperature at or above the
     * fever threshold or any symptom is abnormal: the medics of the area are notified at once — a referral to the
     * fever clinic is opened on their list ({@link ReferralRaised}) unless the person has an open referral already
     * (a checkpoint's, a declaration's, an earlier check's), which the check then joins (one without an episode is
     * linked to this one); the episode is marked referred and {@link CheckAbnormal} is published. Idempotent on the request's
     * {@code clientId}: a check already stored under it (for this episode) is answered as stored, with
     * {@code created} false, and nothing changes — whatever the episode's state now, so that a device sending what it
     * kept offline learns that its check arrived; a {@code clientId} of another episode's check is refused.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CheckResult recordCheck(CordonUser user, long episodeId, CheckRequest request) {
        return recordCheck(user, episodeId, request, true);
    }

    /** {@link #recordCheck}; without {@code view} the result carries no episode (a round's rows need none). */
    private CheckResult recordCheck(CordonUser user, long episodeId, CheckRequest request, boolean view) {
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
                // the referral it raised, or the open one it joined
                Long referral = earlier.get().abnormal() ? referrals.referralIdOf("check:" + earlier.get().id())
                        .or(() -> Optional.ofNullable(referrals.openReferralsOf(Set.of(episodeId)).get(episodeId))
                                .map(ReferralRepository.OpenReferral::id))
                        .orElse(null) : null;
                return new CheckResult(view ? episode(user, episodeId) : null, earlier.get().abnormal(), referral, false);
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
            // the medics are notified at once: a fever referral on their list, unless the person has an open one there
            Optional<ReferralRepository.OpenReferral> pending = referrals.openReferralOfPerson(e.personId());
            boolean raised = pending.isEmpty();
            if (raised) {
                referralId = referrals.insertReferral(e.personId(), episodeId, "OBSERVATION", "check:" + recorded.id(), e.areaCode(),
                        calendar.now().toInstant(), check.temperature().celsius(), check.symptoms()).orElseThrow();
            } else {
                referralId = pending.get().id();
                if (pending.get().episodeId() == null) {
                    referrals.linkEpisode(referralId, episodeId); // its outcome now decides this observation too
                }
            }
            // the episode is referred by a referral that decides it: the one raised now, or the person's open one linked now
            boolean decides = raised || pending.get().episodeId() == null;
            Episode referred = decides ? episode.referred() : episode;
            if (referred.changedFrom(episode)) {
                repository.updateStatus(referred);
            }
            if (e.returneeId() != null) {
                registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.REFERRED);
            }
            events.publishEvent(new CheckAbnormal(episodeId, e.personId(), e.areaCode(), day, check.slot(),
                    check.temperature().celsius(), referralId));
            if (raised) {
                events.publishEvent(new ReferralRaised(referralId, e.personId(), e.areaCode()));
            }
        }
        return new CheckResult(view ? episode(user, episodeId) : null, abnormal, referralId);
    }

    /** The most rows one round takes (a village's people under observation fit many times over). */
    public static final int ROUND_LIMIT = 200;

    /**
     * Records a round's checks, each row as {@link #recordCheck} does and in its own transaction: a rejected row (its
     * field problems answered) leaves the others saved. A row of an episode that does not exist or lies outside the
     * caller's area is rejected alike ({@code episodeId}), so the answer tells nothing of other areas. A row repeated
     * with its {@code clientId} is answered ALREADY_SAVED and stores nothing.
     *
     * @throws ValidationFailedException no rows, or more than {@link #ROUND_LIMIT}; nothing is stored then
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public List<RoundCheckResult> recordChecks(CordonUser user, List<RoundCheck> rows) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Checks are recorded by grid workers, village doctors and medical staff");
        }
        requireArea(user);
        if (rows == null || rows.isEmpty()) {
            throw new ValidationFailedException("checks", "validation.round.empty");
        }
        if (rows.size() > ROUND_LIMIT) {
            throw new ValidationFailedException("checks", "validation.round.tooMany", ROUND_LIMIT, rows.size());
        }
        List<RoundCheckResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RoundCheck row = rows.get(i);
            int index = i;
            if (row == null || row.episodeId() == null) {
                results.add(new RoundCheckResult(i, null, row == null ? null : row.clientId(), RoundCheckResult.Outcome.REJECTED, false,
                        null, List.of(new FieldProblem("episodeId", "validation.required"))));
                continue;
            }
            RoundCheckResult result;
            try {
                result = eachRow.execute(status -> {
                    CheckResult saved = recordCheck(user, row.episodeId(), row.check(), false);
                    return new RoundCheckResult(index, row.episodeId(), row.clientId(),
                            saved.created() ? RoundCheckResult.Outcome.SAVED : RoundCheckResult.Outcome.ALREADY_SAVED,
                            saved.abnormal(), saved.referralId(), List.of());
                });
            } catch (ValidationFailedException rejected) {
                result = new RoundCheckResult(i, row.episodeId(), row.clientId(), RoundCheckResult.Outcome.REJECTED, false, null,
                        rejected.problems());
            } catch (NotFoundException | AccessDeniedException elsewhere) {
                result = new RoundCheckResult(i, row.episodeId(), row.clientId(), RoundCheckResult.Outcome.REJECTED, false, null,
                        List.of(new FieldProblem("episodeId", "validation.round.episode", String.valueOf(row.episodeId()))));
            }
            results.add(result);
        }
        return results;
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
