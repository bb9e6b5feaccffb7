package org.cordon.checkpoint;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.ExactSearchGuard;
import org.cordon.account.Disclosure;
import org.cordon.account.PersonalDataManagement;
import org.cordon.account.PersonalValue;
import org.cordon.account.Role;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkpoint screening: registration of passages with their occupants, lists, counts, the known-
 * person look-up, the screening rules and the alert board. Every method takes the signed-in user
 * and enforces their jurisdiction: an officer only reaches their own checkpoints
 * ({@link AccessDeniedException} otherwise), area staff the checkpoints in their area.
 */
@Service
@Transactional(readOnly = true)
public class CheckpointManagement {

    static final String ID_FIELD = "idNumber";
    static final String PHONE_FIELD = "phone";

    private final CheckpointRepository checkpoints;
    private final PassageRepository passages;
    private final AlertBoard alerts;
    private final AreaManagement areas;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final ExactSearchGuard exactSearches;
    private final PersonalDataManagement personalData;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<HealthCodeReader> healthCodes;

    CheckpointManagement(CheckpointRepository checkpoints, PassageRepository passages, AlertBoard alerts, AreaManagement areas,
                         PersonalDataCipher cipher, AuditLog audit, ExactSearchGuard exactSearches, PersonalDataManagement personalData,
                         CordonSettings settings, ApplicationEventPublisher events, Clock clock,
                         org.springframework.beans.factory.ObjectProvider<HealthCodeReader> healthCodes) {
        this.healthCodes = healthCodes;
        this.checkpoints = checkpoints;
        this.passages = passages;
        this.alerts = alerts;
        this.areas = areas;
        this.cipher = cipher;
        this.audit = audit;
        this.exactSearches = exactSearches;
        this.personalData = personalData;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Result of a registration: the stored passage and whether this call created it (false on a retry). */
    public record Registration(PassageView passage, boolean created) {
    }

    // ---------------------------------------------------------------- checkpoints

    /** The checkpoints the user may see, in code order. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Checkpoint> visibleCheckpoints(CordonUser user) {
        if (!mayScreen(user)) {
            return List.of();
        }
        return checkpoints.findAll().stream()
                .filter(c -> AreaScope.of(user).coversCheckpoint(c.code(), c.townCode()))
                .toList();
    }

    /**
     * The checkpoint, when the user may see it.
     *
     * @throws NotFoundException     no such checkpoint
     * @throws AccessDeniedException outside the user's jurisdiction
     */
    @RequiresPermission(Permission.PASSAGE_READ)
    public Checkpoint checkpoint(CordonUser user, String code) {
        Checkpoint checkpoint = checkpoints.findByCode(code).orElseThrow(() -> new NotFoundException("Checkpoint " + code));
        if (!mayScreen(user) || !AreaScope.of(user).coversCheckpoint(checkpoint.code(), checkpoint.townCode())) {
            throw new AccessDeniedException("Checkpoint " + code + " is outside the jurisdiction of " + user.getUsername());
        }
        return checkpoint;
    }

    /**
     * Screening records are for checkpoint officers, the commander, administrators and medical staff;
     * other roles (working groups, supplies, volunteers) see none, whatever their area.
     */
    @PermissionQuery(Permission.PASSAGE_READ)
    public boolean mayScreen(CordonUser user) {
        return RolePermissions.may(user, Permission.PASSAGE_READ);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a passage with its occupants, computes each occupant's disposition and publishes
     * {@link PassageRegistered}, {@link FeverReferralRequired} per fever referral and {@link RiskArrivalsDetected} with
     * the passage's risk arrivals.
     * Idempotent: a request whose {@code clientId} is stored already returns the stored passage
     * and changes nothing. All or nothing: any invalid field throws
     * {@link ValidationFailedException} listing every problem, and nothing is stored.
     */
    @Transactional
    @RequiresPermission(Permission.PASSAGE_REGISTER)
    public Registration registerPassage(CordonUser user, String checkpointCode, PassageRequest request) {
        Checkpoint checkpoint = checkpoint(user, checkpointCode);
        if (!RolePermissions.may(user, Permission.PASSAGE_REGISTER)) {
            throw new AccessDeniedException("Role " + user.role() + " does not register passages");
        }
        if (request.clientId() != null) {
            Optional<PassageRepository.StoredPassage> existing = passages.findByClientId(request.clientId());
            if (existing.isPresent()) {
                return new Registration(retried(existing.get(), checkpoint), false);
            }
        }
        if (!checkpoint.active()) {
            throw new ValidationFailedException("checkpoint", "validation.checkpoint.inactive", checkpoint.code());
        }
        Instant now = clock.instant();
        Map<Integer, HealthCodeReader.Holder> scanned = new HashMap<>();
        PassageRequest completed = fillInKnownPeople(user, fillInCodeHolders(request, codeTime(request, now), scanned));
        PassageValidator validator = new PassageValidator(code -> areas.resolveOrigin(code).map(Division::code),
                code -> areas.findArea(code).isPresent());
        PassageValidator.ValidPassage valid = validator.validate(completed, now, settings.today(clock));

        // the database keeps microseconds: the answer, the events and a later read say the same time
        Instant recordedAt = valid.recordedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        LocalDate day = recordedAt.atZone(settings.timeZone()).toLocalDate();
        ScreeningRules rules = checkpoints.rules();
        Optional<Long> inserted = passages.insertPassage(request.clientId(), checkpoint.code(), valid.direction(),
                valid.plate(), valid.vehicleType(), valid.originCode(),
                valid.destinationCode(), valid.disinfected(), recordedAt, day, user.getUsername());
        if (inserted.isEmpty()) {
            // a concurrent request with the same client id won the race; its row is committed now
            return new Registration(retried(passages.findByClientId(request.clientId()).orElseThrow(), checkpoint), false);
        }
        long passageId = inserted.get();

        List<PassageRepository.NewOccupant> rows = new ArrayList<>();
        int seq = 1;
        for (PassageValidator.ValidOccupant o : valid.occupants()) {
            HealthCodeReader.Holder holder = scanned.get(seq - 1);
            Disposition disposition = rules.dispositionOf(valid.direction(), valid.originCode(), day, o.temperature().celsius(),
                    o.symptoms(), o.riskAreaStay(), o.caseContact(), o.turnedBack(), holder == null ? null : holder.color());
            IdNumber id = o.idNumber();
            rows.add(new PassageRepository.NewOccupant(seq++, o.name(), id.type(),
                    cipher.encrypt(ID_FIELD, id.value()), idHash(id),
                    o.phone() == null ? null : cipher.encrypt(PHONE_FIELD, o.phone().value()),
                    o.phone() == null ? null : cipher.hash(PHONE_FIELD, o.phone().value()),
                    o.temperature().celsius(), o.symptoms(), o.riskAreaStay(), o.caseContact(), disposition,
                    holder == null ? null : holder.color(), holder == null ? null : holder.codeId()));
        }
        List<Long> occupantIds = passages.insertOccupants(passageId, day, rows);

        int fever = (int) rows.stream().filter(r -> r.disposition() == Disposition.FEVER_REFERRAL).count();
        int risk = (int) rows.stream().filter(r -> r.disposition() == Disposition.HOME_OBSERVATION).count();
        events.publishEvent(new PassageRegistered(passageId, checkpoint.code(), checkpoint.townCode(), valid.direction(),
                recordedAt, day, rows.size(), valid.vehicleType() != VehicleType.PEDESTRIAN, valid.disinfected(),
                valid.destinationCode(), fever, risk));
        List<PassageRepository.StoredOccupant> stored = new ArrayList<>();
        List<RiskArrivalDetected> arrivals = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            PassageRepository.NewOccupant row = rows.get(i);
            long occupantId = occupantIds.get(i);
            stored.add(new PassageRepository.StoredOccupant(occupantId, passageId, row.seq(), row.name(), row.idType(),
                    row.idNumberEnc(), row.phoneEnc(), row.temperature(), List.copyOf(row.symptoms()), row.riskAreaStay(),
                    row.caseContact(), row.disposition()));
            if (row.disposition() == Disposition.FEVER_REFERRAL) {
                events.publishEvent(new FeverReferralRequired(passageId, occupantId, checkpoint.code(), checkpoint.townCode(),
                        row.temperature(), valid.destinationCode(), recordedAt,
                        rules.riskArrival(valid.direction(), valid.originCode(), day, row.riskAreaStay(), row.caseContact()),
                        valid.originCode()));
            } else if (row.disposition() == Disposition.HOME_OBSERVATION) {
                arrivals.add(new RiskArrivalDetected(passageId, occupantId, checkpoint.code(), checkpoint.townCode(),
                        valid.originCode(), valid.destinationCode(), recordedAt));
            }
        }
        if (!arrivals.isEmpty()) {
            events.publishEvent(new RiskArrivalsDetected(passageId, arrivals));
        }
        // the answer from what was just stored (no reading back: the same values, the names from the reference caches)
        PassageRepository.StoredPassage passage = new PassageRepository.StoredPassage(passageId, request.clientId(),
                checkpoint.code(), checkpoint.name(), checkpoint.townCode(), valid.direction(),
                valid.plate() == null ? null : valid.plate().value(), valid.plate() == null ? null : valid.plate().kind(),
                valid.vehicleType(), valid.originCode(), valid.destinationCode(), valid.disinfected(), recordedAt, day,
                user.getUsername());
        return new Registration(views(List.of(passage), Map.of(passageId, stored), Disclosure.masked()).get(0), true);
    }

    private PassageView retried(PassageRepository.StoredPassage existing, Checkpoint checkpoint) {
        if (!existing.checkpointCode().equals(checkpoint.code())) {
            throw new ValidationFailedException("clientId", "validation.clientId.otherCheckpoint");
        }
        return view(existing, Disclosure.masked());
    }

    /**
     * An occupant sent with a scanned health code ({@code healthCode}) is its holder: name, ID number and phone come
     * from the registered person behind a valid code of this platform (the officer never sees them unmasked). A code
     * that does not verify is a field problem of that occupant; nothing is stored.
     */
    /**
     * When a scanned code must have been valid: when the passage happened (a device sends later what it captured
     * offline, with the capture time), never after now and never before the oldest time a passage may have (older
     * passages are refused by the validator anyway).
     */
    private static Instant codeTime(PassageRequest request, Instant now) {
        if (request.recordedAt() == null) {
            return now;
        }
        Instant at = request.recordedAt().toInstant();
        Instant oldest = now.minus(PassageValidator.MAX_AGE);
        return at.isAfter(now) ? now : at.isBefore(oldest) ? oldest : at;
    }

    private PassageRequest fillInCodeHolders(PassageRequest request, Instant now, Map<Integer, HealthCodeReader.Holder> scanned) {
        if (request.occupants() == null || request.occupants().stream().noneMatch(o -> o != null && !isBlank(o.healthCode()))) {
            return request;
        }
        HealthCodeReader reader = healthCodes.getIfAvailable();
        List<FieldProblem> problems = new ArrayList<>();
        List<PassageRequest.OccupantRequest> filled = new ArrayList<>();
        for (int i = 0; i < request.occupants().size(); i++) {
            PassageRequest.OccupantRequest o = request.occupants().get(i);
            if (o != null && !isBlank(o.healthCode())) {
                try {
                    if (reader == null) {
                        throw new HealthCodeReader.InvalidCodeException("UNKNOWN_ISSUER");
                    }
                    HealthCodeReader.Holder h = reader.read(o.healthCode(), now);
                    scanned.put(i, h);
                    o = new PassageRequest.OccupantRequest(h.name(), h.idNumber().type().name(), h.idNumber().value(), h.phone(),
                            o.temperature(), o.symptoms(), o.riskAreaStay(), o.caseContact(), o.turnedBack(), null);
                } catch (HealthCodeReader.InvalidCodeException e) {
                    problems.add(new FieldProblem("occupants[" + i + "].healthCode", "healthCode.problem." + e.problem()));
                }
            }
            filled.add(o);
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return new PassageRequest(request.clientId(), request.direction(), request.plateNumber(), request.vehicleType(),
                request.originAreaCode(), request.destinationAreaCode(), request.disinfected(), request.recordedAt(), filled);
    }

    /**
     * An occupant with a known ID number may be sent without name or phone: they come from the latest
     * record <em>the user may see</em> (their checkpoints, or the checkpoints of their area). A person
     * seen only outside is treated exactly like an unknown one (name required), so that nothing copied
     * from a record outside the jurisdiction reaches the user, and the answer tells nothing either.
     */
    private PassageRequest fillInKnownPeople(CordonUser user, PassageRequest request) {
        if (request.occupants() == null) {
            return request;
        }
        List<PassageRequest.OccupantRequest> filled = new ArrayList<>();
        boolean changed = false;
        for (PassageRequest.OccupantRequest o : request.occupants()) {
            if (o != null && (isBlank(o.name()) || isBlank(o.phone())) && !isBlank(o.idNumber())) {
                Optional<PassageRepository.StoredOccupant> known = parseId(o.idType(), o.idNumber())
                        .flatMap(id -> latestVisibleOccupant(user, idHash(id)));
                if (known.isPresent()) {
                    PassageRepository.StoredOccupant k = known.get();
                    o = new PassageRequest.OccupantRequest(isBlank(o.name()) ? k.name() : o.name(), o.idType(), o.idNumber(),
                            isBlank(o.phone()) ? cipher.decrypt(PHONE_FIELD, k.phoneEnc()) : o.phone(), o.temperature(),
                            o.symptoms(), o.riskAreaStay(), o.caseContact(), o.turnedBack(), o.healthCode());
                    changed = true;
                }
            }
            filled.add(o);
        }
        if (!changed) {
            return request;
        }
        return new PassageRequest(request.clientId(), request.direction(), request.plateNumber(), request.vehicleType(),
                request.originAreaCode(), request.destinationAreaCode(), request.disinfected(), request.recordedAt(), filled);
    }

    // ---------------------------------------------------------------- reading

    /**
     * One page of a checkpoint's passages on a day (the city's time zone), newest first, masked.
     * {@code query} matches a plate (prefix), or a full ID, passport or phone number (exact, through the
     * keyed hash: encrypted values cannot be searched by fragments). An exact search is audit-logged and
     * counted against the user's allowance ({@link ExactSearchGuard}); a plate prefix is not.
     *
     * @throws org.cordon.shared.RateLimitedException too many exact searches by this user; nothing is searched
     */
    @Transactional
    @RequiresPermission(Permission.PASSAGE_READ)
    public PassagePage passages(CordonUser user, String checkpointCode, LocalDate day, String query, int page, int size) {
        Checkpoint checkpoint = checkpoint(user, checkpointCode);
        LocalDate date = day == null ? settings.today(clock) : day;
        int pageSize = Math.max(1, Math.min(size, 200));
        int pageNo = Math.max(0, page);
        String platePrefix = null;
        List<byte[]> personHashes = List.of();
        if (!isBlank(query)) {
            String q = query.trim();
            Optional<IdNumber> id = parseId(null, q);
            String compact = q.replaceAll("[\\s-]", "");
            String where = "passages of " + checkpoint.code() + " on " + date;
            if (id.isPresent()) {
                exactSearches.exactSearch(user, ExactSearchGuard.Kind.ID_NUMBER, where);
                personHashes = List.of(idHash(id.get()));
            } else if (compact.matches("(\\+?86)?1[3-9]\\d{9}")) {
                exactSearches.exactSearch(user, ExactSearchGuard.Kind.PHONE, where);
                personHashes = List.of(cipher.hash(PHONE_FIELD, PhoneNumber.parse(q).value()));
            } else if (compact.matches("[A-Za-z0-9]{5,20}") && !compact.matches("\\d{17}[\\dXx]")) {
                // a passport or other document number; or, for two letters and digits, also a military or armed-police
                // plate (KA12345, WJ12345), the only plates without a Chinese character: then either matches
                List<byte[]> hashes = new ArrayList<>();
                for (IdType type : List.of(IdType.PASSPORT, IdType.OTHER)) {
                    parseId(type.name(), compact).ifPresent(doc -> hashes.add(idHash(doc)));
                }
                if (!hashes.isEmpty()) {
                    exactSearches.exactSearch(user, ExactSearchGuard.Kind.ID_NUMBER, where);
                }
                personHashes = hashes.isEmpty() ? List.of(new byte[0]) : hashes;
                if (compact.matches("[A-Za-z]{2}\\d{0,7}")) {
                    platePrefix = compact.toUpperCase(java.util.Locale.ROOT);
                }
            } else {
                platePrefix = q.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s·•-]", "");
            }
        }
        List<PassageRepository.StoredPassage> rows = passages.page(checkpoint.code(), date, platePrefix, personHashes, pageSize,
                (long) pageNo * pageSize);
        long total = passages.count(checkpoint.code(), date, platePrefix, personHashes);
        return new PassagePage(views(rows, Disclosure.masked()), pageNo, pageSize, total);
    }

    /**
     * A passage by id. Masked unless {@code full} is asked for; the full view goes through the audited reveal
     * reveal ({@link PersonalDataManagement#reveal}), which checks the permission and writes the audit entry.
     *
     * @throws NotFoundException     no such passage
     * @throws AccessDeniedException outside the jurisdiction, or full view not permitted
     */
    @Transactional
    @RequiresPermission(Permission.PASSAGE_READ)
    public PassageView passage(CordonUser user, long id, boolean full) {
        PassageRepository.StoredPassage stored = passages.findById(id).orElseThrow(() -> new NotFoundException("Passage " + id));
        Checkpoint checkpoint = checkpoint(user, stored.checkpointCode());
        Disclosure shown = full
                ? personalData.reveal(user, PersonalDataManagement.Record.atCheckpoint("passage", id, checkpoint.code(), checkpoint.townCode()))
                : Disclosure.masked();
        return view(stored, shown);
    }

    /** Every checkpoint, active or not (reference data for other modules, e.g. duty rosters and branches). */
    @SystemOperation
    public List<Checkpoint> allCheckpoints() {
        return checkpoints.findAll();
    }

    /** Every passage counted per day, hour and checkpoint (the city's time zone), for the dashboard's recount. */
    @SystemOperation
    public List<PassageTally> passageTallies() {
        return passages.tallies(settings.timeZone().getId());
    }

    /** Whether the user may open full views at all (for showing the button). */
    @PermissionQuery(Permission.PERSONAL_DATA_REVEAL)
    public boolean mayReveal(CordonUser user) {
        return personalData.mayReveal(user);
    }

    /** Daily figures of the checkpoints the user may see (one checkpoint when {@code code} is given). */
    @RequiresPermission(Permission.PASSAGE_READ)
    public List<DailyCounts> dailyCounts(CordonUser user, LocalDate day, String code) {
        LocalDate date = day == null ? settings.today(clock) : day;
        if (code != null) {
            checkpoint(user, code);
            return passages.dailyCounts(date, Set.of(code));
        }
        Set<String> visible = new HashSet<>();
        visibleCheckpoints(user).forEach(c -> visible.add(c.code()));
        return passages.dailyCounts(date, visible);
    }

    /**
     * Looks up a person by ID number for screening ({@link #mayScreen} roles only): masked name and phone
     * of the latest record inside the user's jurisdiction and their earlier passages there. A person
     * seen only outside the jurisdiction is answered exactly like an unknown one. Each look-up of a valid
     * number is an exact search: audit-logged and counted against the user's allowance ({@link ExactSearchGuard}).
     *
     * @throws AccessDeniedException the user's role does not screen
     * @throws org.cordon.shared.RateLimitedException too many exact searches by this user
     */
    @Transactional
    @RequiresPermission(Permission.PERSON_LOOKUP)
    public KnownPerson lookup(CordonUser user, String idType, String idNumber) {
        if (!mayScreen(user)) {
            throw new AccessDeniedException("Role " + user.role() + " does not screen; the known-person look-up is not for it");
        }
        Optional<IdNumber> id = parseId(idType, idNumber);
        if (id.isEmpty()) {
            return KnownPerson.unknown();
        }
        exactSearches.exactSearch(user, ExactSearchGuard.Kind.ID_NUMBER, "known-person look-up");
        byte[] hash = idHash(id.get());
        Optional<PassageRepository.StoredOccupant> latest = latestVisibleOccupant(user, hash);
        if (latest.isEmpty()) {
            return KnownPerson.unknown();
        }
        String phone = cipher.decrypt(PHONE_FIELD, latest.get().phoneEnc());
        List<KnownPerson.Earlier> earlier = passages.earlierPassages(hash, user.jurisdiction().checkpointCodes(),
                user.jurisdiction().areaCode(), 10);
        return new KnownPerson(true, PersonalValue.name(latest.get().name()), PersonalValue.phone(phone), earlier);
    }

    /** The latest occupant record with this ID hash that the user may see (same rule as the passage lists). */
    private Optional<PassageRepository.StoredOccupant> latestVisibleOccupant(CordonUser user, byte[] idHash) {
        return passages.latestVisibleOccupantWithIdHash(idHash, user.jurisdiction().checkpointCodes(),
                user.jurisdiction().areaCode());
    }

    // ---------------------------------------------------------------- rules

    @SystemOperation
    public ScreeningRules rules() {
        return checkpoints.rules();
    }

    /** Sets the fever threshold (35.0–40.0 °C). Commander or administrator only. */
    @Transactional
    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    public void updateFeverThreshold(CordonUser user, BigDecimal threshold) {
        requireRuleEditor(user);
        if (threshold == null || threshold.scale() > 1 || threshold.compareTo(new BigDecimal("35.0")) < 0
                || threshold.compareTo(new BigDecimal("40.0")) > 0) {
            throw new ValidationFailedException("feverThreshold", "validation.feverThreshold");
        }
        checkpoints.updateFeverThreshold(threshold, user.getUsername());
    }

    /**
     * Adds a risk area: a division-code prefix valid from a day, optionally until a day. The prefix is any origin
     * {@link AreaManagement#resolveOrigin} knows and is stored as its current code: a province, city or county,
     * Hong Kong, Macao or Taiwan, {@code ISO} (every arrival from abroad) or one country ({@code ISO:US}); an old
     * division code is stored as the current one.
     */
    @Transactional
    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    public long addRiskArea(CordonUser user, String codePrefix, LocalDate validFrom, LocalDate validTo) {
        requireRuleEditor(user);
        List<FieldProblem> problems = new ArrayList<>();
        String typed = codePrefix == null ? "" : codePrefix.trim();
        String prefix = null;
        String name = null;
        if (!typed.matches("\\d{2}|\\d{4}|\\d{6}|[A-Za-z:]{2,7}")) {
            problems.add(new FieldProblem("codePrefix", "validation.riskArea.prefix"));
        } else {
            prefix = areas.resolveOrigin(typed).map(Division::code).orElse(null);
            if (prefix == null) {
                problems.add(new FieldProblem("codePrefix", "validation.origin.unknown", typed));
            } else {
                name = areas.divisionPath(prefix);
            }
        }
        if (validFrom == null) {
            problems.add(new FieldProblem("validFrom", "validation.required"));
        } else if (validTo != null && validTo.isBefore(validFrom)) {
            problems.add(new FieldProblem("validTo", "validation.riskArea.period"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return checkpoints.insertRiskArea(prefix, name, validFrom, validTo, user.getUsername());
    }

    /** Ends a risk area's validity on a day (history is kept; risk areas are never deleted). */
    @Transactional
    @RequiresPermission(Permission.SCREENING_RULES_EDIT)
    public void endRiskArea(CordonUser user, long id, LocalDate validTo) {
        requireRuleEditor(user);
        RiskArea area = checkpoints.findRiskArea(id).orElseThrow(() -> new NotFoundException("Risk area " + id));
        if (validTo == null) {
            throw new ValidationFailedException("validTo", "validation.required");
        }
        if (validTo.isBefore(area.validFrom())) {
            throw new ValidationFailedException("validTo", "validation.riskArea.period");
        }
        checkpoints.updateRiskAreaEnd(id, validTo);
    }

    @PermissionQuery(Permission.SCREENING_RULES_EDIT)
    public boolean mayEditRules(CordonUser user) {
        return RolePermissions.may(user, Permission.SCREENING_RULES_EDIT);
    }

    private void requireRuleEditor(CordonUser user) {
        if (!mayEditRules(user)) {
            throw new AccessDeniedException("Only the commander or an administrator edits screening rules");
        }
    }

    // ---------------------------------------------------------------- alerts

    /** Alert board: open (and, if asked, acknowledged) alerts in the user's jurisdiction. Commander and medical staff. */
    @RequiresPermission(Permission.ALERT_READ)
    public List<Alert> alerts(CordonUser user, boolean includeAcknowledged) {
        requireAlertReader(user);
        List<AlertBoard.AlertRow> rows = alerts.visibleTo(user, includeAcknowledged, 500);
        Set<String> origins = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        rows.forEach(r -> {
            origins.add(r.originCode());
            if (r.destinationCode() != null) {
                destinations.add(r.destinationCode());
            }
        });
        Map<String, String> originNames = areas.divisionPaths(origins);
        Map<String, String> destinationNames = areas.areaNames(destinations);
        return rows.stream().map(r -> new Alert(r.id(), r.kind(), r.passageId(), r.checkpointCode(), r.checkpointName(),
                PersonalValue.name(r.name()), r.temperature(), originNames.get(r.originCode()),
                r.destinationCode() == null ? null : destinationNames.get(r.destinationCode()), r.plateNumber(), r.raisedAt(),
                r.acknowledgedAt(), r.acknowledgedBy())).toList();
    }

    /** Acknowledges an alert; false when it was acknowledged already. */
    @Transactional
    @RequiresPermission(Permission.ALERT_READ)
    public boolean acknowledgeAlert(CordonUser user, long alertId) {
        requireAlertReader(user);
        alerts.find(user, alertId).orElseThrow(() -> new NotFoundException("Alert " + alertId));
        return alerts.acknowledge(alertId, user.getUsername());
    }

    @PermissionQuery(Permission.ALERT_READ)
    public boolean mayReadAlerts(CordonUser user) {
        return RolePermissions.may(user, Permission.ALERT_READ);
    }

    private void requireAlertReader(CordonUser user) {
        if (!mayReadAlerts(user)) {
            throw new AccessDeniedException("The alert board is for the commander and medical staff");
        }
    }

    // ---------------------------------------------------------------- helpers

    private PassageView view(PassageRepository.StoredPassage p, Disclosure shown) {
        return views(List.of(p), shown).get(0);
    }

    private List<PassageView> views(List<PassageRepository.StoredPassage> rows, Disclosure shown) {
        List<Long> ids = rows.stream().map(PassageRepository.StoredPassage::id).toList();
        return views(rows, passages.occupantsOf(ids), shown);
    }

    private List<PassageView> views(List<PassageRepository.StoredPassage> rows,
                                    Map<Long, List<PassageRepository.StoredOccupant>> occupants, Disclosure shown) {
        Set<String> origins = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        for (PassageRepository.StoredPassage p : rows) {
            origins.add(p.originCode());
            if (p.destinationCode() != null) {
                destinations.add(p.destinationCode());
            }
        }
        Map<String, String> originNames = areas.divisionPaths(origins);
        Map<String, String> destinationNames = areas.areaNames(destinations);
        List<PassageView> views = new ArrayList<>();
        for (PassageRepository.StoredPassage p : rows) {
            List<PassageView.Occupant> list = new ArrayList<>();
            for (PassageRepository.StoredOccupant o : occupants.getOrDefault(p.id(), List.of())) {
                String id = cipher.decrypt(ID_FIELD, o.idNumberEnc());
                String phone = cipher.decrypt(PHONE_FIELD, o.phoneEnc());
                list.add(new PassageView.Occupant(o.id(), o.seq(), shown.name(o.name()), o.idType(), shown.idNumber(id), shown.phone(phone),
                        o.temperature(), o.symptoms(), o.riskAreaStay(), o.caseContact(), o.disposition()));
            }
            views.add(new PassageView(p.id(), p.clientId(), p.checkpointCode(), p.checkpointName(), p.direction(),
                    p.plateNumber(), p.plateKind(), p.vehicleType(), p.originCode(), originNames.get(p.originCode()), p.destinationCode(),
                    p.destinationCode() == null ? null : destinationNames.get(p.destinationCode()), p.disinfected(),
                    p.recordedAt(), p.recordedBy(), shown.full(), list));
        }
        return views;
    }

    private byte[] idHash(IdNumber id) {
        return idHash(cipher, id);
    }

    /** The keyed hash an occupant's ID number is found by. */
    static byte[] idHash(PersonalDataCipher cipher, IdNumber id) {
        // resident IDs and documents live in one hash space; the type keeps a passport from matching an ID number
        return cipher.hash(ID_FIELD, id.type().name() + ":" + id.value());
    }

    private Optional<IdNumber> parseId(String idType, String idNumber) {
        try {
            IdType type = isBlank(idType) ? IdType.RESIDENT_ID : IdType.valueOf(idType.trim().toUpperCase(java.util.Locale.ROOT));
            return Optional.of(IdNumber.parse(type, idNumber, settings.today(clock)));
        } catch (InvalidValueException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
