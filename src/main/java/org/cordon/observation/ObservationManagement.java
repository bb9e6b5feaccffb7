package org.cordon.observation;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.checkpoint.Symptom;
import org.cordon.registry.PersonData;
import org.cordon.registry.PersonSummary;
import org.cordon.account.Disclosure;
import org.cordon.account.PersonalDataManagement;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReportedIdentity;
import org.cordon.registry.ReturneeStatus;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.Temperature;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Medical observation. Every method taking a user enforces the jurisdiction: a grid worker sees
 * their village (or compound) subtree, town staff their town, medical staff their area, the
 * commander the city. People are shown masked; the printed release notice is an audited full view.
 */
@Service
@Transactional(readOnly = true)
public class ObservationManagement {

    private static final Set<EpisodeStatus> OPEN = EnumSet.of(EpisodeStatus.ACTIVE, EpisodeStatus.REFERRED);

    private final ObservationRepository repository;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final CheckpointManagement checkpoints;
    private final ObservationSettings observation;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PersonalDataManagement personalData;

    ObservationManagement(ObservationRepository repository, RegistryManagement registry, AreaManagement areas,
                          CheckpointManagement checkpoints, ObservationSettings observation, CordonSettings settings,
                          ApplicationEventPublisher events, Clock clock, PersonalDataManagement personalData) {
        this.personalData = personalData;
        this.repository = repository;
        this.registry = registry;
        this.areas = areas;
        this.checkpoints = checkpoints;
        this.observation = observation;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** The result of recording a check: the episode afterwards and the referral opened, if the check was abnormal. */
    public record CheckResult(EpisodeView episode, boolean abnormal, Long referralId) {
    }

    // ------------------------------------------------------------------ starting

    /**
     * Starts an episode (idempotent on {@code sourceRef}); planned end = start + the configured days.
     * Publishes {@link ObservationStarted}. Returns the episode id.
     */
    @Transactional
    @SystemOperation
    public long startEpisode(long personId, Long returneeId, EpisodeKind kind, Long siteId, String areaCode, EpisodeReason reason,
                             LocalDate start, String responsible, String sourceRef) {
        Optional<Long> existing = repository.episodeIdBySource(sourceRef);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (kind == EpisodeKind.CENTRALISED) {
            placeAt(siteId);
        }
        LocalDate end = start.plusDays(observation.days());
        Optional<Long> id = repository.insertEpisode(personId, returneeId, kind, siteId, areaCode, reason, start, end, responsible, sourceRef);
        if (id.isEmpty()) {
            return repository.episodeIdBySource(sourceRef).orElseThrow();
        }
        registry.followedUpIn(personId, areaCode);
        if (returneeId != null) {
            registry.updateReturneeStatus(returneeId, ReturneeStatus.UNDER_OBSERVATION);
        }
        events.publishEvent(new ObservationStarted(id.get(), personId, areaCode, kind, reason, start, end));
        return id.get();
    }

    private void placeAt(Long siteId) {
        if (siteId == null) {
            throw new ValidationFailedException("siteId", "validation.site.required");
        }
        QuarantineSite site = repository.lockSite(siteId).orElseThrow(() -> new ValidationFailedException("siteId", "validation.site.unknown"));
        if (!site.active() || site.occupancy() >= site.capacity()) {
            throw new ValidationFailedException("siteId", "validation.site.full", site.name());
        }
    }

    // ------------------------------------------------------------------ reading

    /** Episodes, checks and referral outcomes counted per day and area (the city's time zone), for the dashboard's recount. */
    @SystemOperation
    public List<ObservationTally> tallies() {
        return repository.tallies(settings.timeZone().getId());
    }

    /** When a referral's outcome was recorded (the dashboard counts it on that day); empty before. */
    @SystemOperation
    public Optional<java.time.Instant> referralOutcomeAt(long referralId) {
        return repository.referralOutcomeAt(referralId);
    }

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
        ObservationRepository.StoredEpisode e = visibleEpisode(user, id);
        EpisodeView view = views(List.of(e), true).get(0);
        Disclosure shown = full ? revealed(user, e) : Disclosure.masked();
        PersonSummary person = full ? registry.person(user, e.personId(), shown) : view.person();
        ReportedIdentity reported = e.returneeId() != null
                ? registry.reportedIdentity(user, ReportedIdentity.RecordType.RETURNEE, e.returneeId(), shown).orElse(null)
                : registry.reportedIdentity(user, ReportedIdentity.RecordType.EPISODE, id, shown).orElse(null);
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
        ObservationRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        if (accept == null) {
            throw new ValidationFailedException("accept", "validation.required");
        }
        if (e.returneeId() != null) {
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
        return views(repository.episodes(area, includeClosed ? EnumSet.allOf(EpisodeStatus.class) : OPEN, 500), false);
    }

    /** The user's work list for today. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public Worklist worklist(CordonUser user) {
        String area = requireArea(user);
        LocalDate today = today();
        CheckSlot slot = currentSlot();
        List<EpisodeView> due = views(repository.dueFor(area, today, slot), false);
        List<EpisodeView> missed = views(repository.withMissedChecks(area, today.minusDays(1), today), false);
        List<EpisodeView> ending = views(repository.endingOn(area, today), false);
        List<EpisodeView> open = views(repository.episodes(area, OPEN, 500), false);
        return new Worklist(today, slot, due, missed, referralViews(repository.referrals(area, false, 200)), ending, open);
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
        List<long[]> figures = repository.countsByChild(node, childLength, day == null ? today() : day, codes);
        List<AreaCount> result = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            long[] v = figures.get(i);
            result.add(new AreaCount(children.get(i).code(), children.get(i).name(), v[0], v[1], v[2], v[5], v[3], v[4]));
        }
        return result;
    }

    @SystemOperation
    public List<QuarantineSite> sites() {
        return repository.sites();
    }

    // ------------------------------------------------------------------ checks

    /**
     * Records a check (grid worker, village doctor or medical staff). A temperature at or above the
     * fever threshold or any symptom is abnormal: a referral to the fever clinic is opened, the
     * episode is marked referred and {@link CheckAbnormal} is published.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CheckResult recordCheck(CordonUser user, long episodeId, CheckRequest request) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Checks are recorded by grid workers, village doctors and medical staff");
        }
        ObservationRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = today();
        LocalDate day = request.date() == null ? today : request.date();
        if (!e.status().open()) {
            problems.add(new FieldProblem("episode", "validation.episode.closed"));
        }
        if (day.isAfter(today)) {
            problems.add(new FieldProblem("date", "validation.date.future"));
        } else if (day.isBefore(e.startDate()) || !day.isBefore(e.plannedEnd())) {
            problems.add(new FieldProblem("date", "validation.check.outsidePeriod", e.startDate(), e.plannedEnd().minusDays(1)));
        }
        CheckSlot slot = currentSlot();
        if (request.slot() != null && !request.slot().isBlank()) {
            try {
                slot = CheckSlot.valueOf(request.slot().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(new FieldProblem("slot", "validation.enum", request.slot(), "MORNING, EVENING"));
            }
        }
        Temperature temperature = null;
        try {
            temperature = Temperature.parse(request.temperature());
        } catch (InvalidValueException ex) {
            problems.add(new FieldProblem("temperature", ex.messageCode(), ex.args()));
        }
        Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
        if (request.symptoms() != null) {
            for (String s : request.symptoms()) {
                try {
                    symptoms.add(Symptom.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (RuntimeException ex) {
                    problems.add(new FieldProblem("symptoms", "validation.enum", s, "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH"));
                }
            }
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        if (note != null && note.length() > 500) {
            problems.add(new FieldProblem("note", "validation.text.tooLong", 500));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        BigDecimal threshold = checkpoints.rules().feverThreshold();
        boolean abnormal = temperature.atLeast(threshold) || !symptoms.isEmpty();
        Optional<ObservationRepository.RecordedCheck> recorded = repository.insertCheck(episodeId, day, slot, temperature.celsius(),
                symptoms, note, abnormal, user.getUsername());
        if (recorded.isEmpty()) {
            throw new ValidationFailedException("slot", "validation.check.alreadyRecorded");
        }
        Optional<Long> checkId = recorded.map(ObservationRepository.RecordedCheck::id);
        if (recorded.get().replacedMissed()) {
            events.publishEvent(new LateCheckRecorded(episodeId, e.personId(), e.areaCode(), day, slot));
        }
        Long referralId = null;
        if (abnormal) {
            referralId = repository.insertReferral(e.personId(), episodeId, "OBSERVATION", "check:" + checkId.get(), e.areaCode(),
                    clock.instant(), temperature.celsius(), symptoms).orElseThrow();
            if (e.status() == EpisodeStatus.ACTIVE) {
                repository.updateEpisodeStatus(episodeId, EpisodeStatus.REFERRED, null);
            }
            if (e.returneeId() != null) {
                registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.REFERRED);
            }
            events.publishEvent(new CheckAbnormal(episodeId, e.personId(), e.areaCode(), day, slot, temperature.celsius(), referralId));
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
        ZonedDateTime now = clock.instant().atZone(settings.timeZone());
        LocalDate today = now.toLocalDate();
        List<ObservationRepository.DueSlot> slots = new ArrayList<>();
        for (LocalDate day = today.minusDays(observation.days()); !day.isAfter(today); day = day.plusDays(1)) {
            for (CheckSlot slot : CheckSlot.values()) {
                ZonedDateTime deadline = day.atTime(deadline(slot)).atZone(settings.timeZone());
                if (!deadline.isAfter(now)) {
                    slots.add(new ObservationRepository.DueSlot(day, slot, deadline.toInstant()));
                }
            }
        }
        List<ObservationRepository.MissedRow> flagged = repository.flagMissed(slots);
        for (ObservationRepository.MissedRow row : flagged) {
            events.publishEvent(new CheckMissed(row.episodeId(), row.personId(), row.areaCode(), row.date(), row.slot()));
        }
        return flagged.size();
    }

    // ------------------------------------------------------------------ referrals

    /** Referrals in the user's area (open first). */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<ReferralView> referrals(CordonUser user, boolean includeClosed) {
        return referralViews(repository.referrals(requireArea(user), includeClosed, 500));
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
        ObservationRepository.StoredReferral r = repository.findReferral(referralId)
                .orElseThrow(() -> new NotFoundException("Referral " + referralId));
        requireArea(user);
        if (!AreaScope.of(user).covers(r.areaCode())) {
            throw new AccessDeniedException("Referral " + referralId + " is outside the jurisdiction");
        }
        ReferralOutcome result;
        try {
            result = ReferralOutcome.valueOf(outcome == null ? "" : outcome.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException("outcome", "validation.enum", String.valueOf(outcome), "EXCLUDED, SUSPECTED, CONFIRMED");
        }
        if (r.outcome() != null) {
            throw new ValidationFailedException("outcome", "validation.referral.closed");
        }
        repository.setOutcome(referralId, result, blankToNull(clinic), blankToNull(note), user.getUsername());
        if (r.episodeId() != null) {
            ObservationRepository.StoredEpisode e = repository.findEpisode(r.episodeId()).orElseThrow();
            switch (result) {
                case EXCLUDED -> {
                    if (e.status() == EpisodeStatus.REFERRED) {
                        repository.updateEpisodeStatus(e.id(), EpisodeStatus.ACTIVE, null);
                    }
                    if (e.returneeId() != null) {
                        registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.UNDER_OBSERVATION);
                    }
                }
                case SUSPECTED, CONFIRMED -> {
                    EpisodeStatus status = result == ReferralOutcome.SUSPECTED ? EpisodeStatus.ISOLATED : EpisodeStatus.CONFIRMED;
                    repository.updateEpisodeStatus(e.id(), status, today());
                    events.publishEvent(new ObservationEnded(e.id(), e.personId(), e.areaCode(), status, today()));
                }
            }
        }
        events.publishEvent(new ReferralOutcomeRecorded(referralId, r.personId(), r.episodeId(), r.areaCode(), result));
        return referralViews(List.of(repository.findReferral(referralId).orElseThrow())).get(0);
    }

    /** A referral from a checkpoint (fever at screening): the person is registered and the referral listed. */
    @Transactional
    @SystemOperation
    public long referFromCheckpoint(PersonData person, String areaCode, Instant raisedAt, BigDecimal temperature, String sourceRef) {
        long personId = registry.registerPerson(person);
        Optional<Long> id = repository.insertReferral(personId, repository.openEpisodeOf(personId).orElse(null), "CHECKPOINT",
                sourceRef, areaCode, raisedAt, temperature, List.of());
        return id.orElse(-1L);
    }

    // ------------------------------------------------------------------ release

    /**
     * Releases a person from observation: the period must be over, no referral open, and every check
     * recorded (medical staff may release despite missed checks). Publishes {@link ObservationEnded}.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public EpisodeView release(CordonUser user, long episodeId) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Release is done by grid workers and medical staff");
        }
        ObservationRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        LocalDate today = today();
        List<FieldProblem> problems = new ArrayList<>();
        if (e.status() != EpisodeStatus.ACTIVE) {
            problems.add(new FieldProblem("episode", "validation.release.notActive"));
        }
        if (today.isBefore(e.plannedEnd())) {
            problems.add(new FieldProblem("episode", "validation.release.tooEarly", e.plannedEnd()));
        }
        if (e.missed() > 0 && !RolePermissions.may(user, Permission.OBSERVATION_RELEASE_OVERRIDE)) {
            problems.add(new FieldProblem("episode", "validation.release.missedChecks", e.missed()));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        repository.updateEpisodeStatus(episodeId, EpisodeStatus.RELEASED, today);
        if (e.returneeId() != null) {
            registry.updateReturneeStatus(e.returneeId(), ReturneeStatus.RELEASED);
        }
        events.publishEvent(new ObservationEnded(episodeId, e.personId(), e.areaCode(), EpisodeStatus.RELEASED, today));
        return episode(user, episodeId);
    }

    /** Data of the printable release notice (解除医学观察告知书): the person revealed as far as the caller may, audited. */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_READ)
    public ReleaseNotice releaseNotice(CordonUser user, long episodeId) {
        ObservationRepository.StoredEpisode e = visibleEpisode(user, episodeId);
        if (e.status() != EpisodeStatus.RELEASED) {
            throw new ValidationFailedException("episode", "validation.release.notReleased");
        }
        // printed and handed over: the person as far as the caller may reveal them (ID number masked for grid workers)
        PersonSummary person = registry.person(user, e.personId(), revealed(user, e));
        String areaName = areas.areaNames(Set.of(e.areaCode())).get(e.areaCode());
        return new ReleaseNotice(episodeId, person, areaName, e.kind(), e.startDate(), e.plannedEnd(), e.endedOn(), e.recorded(),
                e.missed(), user.displayName());
    }

