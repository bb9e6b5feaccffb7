package org.cordon.healthcode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.area.Area;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.checkpoint.ScreeningRules;
import org.cordon.checkpoint.Symptom;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.ReferralManagement;
import org.cordon.registry.Arrival;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegisteredIdentity;
import org.cordon.registry.RegistryManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.TextRules;
import org.cordon.shared.ValidationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The health code: a person's colour from the rules ({@link HealthCodeRules}), kept as one code id per colour period
 * (a change of colour revokes the code and starts the next), issued as a compact JWS signed with this platform's
 * Ed25519 key ({@link SigningKeys}); the declaration on the portal; reopening links; staff views and printed cards;
 * verification (this platform's codes and trusted issuers') and the revocation list for offline verifiers.
 */
@Service
public class HealthCodeManagement {

    private static final Logger log = LoggerFactory.getLogger(HealthCodeManagement.class);
    private static final Set<AreaKind> RESIDENCE_KINDS = EnumSet.of(AreaKind.VILLAGE, AreaKind.COMMUNITY, AreaKind.GROUP,
            AreaKind.COMPOUND);
    static final int MAX_STAYS = 10;
    static final int MAX_NAME = 50;
    static final int REVOCATIONS_PER_PAGE = 10_000;
    /** A clock difference between issuer and verifier that is tolerated. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /** How long a revocation is given to be committed by every transaction numbered before it. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final HealthCodeRepository repository;
    private final SigningKeys keys;
    private final TrustedIssuers trusted;
    private final HealthCodeRules rules;
    private final HealthCodeSettings settings;
    private final RegistryManagement registry;
    private final EpisodeManagement episodes;
    private final ReferralManagement referrals;
    private final CheckpointManagement checkpoints;
    private final ScreenedOccupants occupants;
    private final AreaManagement areas;
    private final CordonSettings cordon;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TransactionTemplate tx;
    private final AuditLog audit;

    HealthCodeManagement(HealthCodeRepository repository, SigningKeys keys, TrustedIssuers trusted, HealthCodeRules rules,
                         HealthCodeSettings settings, RegistryManagement registry, EpisodeManagement episodes,
                         ReferralManagement referrals, CheckpointManagement checkpoints, ScreenedOccupants occupants,
                         AreaManagement areas, CordonSettings cordon, Clock clock, TransactionTemplate tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
        this.repository = repository;
        this.keys = keys;
        this.trusted = trusted;
        this.rules = rules;
        this.settings = settings;
        this.registry = registry;
        this.episodes = episodes;
        this.referrals = referrals;
        this.checkpoints = checkpoints;
        this.occupants = occupants;
        this.areas = areas;
        this.cordon = cordon;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the person's code

    /**
     * The person's colour now and the code of that colour: the current code when the colour is unchanged (its reasons
     * brought up to date), otherwise the current one is revoked and a new code id starts. Concurrent callers agree on
     * one current code (row lock, one-current-code index).
     */
    @Transactional
    @SystemOperation
    public CodeColor reassess(long personId) {
        return current(personId).color();
    }

    private HealthCodeRepository.StoredCode current(long personId) {
        HealthCodeRules.Assessment a = assess(personId);
        Instant now = clock.instant();
        Optional<HealthCodeRepository.StoredCode> existing = repository.currentForUpdate(personId);
        if (existing.isPresent()) {
            HealthCodeRepository.StoredCode c = existing.get();
            if (c.color() == a.color()) {
                if (!c.reasons().equals(a.reasons())) {
                    repository.reassessed(c.codeId(), a.reasons(), now);
                } else {
                    repository.reassessed(c.codeId(), c.reasons(), now);
                }
                return new HealthCodeRepository.StoredCode(c.codeId(), personId, c.color(), a.reasons(), c.issuedAt(), null);
            }
            repository.revoke(c.codeId(), now);
            log.info("Health code {} of person {} revoked: {} -> {} ({})", c.codeId(), personId, c.color(), a.color(), a.reasons());
        }
        String codeId = newCodeId();
        if (!repository.insertCurrent(codeId, personId, a.color(), a.reasons(), now)) {
            // another transaction made the current code meanwhile
            return repository.currentForUpdate(personId).orElseThrow();
        }
        return new HealthCodeRepository.StoredCode(codeId, personId, a.color(), a.reasons(), now, null);
    }

