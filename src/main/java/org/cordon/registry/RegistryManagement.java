package org.cordon.registry;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.AreaScope;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.ExactSearchGuard;
import org.cordon.account.Disclosure;
import org.cordon.account.PersonalDataManagement;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.Masking;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person registry and returnee records. Persons are unique per identity document; ID numbers
 * and phones are encrypted at rest and found through keyed hashes. Every method taking a user
 * enforces their jurisdiction (the area subtree of the returnee's destination or the person's
 * residence); lists are masked, full views are audit-logged.
 */
@Service
@Transactional(readOnly = true)
public class RegistryManagement {

    static final String ID_FIELD = "idNumber";
    static final String PHONE_FIELD = "phone";

    private final PersonRepository persons;
    private final ReturneeRepository returnees;
    private final ReportedIdentities reports;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final ExactSearchGuard exactSearches;
    private final PersonalDataManagement personalData;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RegistryManagement(PersonRepository persons, ReturneeRepository returnees, ReportedIdentities reports, AreaManagement areas,
                       AccountManagement accounts, PersonalDataCipher cipher, AuditLog audit, ExactSearchGuard exactSearches,
                       PersonalDataManagement personalData,
                       CordonSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.persons = persons;
        this.returnees = returnees;
        this.reports = reports;
        this.areas = areas;
        this.accounts = accounts;
        this.cipher = cipher;
        this.audit = audit;
        this.exactSearches = exactSearches;
        this.personalData = personalData;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Result of a registration.
     *
     * @param returnee          the record: the new one, or the one registered before; null when that one lies outside
     *                          the user's jurisdiction (see {@code alreadyRegistered})
     * @param created           whether this call stored it
     * @param alreadyRegistered the earlier registration of the same arrival this call found instead of storing another
     *                          record; null when the call stored the record, or repeated a request (same {@code sourceRef})
     */
    public record Registration(ReturneeView returnee, boolean created, EarlierRegistration alreadyRegistered) {
    }

    /**
     * An earlier registration of the same person and arrival ({@link SameArrival}).
     *
     * @param returneeId   the record's id; null when it lies outside the user's jurisdiction
     * @param arrivedOn    its arrival date (may differ by up to {@link SameArrival#DAYS} days from the one given)
     * @param registeredAt when it was registered
     * @param source       how it was registered
     * @param registeredBy who registered it (an account, "checkpoint K01", "self-report"); null outside the jurisdiction
     * @param destinationName the name of its destination area
     */
    public record EarlierRegistration(Long returneeId, LocalDate arrivedOn, java.time.Instant registeredAt, ReturneeSource source,
                                      String registeredBy, String destinationName) {

        /** True when the user may open the record. */
        public boolean visible() {
            return returneeId != null;
        }
    }

    /** A page of returnees, newest arrival first. */
    public record ReturneePage(List<ReturneeView> items, int page, int size, long total) {
        public int totalPages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    // ------------------------------------------------------------------ persons

    /**
     * Finds or creates the person with this identity document and returns the id. An existing person
     * is never changed: values that differ from the registered ones are kept on the reporting record
     * (see {@link #keepReportedIdentity}) for a user with jurisdiction to confirm.
     */
    @Transactional
    @SystemOperation
    public long registerPerson(PersonData data) {
        IdNumber id = data.idNumber();
        String sex = id.sex().map(Enum::name).orElse(null);
        LocalDate birth = id.birthDate().orElse(null);
        String phone = data.phone() == null ? null : data.phone().value();
        return persons.insertOrFind(id.type(), nationality(data), cipher.encrypt(ID_FIELD, id.value()), identityHash(id, nationality(data)),
                data.name(), sex, birth, phone == null ? null : cipher.encrypt(PHONE_FIELD, phone),
                phone == null ? null : cipher.hash(PHONE_FIELD, phone), data.residenceCode(), data.address());
    }

    /**
     * Notes that another module follows the person up in the area (an observation episode): the person is
     * then found by the person search of that area's staff. Idempotent.
     */
    @Transactional
    @SystemOperation
    public void followedUpIn(long personId, String areaCode) {
        persons.noteArea(personId, areaCode);
    }

    /** Registered returnees counted per arrival day and destination, for the dashboard's recount. */
    @SystemOperation
    public List<ArrivalTally> arrivalTallies() {
        return returnees.arrivalTallies();
    }

    /** Masked summaries of persons by id, in one query; the caller applies its own jurisdiction rules. */
    @SystemOperation
    public Map<Long, PersonSummary> summaries(Collection<Long> personIds) {
        Map<Long, PersonSummary> result = new HashMap<>();
        for (PersonRepository.StoredPerson p : persons.findAll(new HashSet<>(personIds))) {
            result.put(p.id(), summary(p, Disclosure.masked()));
        }
        return result;
    }

    /**
     * The identity document of a person, decrypted, for another module's trusted use without a user (observation
     * looks up a confirmed case's fellow travellers at the checkpoints by it); never shown. Empty for an unknown person.
     */
    @SystemOperation
    public Optional<IdNumber> identityOf(long personId) {
        return persons.findById(personId).map(p -> new IdNumber(p.idType(), cipher.decrypt(ID_FIELD, p.idNumberEnc())));
    }

    /**
     * Whether the user may see the person: they live, arrived or are followed up inside the user's jurisdiction (the
     * rule of the person search). False for an unknown person.
     */
    @RequiresPermission(Permission.RETURNEE_READ)
    public boolean visibleTo(CordonUser user, long personId) {
        org.cordon.account.Jurisdiction j = user.jurisdiction();
        if (j == null || j.areaCode() == null) {
            return false;
        }
        return persons.visibleIn(personId, j.areaCode());
    }

    /** The registered person with this identity document, if any: nothing is created. */
    @SystemOperation
    public Optional<Long> findPerson(IdNumber id, String nationality) {
        return persons.idByHash(identityHash(id, nationality == null ? "" : nationality));
    }

    /**
     * A registered person's identity, decrypted, for another module's trusted use without a user (never shown as such;
     * see {@link RegisteredIdentity}). Empty for an unknown person.
     */
    @SystemOperation
    public Optional<RegisteredIdentity> registeredIdentity(long personId) {
        return persons.findById(personId).map(p -> new RegisteredIdentity(p.id(), new IdNumber(p.idType(),
                cipher.decrypt(ID_FIELD, p.idNumberEnc())), p.nationality(), p.name(),
                p.phoneEnc() == null ? null : cipher.decrypt(PHONE_FIELD, p.phoneEnc()), p.birthDate(), p.residenceCode()));
    }

    /** The person's registered arrivals on or after {@code since} (merged duplicates excluded), newest first. */
    @SystemOperation
    public List<Arrival> arrivalsSince(long personId, LocalDate since) {
        return returnees.arrivalsSince(personId, since);
    }

    /** The person of a record as the given disclosure shows it (masked unless it comes from the audited reveal). */
    @RequiresPermission(Permission.RETURNEE_READ)
    public PersonSummary person(CordonUser user, long personId, Disclosure shown) {
        requireArea(user);
        PersonRepository.StoredPerson p = persons.findById(personId).orElseThrow(() -> new NotFoundException("Person " + personId));
        return summary(p, shown);
    }

    /**
     * Searches persons inside the user's area: by name (fuzzy), or by a full ID number or phone number.
     * Results are masked. A search by a full number is audit-logged and counted against the user's
     * allowance ({@link ExactSearchGuard}); a search by name is not.
     *
     * @throws org.cordon.shared.RateLimitedException too many exact searches by this user; nothing is searched
     */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_READ)
    public List<PersonSummary> searchPersons(CordonUser user, String query) {
        String area = requireArea(user);
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String q = query.trim();
        List<byte[]> hashes = new ArrayList<>();
        try {
            IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, q, today());
            hashes.add(identityHash(id, ""));
        } catch (InvalidValueException notAnId) {
            // not a resident ID number
        }
        ExactSearchGuard.Kind kind = hashes.isEmpty() ? null : ExactSearchGuard.Kind.ID_NUMBER;
        if (hashes.isEmpty() && q.replaceAll("[\\s-]", "").matches("(\\+?86)?1[3-9]\\d{9}")) {
            hashes.add(cipher.hash(PHONE_FIELD, PhoneNumber.parse(q).value()));
            kind = ExactSearchGuard.Kind.PHONE;
        }
        if (kind != null) {
            exactSearches.exactSearch(user, kind, "persons of area " + area);
        }
        List<PersonRepository.StoredPerson> found = hashes.isEmpty()
                ? persons.search(area, q, List.of(), 50)
                : persons.search(area, null, hashes, 50);
        return found.stream().map(p -> summary(p, Disclosure.masked())).toList();
    }