    /** The audited reveal of the person of an episode. */
    private Disclosure revealed(CordonUser user, ObservationRepository.StoredEpisode e) {
        return personalData.reveal(user, PersonalDataManagement.Record.inArea("observation_episode", e.id(), e.areaCode()));
    }

    /** What the release notice prints. */
    public record ReleaseNotice(long episodeId, PersonSummary person, String areaName, EpisodeKind kind, LocalDate startDate,
                                LocalDate plannedEnd, LocalDate releasedOn, int checksRecorded, int checksMissed, String issuedBy) {
    }

    // ------------------------------------------------------------------ close contacts

    /**
     * Registers a close contact of a suspected or confirmed person, with their own episode counted
     * from the last exposure. Returns the contact's episode id.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public long registerCloseContact(CordonUser user, CloseContactRequest request) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Close contacts are registered by grid workers and medical staff");
        }
        String area = requireArea(user);
        List<FieldProblem> problems = new ArrayList<>();
        // the same answer for "no such case" and "a case outside your area": no oracle of anyone's case status
        if (!repository.isSuspectedOrConfirmedIn(request.casePersonId(), area)) {
            problems.add(new FieldProblem("casePersonId", "validation.contact.caseNotSuspected"));
        }
        String name = blankToNull(request.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "validation.name.required"));
        }
        IdNumber id = null;
        try {
            IdType type = request.idType() == null || request.idType().isBlank() ? IdType.RESIDENT_ID
                    : IdType.valueOf(request.idType().trim().toUpperCase(Locale.ROOT));
            id = IdNumber.parse(type, request.idNumber(), today());
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem("idNumber", e.messageCode(), e.args()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("idType", "validation.enum", request.idType(), "RESIDENT_ID, PASSPORT, OTHER"));
        }
        PhoneNumber phone = null;
        if (blankToNull(request.phone()) != null) {
            try {
                phone = PhoneNumber.parse(request.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        LocalDate today = today();
        if (request.exposureDate() == null) {
            problems.add(new FieldProblem("exposureDate", "validation.required"));
        } else if (request.exposureDate().isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.date.future"));
        } else if (!request.exposureDate().plusDays(observation.days()).isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.contact.exposureTooOld", observation.days()));
        }
        String contactArea = blankToNull(request.areaCode()) == null ? area : request.areaCode().trim();
        if (areas.findArea(contactArea).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", contactArea));
        } else if (!AreaScope.of(user).covers(contactArea)) {
            problems.add(new FieldProblem("areaCode", "validation.destination.outsideJurisdiction"));
        }
        EpisodeKind kind = EpisodeKind.HOME;
        if (blankToNull(request.kind()) != null) {
            try {
                kind = EpisodeKind.valueOf(request.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("kind", "validation.enum", request.kind(), "HOME, CENTRALISED"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        PersonData reported = new PersonData(id, "", name, phone, contactArea, blankToNull(request.address()));
        long contactPersonId = registry.registerPerson(reported);
        Optional<Long> contactId = repository.insertCloseContact(request.casePersonId(), contactPersonId, request.exposureDate(),
                user.getUsername());
        String sourceRef = "contact:" + request.casePersonId() + ":" + contactPersonId + ":" + request.exposureDate();
        long episodeId = startEpisode(contactPersonId, null, kind, kind == EpisodeKind.CENTRALISED ? request.siteId() : null,
                contactArea, EpisodeReason.CLOSE_CONTACT, request.exposureDate(), user.getUsername(), sourceRef);
        contactId.ifPresent(cid -> repository.linkContactEpisode(cid, episodeId));
        // a registered person is not changed: differing values wait on the episode for confirmation
        registry.keepReportedIdentity(contactPersonId, reported, ReportedIdentity.RecordType.EPISODE, episodeId, contactArea,
                user.getUsername());
        return episodeId;
    }

    // ------------------------------------------------------------------ daily reports

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
        if (node.kind() != org.cordon.area.AreaKind.VILLAGE && node.kind() != org.cordon.area.AreaKind.COMMUNITY) {
            throw new ValidationFailedException("areaCode", "validation.report.notVillage");
        }
        LocalDate date = day == null ? today() : day;
        if (date.isAfter(today())) {
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
        return repository.reports(requireArea(user), day == null ? today() : day);
    }

    // ------------------------------------------------------------------ helpers

    @SystemOperation
    public LocalDate today() {
        return settings.today(clock);
    }

    /** The slot whose check is due now: morning until the morning deadline, then evening. */
    @SystemOperation
    public CheckSlot currentSlot() {
        LocalTime now = clock.instant().atZone(settings.timeZone()).toLocalTime();
        return now.isBefore(observation.morningDeadline()) ? CheckSlot.MORNING : CheckSlot.EVENING;
    }