    /** What the platform knows about the person, through the rules. */
    HealthCodeRules.Assessment assess(long personId) {
        LocalDate today = cordon.today(clock);
        LocalDate since = today.minus(settings.lookBack());
        List<HealthCodeRules.Origin> origins = new ArrayList<>();
        for (Arrival a : registry.arrivalsSince(personId, since)) {
            origins.add(new HealthCodeRules.Origin(a.originCode(), a.arrivedOn()));
        }
        ZoneId zone = cordon.timeZone();
        Instant from = since.atStartOfDay(zone).toInstant();
        registry.identityOf(personId).ifPresent(id -> {
            for (ScreenedOccupants.Entry e : occupants.entriesSince(id, from)) {
                origins.add(new HealthCodeRules.Origin(e.originCode(), e.recordedAt().atZone(zone).toLocalDate()));
            }
        });
        for (HealthCodeRepository.StoredDeclaration d : repository.declarationsSince(personId, from)) {
            LocalDate arrived = d.arrivedOn() != null ? d.arrivedOn() : d.declaredAt().atZone(zone).toLocalDate();
            for (String stay : d.stays()) {
                origins.add(new HealthCodeRules.Origin(stay, arrived));
            }
        }
        ScreeningRules screening = checkpoints.rules();
        return rules.assess(episodes.followUpStatus(personId), origins, today, screening::isRiskOrigin);
    }

    private IssuedCode issue(HealthCodeRepository.StoredCode code, boolean card, boolean withReasons) {
        RegisteredIdentity who = registry.registeredIdentity(code.personId()).orElseThrow();
        Instant now = clock.instant();
        Instant until = now.plus(card ? settings.cardValidity() : settings.validity());
        org.cordon.account.PersonalValue holder = org.cordon.account.Disclosure.masked().name(who.name());
        String maskedName = holder.text();
        Integer birthYear = who.birthDate() == null ? null : who.birthDate().getYear();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("jti", code.codeId());
        claims.put("col", code.color().claim());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", until.getEpochSecond());
        claims.put("nam", maskedName);
        if (birthYear != null) {
            claims.put("yob", birthYear);
        }
        if (card) {
            claims.put("crd", 1);
        }
        SigningKeys.Key key = keys.signing();
        String token = CompactJws.sign(key.privateKey(), key.kid(), claims);
        return new IssuedCode(code.color(), token, Instant.ofEpochSecond(now.getEpochSecond()), Instant.ofEpochSecond(until.getEpochSecond()),
                code.issuedAt(), withReasons ? code.reasons() : List.of(), holder, birthYear, card, settings.refresh());
    }

    // ------------------------------------------------------------------ staff

    /**
     * The code of a person the user may see (they live, arrived or are followed up in the user's area), with the
     * reasons behind its colour.
     *
     * @throws NotFoundException     no such person
     * @throws AccessDeniedException the person is outside the user's area
     */
    @Transactional
    @RequiresPermission(Permission.HEALTH_CODE_READ)
    public IssuedCode codeOf(CordonUser user, long personId) {
        requireVisible(user, personId);
        return issue(current(personId), false, true);
    }

    /** A printable code card of such a person: valid for {@code cordon.health-code.card-validity}. */
    @Transactional
    @RequiresPermission(Permission.HEALTH_CODE_READ)
    public IssuedCode card(CordonUser user, long personId) {
        requireVisible(user, personId);
        IssuedCode c = issue(current(personId), true, true);
        audit.record(user.getUsername(), AuditLog.Action.HEALTH_CODE_CARD, "person", String.valueOf(personId), c.color().name());
        return c;
    }

    private void requireVisible(CordonUser user, long personId) {
        if (registry.registeredIdentity(personId).isEmpty()) {
            throw new NotFoundException("Person " + personId);
        }
        if (!registry.visibleTo(user, personId)) {
            throw new AccessDeniedException("Person " + personId + " is outside the jurisdiction of " + user.getUsername());
        }
    }