    // ------------------------------------------------------------------ returnees

    /** Longest client reference of a registration by hand (a UUID is 36). */
    static final int MAX_SOURCE_REF = 100;

    /**
     * Registers a returnee by hand (door to door) inside the user's area; idempotent on {@code sourceRef}.
     * One person, one arrival, one record: when the person has a record of the same arrival ({@link SameArrival})
     * from any source, nothing new is stored and the answer names that record ({@link Registration#alreadyRegistered}).
     * Inside the user's jurisdiction the registration then completes it: its empty details are filled in (never
     * replaced), identity values that differ are kept as reported ({@link ReportedIdentity}), and a self-report
     * waiting for confirmation is confirmed (observation starts). Outside it, the answer says only when, how and in
     * which area the arrival was registered (no id): an exact look-up by ID number, audited and counted like one
     * ({@link ExactSearchGuard}). Throws {@link ValidationFailedException} (nothing stored) when any field is invalid.
     *
     * @throws org.cordon.shared.RateLimitedException the arrival is registered outside the jurisdiction and the user's
     *                                                allowance of exact look-ups is used up; nothing is stored
     */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public Registration registerReturnee(CordonUser user, ReturneeRequest request) {
        requireRegistrar(user);
        String sourceRef = request.sourceRef() == null || request.sourceRef().isBlank()
                ? UUID.randomUUID().toString() : request.sourceRef().trim();
        if (sourceRef.length() > MAX_SOURCE_REF) {
            throw new ValidationFailedException(List.of(FieldProblem.tooLong("sourceRef", MAX_SOURCE_REF, sourceRef)));
        }
        Optional<ReturneeRepository.StoredReturnee> existing = returnees.findBySource(ReturneeSource.DOOR_TO_DOOR, sourceRef);
        if (existing.isPresent()) {
            return repeatedRequest(user, existing.get());
        }
        ReturneeValidator.Result result = validator().validate(request, today());
        List<FieldProblem> problems = new ArrayList<>(result.problems());
        if (result.ok() && !AreaScope.of(user).covers(result.valid().destinationCode())) {
            problems.add(new FieldProblem("destinationCode", "validation.destination.outsideJurisdiction"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        Stored stored = store(result.valid(), ReturneeSource.DOOR_TO_DOOR, sourceRef, ReturneeStatus.REGISTERED, user.getUsername());
        if (stored.created()) {
            return new Registration(view(returnees.findById(stored.id()).orElseThrow(), Disclosure.masked()), true, null);
        }
        if (stored.earlier() == null) {
            return repeatedRequest(user, returnees.findById(stored.id()).orElseThrow());
        }
        ReturneeRepository.StoredReturnee earlier = stored.earlier();
        if (!AreaScope.of(user).covers(earlier.destinationCode())) {
            exactSearches.exactSearch(user, ExactSearchGuard.Kind.ID_NUMBER,
                    "a door-to-door registration whose arrival is registered outside " + user.jurisdiction().areaCode());
            return new Registration(null, false, new EarlierRegistration(null, earlier.arrivedOn(), earlier.createdAt(),
                    earlier.source(), null, areaName(earlier.destinationCode())));
        }
        completeEarlier(earlier, result.valid(), user.getUsername(), true);
        ReturneeRepository.StoredReturnee now = returnees.findById(earlier.id()).orElseThrow();
        return new Registration(view(now, Disclosure.masked()), false, new EarlierRegistration(earlier.id(), earlier.arrivedOn(),
                earlier.createdAt(), earlier.source(), earlier.createdBy(), areaName(earlier.destinationCode())));
    }

    /**
     * The answer to a request repeated with its {@code sourceRef}: the record it stored — or, for a duplicate merged
     * since, the record of the same arrival it was merged into, which may lie outside the user's jurisdiction (then
     * only when, how and where, as for another registration of the arrival).
     */
    private Registration repeatedRequest(CordonUser user, ReturneeRepository.StoredReturnee r) {
        if (!AreaScope.of(user).covers(r.destinationCode())) {
            return new Registration(null, false, new EarlierRegistration(null, r.arrivedOn(), r.createdAt(), r.source(), null,
                    areaName(r.destinationCode())));
        }
        return new Registration(view(r, Disclosure.masked()), false, null);
    }

    /**
     * One roster row (imported list): validated like a hand registration; the same person arriving on the same
     * arrival ({@link SameArrival}) is stored once however often the row is imported, and not at all when the arrival
     * was registered otherwise (door to door, at a checkpoint, self-reported). A registered ID number with another
     * name is a problem of the row ({@code roster.idNumber.otherName}): a roster never renames a person. Returns the
     * problems of an invalid row (nothing stored) or an empty list.
     */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public List<FieldProblem> importReturnee(CordonUser user, ReturneeRequest request) {
        requireRegistrar(user);
        ReturneeValidator.Result result = validator().validate(request, today());
        if (!result.ok()) {
            return result.problems();
        }
        if (!AreaScope.of(user).covers(result.valid().destinationCode())) {
            return List.of(new FieldProblem("destinationCode", "validation.destination.outsideJurisdiction"));
        }
        ReturneeValidator.Valid v = result.valid();
        byte[] hash = identityHash(v.person().idNumber(), v.person().nationality());
        Optional<PersonRepository.StoredPerson> registered = persons.idByHash(hash).flatMap(persons::findById);
        if (registered.isPresent() && !Names.same(registered.get().name(), v.person().name())) {
            return List.of(otherName(registered.get().name()));
        }
        String sourceRef = HexFormat.of().formatHex(hash) + ":" + v.arrivedOn();
        Stored stored = store(v, ReturneeSource.IMPORTED, sourceRef, ReturneeStatus.REGISTERED, user.getUsername());
        if (stored.earlier() != null && stored.earlier().status() == ReturneeStatus.UNVERIFIED
                && AreaScope.of(user).covers(stored.earlier().destinationCode())) {
            confirmSelfReport(stored.earlier());
        }
        return List.of();
    }

    /** The problem of a roster row whose registered ID number has another name (the registered one masked). */
    static FieldProblem otherName(String registeredName) {
        return new FieldProblem("idNumber", "roster.idNumber.otherName", org.cordon.account.PersonalValue.name(registeredName).text());
    }

    /**
     * A self-report (自主申报) from the public portal: validated like a registration and stored as an
     * UNVERIFIED returnee in the stated village or compound, for its grid workers to confirm (observation
     * starts on confirmation). Idempotent on the confirmation number; when the person's arrival is registered
     * already ({@link SameArrival}) nothing is stored and nothing changes (the caller is not told: the portal
     * reveals nothing about anyone's records). Returns the problems of an invalid report (nothing stored) or an
     * empty list.
     */
    @Transactional
    @SystemOperation
    public List<FieldProblem> selfReport(String confirmationNumber, ReturneeRequest request) {
        ReturneeValidator.Result result = validator().validate(request, today());
        if (!result.ok()) {
            return result.problems();
        }
        if (returnees.findBySource(ReturneeSource.SELF_REPORT, confirmationNumber).isEmpty()) {
            store(result.valid(), ReturneeSource.SELF_REPORT, confirmationNumber, ReturneeStatus.UNVERIFIED, "self-report");
        }
        return List.of();
    }

    /**
     * A returnee taken over from elsewhere (a checkpoint): no user jurisdiction applies. Idempotent on
     * (source, sourceRef). When the person has a record of the same arrival ({@link SameArrival}) that record is
     * completed instead (empty details filled in, differing identity values kept as reported, a self-report confirmed)
     * and its id returned. Returns the returnee id.
     */
    @Transactional
    @SystemOperation
    public long registerReturneeFrom(ReturneeSource source, String sourceRef, PersonData person, String originCode,
                                     LocalDate arrivedOn, TransportMode mode, String transportDetail, String destinationCode,
                                     String destinationAddress, ReturneeStatus status, String createdBy) {
        Optional<ReturneeRepository.StoredReturnee> existing = returnees.findBySource(source, sourceRef);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        ReturneeValidator.Valid v = new ReturneeValidator.Valid(person, originCode, null, arrivedOn, mode, transportDetail, null,
                destinationCode, destinationAddress);
        Stored stored = store(v, source, sourceRef, status, createdBy);
        if (stored.earlier() != null && status != ReturneeStatus.UNVERIFIED) {
            completeEarlier(stored.earlier(), v, createdBy, true);
        }
        return stored.id();
    }

    /** One arrival handed over by another module: what {@link #registerReturneeFrom} takes, as a record. */
    public record HandedOver(ReturneeSource source, String sourceRef, PersonData person, String originCode, LocalDate arrivedOn,
                          TransportMode mode, String transportDetail, String destinationCode, String destinationAddress,
                          ReturneeStatus status, String createdBy) {
    }

    /**
     * {@link #registerReturneeFrom} for several arrivals in one transaction (a passage's risk arrivals): the returnees
     * registered are announced together, as one {@link ReturneesRegistered}, so that observation, the health code and
     * the statistics take them in one reaction each. Returns the returnee ids in order.
     */
    @Transactional
    @SystemOperation
    public List<Long> registerReturneesFrom(List<HandedOver> arrivals) {
        List<ReturneeRegistered> outer = collected.get();
        List<ReturneeRegistered> mine = new ArrayList<>();
        collected.set(mine);
        List<Long> ids = new ArrayList<>();
        try {
            for (HandedOver a : arrivals) {
                ids.add(registerReturneeFrom(a.source(), a.sourceRef(), a.person(), a.originCode(), a.arrivedOn(), a.mode(),
                        a.transportDetail(), a.destinationCode(), a.destinationAddress(), a.status(), a.createdBy()));
            }
        } finally {
            collected.set(outer);
        }
        if (mine.size() == 1) {
            registered(mine.get(0));
        } else if (!mine.isEmpty()) {
            if (outer != null) {
                outer.addAll(mine);
            } else {
                events.publishEvent(new ReturneesRegistered(mine));
            }
        }
        return ids;
    }

    /** Returnees registered by {@link #registerReturneesFrom} on this thread, announced together at its end. */
    private final ThreadLocal<List<ReturneeRegistered>> collected = new ThreadLocal<>();

    /** Announces a registered returnee, or keeps it for the announcement of {@link #registerReturneesFrom}. */
    private void registered(ReturneeRegistered event) {
        List<ReturneeRegistered> list = collected.get();
        if (list != null) {
            list.add(event);
        } else {
            events.publishEvent(event);
        }
    }

    /**
     * The record a returnee id stands for now: itself, or — for a duplicate merged into the record of the same
     * arrival — that record. Empty when unknown.
     */
    @SystemOperation
    public Optional<Long> currentReturneeId(long returneeId) {
        return returnees.findById(returneeId).map(ReturneeRepository.StoredReturnee::id);
    }

    /**
     * What {@link #store} did: the id of the record stored, or of the one found instead; {@code earlier} is that
     * record when it is another registration of the same arrival (null when stored, or for the same source reference).
     */
    private record Stored(long id, boolean created, ReturneeRepository.StoredReturnee earlier) {
    }

    /**
     * Stores the returnee unless the person has a record of the same arrival, or one with this source reference
     * (then it changes nothing and returns that record). Safe under concurrent calls: the insert waits for a
     * concurrent one of the same arrival, and the look-up after it sees that.
     */
    private Stored store(ReturneeValidator.Valid v, ReturneeSource source, String sourceRef, ReturneeStatus status, String createdBy) {
        long personId = registerPerson(v.person());
        Optional<ReturneeRepository.StoredReturnee> same = returnees.findSameArrival(personId, v.arrivedOn());
        if (same.isPresent()) {
            return new Stored(same.get().id(), false, same.get());
        }
        String responsible = accounts.gridWorkerFor(v.destinationCode()).orElse(null);
        Optional<Long> inserted = returnees.insert(personId, v.originCode(), v.leftRiskAreaOn(), v.arrivedOn(), v.transportMode(),
                v.transportDetail(), v.companions(), v.destinationCode(), v.destinationAddress(), source, sourceRef, responsible,
                status, createdBy);
        if (inserted.isEmpty()) {
            // a concurrent registration was stored first: the same request, or another one of the same arrival
            Optional<ReturneeRepository.StoredReturnee> bySource = returnees.findBySource(source, sourceRef);
            if (bySource.isPresent()) {
                return new Stored(bySource.get().id(), false, null);
            }
            ReturneeRepository.StoredReturnee earlier = returnees.findSameArrival(personId, v.arrivedOn()).orElseThrow();
            return new Stored(earlier.id(), false, earlier);
        }
        reports.keepDiffering(List.of(new ReportedIdentities.Report(personId, v.person(), ReportedIdentity.RecordType.RETURNEE,
                inserted.get(), v.destinationCode(), createdBy)));
        if (status != ReturneeStatus.UNVERIFIED) {
            registered(new ReturneeRegistered(inserted.get(), personId, v.destinationCode(), v.arrivedOn(), source, responsible));
        }
        return new Stored(inserted.get(), true, null);
    }

    /**
     * A staff registration of an arrival registered before completes that record: empty details filled in
     * ({@code fill}), identity values that differ kept as reported (a record keeps its first report), a self-report
     * waiting for confirmation confirmed.
     */
    private void completeEarlier(ReturneeRepository.StoredReturnee earlier, ReturneeValidator.Valid v, String by, boolean fill) {
        if (fill) {
            returnees.fillEmpty(earlier.id(), v.originCode(), v.leftRiskAreaOn(), v.transportMode(), v.transportDetail(),
                    v.companions(), v.destinationAddress());
        }
        reports.keepDiffering(List.of(new ReportedIdentities.Report(earlier.personId(), v.person(),
                ReportedIdentity.RecordType.RETURNEE, earlier.id(), earlier.destinationCode(), by)));
        if (earlier.status() == ReturneeStatus.UNVERIFIED) {
            confirmSelfReport(earlier);
        }
    }

    /** An unverified record becomes registered; publishes {@link ReturneeRegistered} (observation starts). */
    void confirmSelfReport(ReturneeRepository.StoredReturnee r) {
        confirmSelfReport(r.id(), r.personId(), r.destinationCode(), r.arrivedOn(), r.source(), r.responsibleUsername());
    }

    /** {@link #confirmSelfReport(ReturneeRepository.StoredReturnee)} of the record with these values. */
    void confirmSelfReport(long id, long personId, String destinationCode, LocalDate arrivedOn, ReturneeSource source,
                           String responsible) {
        if (returnees.confirm(id) == 1) {
            registered(new ReturneeRegistered(id, personId, destinationCode, arrivedOn, source, responsible));
        }
    }

    private String areaName(String code) {
        return areas.areaNames(Set.of(code)).getOrDefault(code, code);
    }

    // ------------------------------------------------------------------ reported identities

    /**
     * Keeps the identity values a registration of another module (e.g. a close contact's episode)
     * reported for a registered person, when they differ from the registered ones, for a user whose
     * jurisdiction covers {@code areaCode} to confirm. Changes nothing of the person. A record keeps one
     * report (the first).
     */
    @Transactional
    @SystemOperation
    public void keepReportedIdentity(long personId, PersonData reported, ReportedIdentity.RecordType recordType, long recordId,
                                     String areaCode, String reportedBy) {
        reports.keepDiffering(List.of(new ReportedIdentities.Report(personId, reported, recordType, recordId, areaCode, reportedBy)));
    }

    /**
     * The open identity difference of a record, if its area lies in the user's jurisdiction (empty
     * otherwise, and when the reported values no longer differ). Names and phones are shown as
     * {@code shown} shows the record's person: masked unless it is the caller's audited reveal of that record.
     */
    @RequiresPermission(Permission.RETURNEE_READ)
    public Optional<ReportedIdentity> reportedIdentity(CordonUser user, ReportedIdentity.RecordType recordType, long recordId,
                                                       Disclosure shown) {
        requireArea(user);
        return Optional.ofNullable(reports.open(recordType, List.of(recordId), shown, AreaScope.of(user)::covers).get(recordId));
    }

    /**
     * Confirms a record's reported identity (registrars whose jurisdiction covers the record's area):
     * {@code accept} adopts the reported values that still differ into the person — a change of personal
     * data, audited ({@code PERSON_CHANGED}) — otherwise the registered values stay. Either way the
     * difference is cleared. {@link NotFoundException} when the record has no open difference.
     */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public void confirmReportedIdentity(CordonUser user, ReportedIdentity.RecordType recordType, long recordId, boolean accept) {
        requireRegistrar(user);
        ReportedIdentityRepository.Stored report = reports.lockOpen(recordType, recordId)
                .orElseThrow(() -> new NotFoundException("No reported identity to confirm on " + recordType + " " + recordId));
        if (!AreaScope.of(user).covers(report.areaCode())) {
            throw new AccessDeniedException(recordType + " " + recordId + " is outside the jurisdiction of " + user.getUsername());
        }
        Set<ReportedIdentity.Field> adopted = reports.resolve(report, accept, user.getUsername());
        if (!adopted.isEmpty()) {
            audit.record(user.getUsername(), AuditLog.Action.PERSON_CHANGED, "person", String.valueOf(report.personId()),
                    "adopted the reported " + adopted.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList()
                            + " from " + recordType.name().toLowerCase(Locale.ROOT) + " " + recordId);
        }
    }

    /** {@link #confirmReportedIdentity} for a returnee the user may see; returns the returnee afterwards (masked). */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public ReturneeView confirmReturneeIdentity(CordonUser user, long returneeId, Boolean accept) {
        visibleReturnee(user, returneeId);
        if (accept == null) {
            throw new ValidationFailedException("accept", "validation.required");
        }
        confirmReportedIdentity(user, ReportedIdentity.RecordType.RETURNEE, returneeId, accept);
        return view(returnees.findById(returneeId).orElseThrow(), Disclosure.masked());
    }

    /** Confirms an unverified (self-reported) returnee inside the user's area; publishes {@link ReturneeRegistered}. */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_REGISTER)
    public void verifyReturnee(CordonUser user, long returneeId) {
        ReturneeRepository.StoredReturnee r = visibleReturnee(user, returneeId);
        if (r.status() == ReturneeStatus.UNVERIFIED) {
            confirmSelfReport(r);
        }
    }

    /** Sets a returnee's status (used by the observation module as the person's observation progresses). */
    @Transactional
    @SystemOperation
    public void updateReturneeStatus(long returneeId, ReturneeStatus status) {
        returnees.updateStatus(returneeId, status);
    }

    // ------------------------------------------------------------------ chunks (ReturneesRegistered)

    /**
     * {@link #currentReturneeId} of many records in one query: the record each id stands for now, by id (itself, or
     * the record a merged duplicate was merged into); unknown ids are left out. Never null.
     */
    @SystemOperation
    public Map<Long, Long> currentReturneeIds(Collection<Long> returneeIds) {
        return returnees.currentIds(returneeIds);
    }

    /**
     * {@link #followedUpIn(long, String)} of many (person, area) pairs in one statement; the lists are parallel and of
     * the same length. Idempotent.
     */
    @Transactional
    @SystemOperation
    public void followedUpIn(List<Long> personIds, List<String> areaCodes) {
        if (personIds.size() != areaCodes.size()) {
            throw new IllegalArgumentException(personIds.size() + " persons but " + areaCodes.size() + " areas");
        }
        persons.noteAreas(personIds, areaCodes);
    }

    /** {@link #updateReturneeStatus} of many records in one statement. */
    @Transactional
    @SystemOperation
    public void updateReturneeStatuses(Collection<Long> returneeIds, ReturneeStatus status) {
        returnees.updateStatuses(returneeIds, status);
    }

    /** Returnees whose destination lies in {@code areaCode} (default: the user's area), masked. */
    @RequiresPermission(Permission.RETURNEE_READ)
    public ReturneePage returnees(CordonUser user, String areaCode, ReturneeStatus status, int page, int size) {
        String area = requireArea(user);
        String root = areaCode == null || areaCode.isBlank() ? area : areaCode.trim();
        if (!AreaScope.of(user).covers(root)) {
            throw new AccessDeniedException("Area " + root + " is outside the jurisdiction of " + user.getUsername());
        }
        int pageSize = Math.max(1, Math.min(size, 200));
        int pageNo = Math.max(0, page);
        List<ReturneeRepository.StoredReturnee> rows = returnees.page(root, status, pageSize, (long) pageNo * pageSize);
        return new ReturneePage(views(rows, Disclosure.masked()), pageNo, pageSize, returnees.count(root, status));
    }

    /**
     * One returnee. {@code full} reveals the person as far as the caller's role allows — everything for
     * the reveal roles, name and phone (ID number masked) for the contact roles (grid workers, town
     * staff), {@link AccessDeniedException} for others — and writes a {@code VIEW_FULL} audit entry.
     */
    @Transactional
    @RequiresPermission(Permission.RETURNEE_READ)
    public ReturneeView returnee(CordonUser user, long id, boolean full) {
        ReturneeRepository.StoredReturnee r = visibleReturnee(user, id);
        Disclosure shown = full
                ? personalData.reveal(user, PersonalDataManagement.Record.inArea("returnee", id, r.destinationCode()))
                : Disclosure.masked();
        return view(r, shown);
    }

    /** The returnee record's destination area (for other modules' jurisdiction checks); empty when unknown. */
    @SystemOperation
    public Optional<String> returneeDestination(long returneeId) {
        return returnees.findById(returneeId).map(ReturneeRepository.StoredReturnee::destinationCode);
    }

    // ------------------------------------------------------------------ helpers

    private ReturneeRepository.StoredReturnee visibleReturnee(CordonUser user, long id) {
        requireArea(user);
        ReturneeRepository.StoredReturnee r = returnees.findById(id).orElseThrow(() -> new NotFoundException("Returnee " + id));
        if (!AreaScope.of(user).covers(r.destinationCode())) {
            throw new AccessDeniedException("Returnee " + id + " is outside the jurisdiction of " + user.getUsername());
        }
        return r;
    }

    private List<ReturneeView> views(List<ReturneeRepository.StoredReturnee> rows, Disclosure reveal) {
        Set<Long> personIds = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        Set<String> origins = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        for (ReturneeRepository.StoredReturnee r : rows) {
            personIds.add(r.personId());
            ids.add(r.id());
            if (r.originCode() != null) {
                origins.add(r.originCode());
            }
            destinations.add(r.destinationCode());
        }
        Map<Long, PersonSummary> people = new HashMap<>();
        persons.findAll(personIds).forEach(p -> people.put(p.id(), summary(p, reveal)));
        Map<String, String> originNames = areas.divisionPaths(origins);
        Map<String, String> destinationNames = areas.areaNames(destinations);
        Map<Long, ReportedIdentity> reported = reports.open(ReportedIdentity.RecordType.RETURNEE, ids, reveal);
        return rows.stream().map(r -> new ReturneeView(r.id(), people.get(r.personId()), r.originCode(),
                r.originCode() == null ? null : originNames.get(r.originCode()), r.leftRiskAreaOn(), r.arrivedOn(), r.transportMode(),
                r.transportDetail(), r.companions(), r.destinationCode(), destinationNames.get(r.destinationCode()),
                r.destinationAddress(), r.source(), r.responsibleUsername(), r.status(), r.createdAt(), r.createdBy(),
                r.source() == ReturneeSource.SELF_REPORT ? r.sourceRef() : null, reported.containsKey(r.id()),
                reported.get(r.id()))).toList();
    }

    private ReturneeView view(ReturneeRepository.StoredReturnee r, Disclosure reveal) {
        return views(List.of(r), reveal).get(0);
    }

    private PersonSummary summary(PersonRepository.StoredPerson p, Disclosure shown) {
        return PersonSummary.of(p.id(), p.name(), p.idType(), cipher.decrypt(ID_FIELD, p.idNumberEnc()),
                cipher.decrypt(PHONE_FIELD, p.phoneEnc()), p.sex(), p.birthDate(), p.residenceCode(), shown);
    }

    private ReturneeValidator validator() {
        return new ReturneeValidator(code -> areas.resolveOrigin(code).map(Division::code),
                code -> areas.findArea(code).isPresent());
    }

    /** The keyed hash identifying a person: type, nationality (passports) and number. */
    byte[] identityHash(IdNumber id, String nationality) {
        return cipher.hash(ID_FIELD, id.type().name() + ":" + (nationality == null ? "" : nationality) + ":" + id.value());
    }

    private static String nationality(PersonData data) {
        return data.nationality() == null ? "" : data.nationality();
    }

    private LocalDate today() {
        return settings.today(clock);
    }

    /** Personal records of returnees and people under observation: grid workers, medical staff, commander, admin. */
    private static String requireArea(CordonUser user) {
        if (!RolePermissions.may(user, Permission.RETURNEE_READ) || user.jurisdiction().areaCode() == null) {
            throw new AccessDeniedException("The registry is for staff with an area jurisdiction");
        }
        return user.jurisdiction().areaCode();
    }

    private static void requireRegistrar(CordonUser user) {
        if (!RolePermissions.may(user, Permission.RETURNEE_REGISTER)) {
            throw new AccessDeniedException("Role " + user.role() + " does not register returnees");
        }
        requireArea(user);
    }
}