    private LocalTime deadline(CheckSlot slot) {
        return slot == CheckSlot.MORNING ? observation.morningDeadline() : observation.eveningDeadline();
    }

    private ObservationRepository.StoredEpisode visibleEpisode(CordonUser user, long id) {
        requireArea(user);
        ObservationRepository.StoredEpisode e = repository.findEpisode(id).orElseThrow(() -> new NotFoundException("Episode " + id));
        if (!AreaScope.of(user).covers(e.areaCode())) {
            throw new AccessDeniedException("Episode " + id + " is outside the jurisdiction of " + user.getUsername());
        }
        return e;
    }

    private List<EpisodeView> views(List<ObservationRepository.StoredEpisode> rows, boolean withChecks) {
        Set<Long> personIds = new HashSet<>();
        Set<String> areaCodes = new HashSet<>();
        rows.forEach(e -> {
            personIds.add(e.personId());
            areaCodes.add(e.areaCode());
        });
        Map<Long, PersonSummary> people = registry.summaries(personIds);
        Map<String, String> areaNames = areas.areaNames(areaCodes);
        LocalDate today = today();
        List<EpisodeView> views = new ArrayList<>();
        for (ObservationRepository.StoredEpisode e : rows) {
            boolean releasable = e.status() == EpisodeStatus.ACTIVE && !today.isBefore(e.plannedEnd()) && e.missed() == 0;
            views.add(new EpisodeView(e.id(), people.get(e.personId()), e.returneeId(), e.kind(), e.siteId(), e.siteName(),
                    e.areaCode(), areaNames.get(e.areaCode()), e.reason(), e.startDate(), e.plannedEnd(), e.responsibleUsername(),
                    e.status(), e.endedOn(), e.recorded(), e.missed(), e.abnormal(), releasable,
                    withChecks ? repository.checksOf(e.id()) : List.of(), null));
        }
        return views;
    }

    private List<ReferralView> referralViews(List<ObservationRepository.StoredReferral> rows) {
        Set<Long> personIds = new HashSet<>();
        Set<String> areaCodes = new HashSet<>();
        rows.forEach(r -> {
            personIds.add(r.personId());
            areaCodes.add(r.areaCode());
        });
        Map<Long, PersonSummary> people = registry.summaries(personIds);
        Map<String, String> areaNames = areas.areaNames(areaCodes);
        return rows.stream().map(r -> new ReferralView(r.id(), people.get(r.personId()), r.episodeId(), r.source(), r.areaCode(),
                areaNames.get(r.areaCode()), r.raisedAt(), r.temperature(), r.symptoms(), r.outcome(), r.outcomeAt(), r.outcomeBy(),
                r.clinic(), r.note())).toList();
    }

    /** Personal records of returnees and people under observation: grid workers, medical staff, commander, admin. */
    private static String requireArea(CordonUser user) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_READ) || user.jurisdiction().areaCode() == null) {
            throw new AccessDeniedException("Observation is for staff with an area jurisdiction");
        }
        return user.jurisdiction().areaCode();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