    // ------------------------------------------------------------------ declaration and links

    /**
     * A health declaration (健康申报) on the portal: identity, phone, place of residence in the city, places stayed
     * outside it in the last 14 days and symptoms. The person is found or registered by the identity rules of
     * registration (an ID number already registered with another name or phone is not confirmed here — the grid worker
     * prints a card instead; a registered identity is never changed); declared symptoms raise a fever referral for the
     * clinics of the place. Answers the code and a new secret link to reopen it. Idempotent on the client id.
     *
     * @throws ValidationFailedException per-field problems; nothing is stored
     */
    @Transactional
    @SystemOperation
    public Declared declare(HealthDeclarationRequest r, String clientAddress) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = cordon.today(clock);
        UUID clientId = r.clientId();
        if (clientId == null) {
            problems.add(new FieldProblem("clientId", "validation.required"));
        }
        String name = FieldChecks.requiredName(r.name(), "name", MAX_NAME, problems);
        IdNumber id = null;
        IdType type = FieldChecks.enumValue(r.idType(), "idType", IdType.class, IdType.RESIDENT_ID, problems);
        if (type != null) {
            if (r.idNumber() != null && r.idNumber().length() > 40) {
                problems.add(FieldProblem.tooLong("idNumber", 40, r.idNumber()));
            } else {
                try {
                    id = IdNumber.parse(type, r.idNumber(), today);
                } catch (InvalidValueException e) {
                    problems.add(new FieldProblem("idNumber", e.messageCode(), e.args()));
                }
            }
        }
        PhoneNumber phone = null;
        if (r.phone() != null && r.phone().length() > 40) {
            problems.add(FieldProblem.tooLong("phone", 40, r.phone()));
        } else {
            try {
                phone = PhoneNumber.parse(r.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        String residence = FieldChecks.blankToNull(r.residenceCode());
        if (residence == null) {
            problems.add(new FieldProblem("residenceCode", "healthCode.validation.residence.required"));
        } else if (residence.length() > 15 || areas.findArea(residence).map(a -> !RESIDENCE_KINDS.contains(a.kind())).orElse(true)) {
            problems.add(new FieldProblem("residenceCode", "healthCode.validation.residence.level"));
        }
        List<String> stays = new ArrayList<>();
        List<String> typedStays = r.stays() == null ? List.of() : r.stays().stream().filter(s -> FieldChecks.blankToNull(s) != null).toList();
        if (typedStays.size() > MAX_STAYS) {
            problems.add(new FieldProblem("stays", "healthCode.validation.stays.tooMany", MAX_STAYS));
        } else {
            for (String typed : typedStays) {
                String t = typed.strip();
                Optional<Division> d = t.length() > 12 ? Optional.empty() : areas.resolveOrigin(t);
                if (d.isEmpty()) {
                    problems.add(new FieldProblem("stays", "validation.origin.unknown", t.length() > 12 ? t.substring(0, 12) : t));
                    break;
                }
                if (!stays.contains(d.get().code())) {
                    stays.add(d.get().code());
                }
            }
        }
        LocalDate arrivedOn = r.arrivedOn();
        if (!stays.isEmpty() && arrivedOn == null) {
            problems.add(new FieldProblem("arrivedOn", "healthCode.validation.arrivedOn.required"));
        } else if (arrivedOn != null && arrivedOn.isAfter(today)) {
            problems.add(new FieldProblem("arrivedOn", "validation.date.future"));
        } else if (arrivedOn != null && arrivedOn.isBefore(today.minusYears(1))) {
            problems.add(new FieldProblem("arrivedOn", "validation.date.range"));
        }
        Set<Symptom> symptoms = new LinkedHashSet<>();
        if (r.symptoms() != null) {
            if (r.symptoms().size() > Symptom.values().length) {
                problems.add(new FieldProblem("symptoms", "validation.enum", "…", "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH"));
            } else {
                for (String s : r.symptoms()) {
                    Symptom symptom = FieldChecks.enumValue(s, "symptoms", Symptom.class, null, problems);
                    if (symptom != null) {
                        symptoms.add(symptom);
                    }
                }
            }
        }
        FieldChecks.failIfAny(problems);

        Optional<HealthCodeRepository.StoredDeclaration> earlier = repository.declarationByClient(clientId);
        long personId;
        if (earlier.isPresent()) {
            // a retry of a stored declaration: the same person, a new link (the first answer may have been lost)
            personId = earlier.get().personId();
            requireSameIdentity(personId, id, name, phone);
        } else {
            Optional<Long> known = registry.findPerson(id, "");
            if (known.isPresent()) {
                requireSameIdentity(known.get(), id, name, phone);
                personId = known.get();
            } else {
                personId = registry.registerPerson(new PersonData(id, "", name, phone, residence, null));
            }
            registry.followedUpIn(personId, residence);
            Instant now = clock.instant();
            Optional<Long> declaration = repository.insertDeclaration(clientId, personId, residence, stays, arrivedOn,
                    symptoms.stream().map(Enum::name).toList(), clip(clientAddress), now);
            if (declaration.isPresent() && !symptoms.isEmpty()) {
                long referral = referrals.referFromDeclaration(personId, residence, now, symptoms, "declaration:" + declaration.get());
                if (referral > 0) {
                    repository.linkReferral(declaration.get(), referral);
                }
            }
        }
        String secret = newSecret();
        repository.insertLink(hash(secret), personId, clock.instant());
        return new Declared(secret, issue(current(personId), false, false));
    }

    /** The same person: the registered name, and the registered phone when one is registered. */
    private void requireSameIdentity(long personId, IdNumber id, String name, PhoneNumber phone) {
        RegisteredIdentity registered = registry.registeredIdentity(personId).orElseThrow();
        boolean sameName = registered.name() != null && registered.name().strip().equals(name.strip());
        boolean samePhone = registered.phone() == null || registered.phone().equals(phone.value());
        if (!sameName || !samePhone || !registered.idNumber().value().equals(id.value())) {
            // one message whatever differs: the form tells nothing about the registered values
            throw new ValidationFailedException("idNumber", "healthCode.validation.identityNotConfirmed");
        }
    }

    /** The code behind a reopening link, for the public (no reasons). */
    @Transactional
    @SystemOperation
    public IssuedCode codeByLink(String secret) {
        long personId = personOfLink(secret);
        return issue(current(personId), false, false);
    }

    /** Ends a reopening link (the person's own "forget this phone"). */
    @Transactional
    @SystemOperation
    public void revokeLink(String secret) {
        if (secret == null || secret.length() > 100 || repository.revokeLink(hash(secret), clock.instant()) == 0) {
            throw new NotFoundException("Health code link");
        }
    }

    private long personOfLink(String secret) {
        if (secret == null || secret.length() > 100) {
            throw new NotFoundException("Health code link");
        }
        return repository.useLink(hash(secret), clock.instant()).orElseThrow(() -> new NotFoundException("Health code link"));
    }

    // ------------------------------------------------------------------ verification

    /**
     * Verifies a scanned code: its structure, the issuer (this platform or a trusted one) and key, the signature,
     * the validity window and, for this platform's codes, revocation. Never throws for a bad token.
     */
    @Transactional(readOnly = true)
    @RequiresPermission(Permission.HEALTH_CODE_VERIFY)
    public Verification verify(CordonUser user, String token) {
        return verify(token);
    }

    /** {@link #verify(CordonUser, String)} without a user: the checkpoint's hand-over. */
    @Transactional(readOnly = true)
    @SystemOperation
    public Verification verify(String token) {
        return verifier().verify(token, clock.instant());
    }

    /**
     * {@link #verify(String)} as of an earlier moment, for a passage captured on a device without network and sent
     * later: the code is judged as it stood when the passage happened — valid at {@code at}, and revoked only when it
     * had been revoked by then (the device checked it against the revocations it had). {@code at} null or in the
     * future is now.
     */
    @Transactional(readOnly = true)
    @SystemOperation
    public Verification verifyAsOf(String token, Instant at) {
        Instant now = clock.instant();
        Instant when = at == null || at.isAfter(now) ? now : at;
        return verifier(codeId -> repository.revokedBy(codeId, when)).verify(token, when);
    }

    /** A verifier of this platform's published keys, the trusted issuers and the stored revocations. */
    CodeVerifier verifier() {
        return verifier(repository::revoked);
    }

    private CodeVerifier verifier(java.util.function.Predicate<String> revoked) {
        return new CodeVerifier(settings.issuer(), kid -> {
            SigningKeys.Key k = keys.published(kid);
            return k == null ? null : k.publicKey();
        }, trusted::key, revoked);
    }

    /** The person of a valid code of this platform (the checkpoint fills the occupant with their identity). */
    @Transactional(readOnly = true)
    @SystemOperation
    public Optional<Long> holderOf(Verification v) {
        if (!v.valid() || !v.ownIssuer()) {
            return Optional.empty();
        }
        return repository.find(v.codeId()).map(HealthCodeRepository.StoredCode::personId);
    }

    /**
     * The revocations after {@code cursor} (the {@code cursor} of the previous answer; 0 the first time) whose codes may
     * still be valid: what an offline verifier keeps to refuse a stale code. At most 10,000 ids an answer
     * ({@code more} says when to ask again).
     */
    @Transactional(readOnly = true)
    @SystemOperation
    public RevocationList revocations(long cursor) {
        Instant now = clock.instant();
        long start = Math.max(0, cursor);
        List<HealthCodeRepository.Revocation> rows = repository.revocationsAfter(start,
                now.minus(settings.longestValidity()).minus(SKEW), REVOCATIONS_PER_PAGE);
        // the cursor stays behind revocations of the last half minute: a transaction holding a lower number may commit
        // after a higher one, and the next request must still see it (ids come twice rather than never)
        Instant settled = now.minus(SETTLE);
        long next = start;
        for (HealthCodeRepository.Revocation row : rows) {
            if (row.revokedAt().isBefore(settled)) {
                next = row.seq();
            } else {
                break;
            }
        }
        if (rows.isEmpty()) {
            next = Math.max(start, repository.lastRevocationBefore(settled));
        }
        return new RevocationList(settings.issuer(), next, rows.stream().map(HealthCodeRepository.Revocation::codeId).toList(),
                rows.size() == REVOCATIONS_PER_PAGE, now, settings.longestValidity());
    }

    /** Re-assesses persons whose code is not green and was last assessed over an hour ago: colours that time changes. */
    @SystemOperation
    public int reassessAged() {
        int n = 0;
        for (Long personId : repository.notGreenAssessedBefore(clock.instant().minus(Duration.ofHours(1)), 500)) {
            reassessOne(personId);
            n++;
        }
        return n;
    }

    /** Re-assesses the person if they have a code (listeners: a colour change revokes it now, not when next shown). */
    @SystemOperation
    public void reassessIfCoded(long personId) {
        if (repository.hasCode(personId)) {
            reassessOne(personId);
        }
    }

    /**
     * {@link #reassessIfCoded(long)} of many persons (a chunk of registrations or started observations): one query finds
     * those with a code, each of them is re-assessed. Persons without a code cost nothing more.
     */
    @SystemOperation
    public void reassessEachIfCoded(java.util.Collection<Long> personIds) {
        for (Long personId : repository.codedAmong(personIds)) {
            reassessOne(personId);
        }
    }

    private void reassessOne(long personId) {
        try {
            tx.executeWithoutResult(status -> current(personId));
        } catch (RuntimeException e) {
            log.warn("Health code of person {} not re-assessed: {}", personId, e.toString());
            throw e;
        }
    }

    /** The settings the pages show (validity, refresh). */
    @SystemOperation
    public HealthCodeSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ helpers

    private String newCodeId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String value) {
        return value == null ? null : value.length() > 64 ? value.substring(0, 64) : value;
    }


}
