package org.cordon.notice;

import org.cordon.account.AreaScope;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.area.Division;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.TextRules;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.account.PersonalValue;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.TypedInput;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public portal (公众服务, no sign-in): what is closed now and why, advice and hotlines, and the two
 * public forms. Nothing returned here contains personal data: a self-report is handed to the registry
 * ({@link RegistryManagement#selfReport}) as an unverified returnee for the grid workers of the stated
 * village or compound, and the caller gets back only a confirmation number; volunteer sign-ups are stored
 * with the phone encrypted. The forms throw {@link ValidationFailedException} (nothing stored) for
 * invalid input. Rate limits and size limits of the forms are applied by the web layer.
 */
@Service
@Transactional(readOnly = true)
public class PortalManagement {

    /** Alphabet of confirmation numbers: no 0/O, 1/I/L to avoid misreading. */
    private static final String CONFIRMATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    /** Characters of a confirmation number (31^8 ≈ 8.5 × 10^11 values). */
    public static final int CONFIRMATION_LENGTH = 8;
    static final String PHONE_FIELD = "volunteer.phone";
    static final int MAX_PERSON_NAME = 50;
    static final int MAX_SHORT = 50;
    static final int MAX_TEXT = 200;
    static final int MAX_NOTE = 500;
    /** Arrivals older than this are most likely a typo in the year. */
    static final int MAX_ARRIVAL_AGE_DAYS = 90;
    private static final Set<AreaKind> DESTINATION_KINDS = EnumSet.of(AreaKind.VILLAGE, AreaKind.COMMUNITY, AreaKind.GROUP,
            AreaKind.COMPOUND);

    private final NoticeRepository notices;
    private final PortalRepository portal;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final PersonalDataCipher cipher;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PortalManagement(NoticeRepository notices, PortalRepository portal, RegistryManagement registry, AreaManagement areas,
                     PersonalDataCipher cipher, CordonSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.notices = notices;
        this.portal = portal;
        this.registry = registry;
        this.areas = areas;
        this.cipher = cipher;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /** Current notices (in effect or announced), what is closed, cancelled or suspended now, and the hotlines. */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public PortalStatus status() {
        Instant now = clock.instant();
        List<NoticeRepository.StoredNotice> current = notices.currentNotices(now);
        Map<Long, List<NoticeView.TargetSummary>> targets = notices.targets(current.stream().map(NoticeRepository.StoredNotice::id).toList());
        List<PublicNotice> list = current.stream()
                .map(n -> NoticeManagement.view(n, targets.getOrDefault(n.id(), List.of()), now).toPublic()).toList();
        return new PortalStatus(now, list, closed(notices.venues(now)), closed(notices.events(now)), closed(notices.services(now)),
                notices.hotlines());
    }

    /** All venues, events or services with their status now. */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public List<Place> places(TargetType type) {
        return notices.places(type, clock.instant());
    }

    /** A published or revoked notice; drafts and unknown ids are {@link NotFoundException}. */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public PublicNotice notice(long id) {
        NoticeRepository.StoredNotice n = notices.findNotice(id)
                .filter(s -> s.status() != NoticeStatus.DRAFT)
                .orElseThrow(() -> new NotFoundException("Notice " + id));
        return NoticeManagement.view(n, notices.targets(List.of(id)).getOrDefault(id, List.of()), clock.instant()).toPublic();
    }

    /** Published advice articles in their order. */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public List<AdviceArticle> advice() {
        return notices.advice(true);
    }

    /** A published advice article; others are {@link NotFoundException}. */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public AdviceArticle advice(long id) {
        return notices.findAdvice(id).filter(AdviceArticle::published).orElseThrow(() -> new NotFoundException("Advice " + id));
    }

    /**
     * Where a self-reporting person may say they stay: for each town and street office (in code order), its
     * villages, communities, villager groups and compounds. One query.
     */
    @SystemOperation
    @org.cordon.shared.cluster.ReplicaReads
    public Map<Area, List<Area>> destinations() {
        Map<Area, List<Area>> result = new LinkedHashMap<>();
        Map<String, Area> towns = new LinkedHashMap<>();
        for (Area town : areas.towns()) {
            towns.put(town.code(), town);
            result.put(town, new ArrayList<>());
        }
        for (Area a : areas.descendants(cityCode(towns))) {
            if (DESTINATION_KINDS.contains(a.kind()) && a.code().length() > 9) {
                Area town = towns.get(a.code().substring(0, 9));
                if (town != null) {
                    result.get(town).add(a);
                }
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ self-report

    /**
     * Self-report (自主申报) of a return from a risk area: validates, hands the person to the registry as an
     * UNVERIFIED returnee of the stated village or compound (its grid workers confirm it) and returns a new
     * confirmation number — the only thing the caller gets back. Publishes {@link SelfReportReceived}.
     *
     * @param clientAddress the client's address, kept with the receipt for abuse investigations
     * @throws ValidationFailedException with per-field problems; nothing is stored
     */
    @Transactional
    @SystemOperation
    public String selfReport(SelfReportRequest r, String clientAddress) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = settings.today(clock);
        String name = NoticeManagement.trim(r.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "selfReport.validation.name.required"));
        } else if (NoticeManagement.length(name) > MAX_PERSON_NAME) {
            problems.add(FieldProblem.tooLong("name", MAX_PERSON_NAME, name));
        } else {
            TextRules.checkName("name", name, problems);
        }
        IdType idType = IdType.RESIDENT_ID;
        if (NoticeManagement.trim(r.idType()) != null) {
            try {
                idType = IdType.valueOf(r.idType().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("idType", "validation.enum", r.idType(), "RESIDENT_ID, PASSPORT, OTHER"));
                idType = null;
            }
        }
        if (idType != null) {
            if (r.idNumber() != null && r.idNumber().length() > MAX_SHORT) {
                problems.add(FieldProblem.tooLong("idNumber", MAX_SHORT, r.idNumber()));
            } else {
                try {
                    IdNumber.parse(idType, r.idNumber(), today);
                } catch (InvalidValueException e) {
                    problems.add(new FieldProblem("idNumber", e.messageCode(), e.args()));
                }
            }
        }
        if (r.phone() != null && r.phone().length() > MAX_SHORT) {
            problems.add(FieldProblem.tooLong("phone", MAX_SHORT, r.phone()));
        } else {
            try {
                PhoneNumber.parse(r.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        String typedOrigin = TypedInput.code(r.originCode());
        String origin = typedOrigin == null ? null : areas.resolveOrigin(typedOrigin).map(Division::code).orElse(null);
        if (typedOrigin == null) {
            problems.add(new FieldProblem("originCode", "selfReport.validation.origin.required"));
        } else if (origin == null) {
            problems.add(new FieldProblem("originCode", "validation.origin.unknown",
                    typedOrigin.length() > 12 ? typedOrigin.substring(0, 12) : typedOrigin));
        }
        if (r.arrivedOn() == null) {
            problems.add(new FieldProblem("arrivedOn", "validation.required"));
        } else if (r.arrivedOn().isAfter(today)) {
            problems.add(new FieldProblem("arrivedOn", "validation.date.future"));
        } else if (r.arrivedOn().isBefore(today.minusDays(MAX_ARRIVAL_AGE_DAYS))) {
            problems.add(new FieldProblem("arrivedOn", "selfReport.validation.arrivedOn.tooOld", MAX_ARRIVAL_AGE_DAYS));
        }
        if (r.leftRiskAreaOn() != null && r.arrivedOn() != null && r.leftRiskAreaOn().isAfter(r.arrivedOn())) {
            problems.add(new FieldProblem("leftRiskAreaOn", "validation.returnee.leftAfterArrival"));
        }
        tooLong(problems, "nationality", r.nationality(), 3);
        tooLong(problems, "transportDetail", r.transportDetail(), MAX_SHORT);
        tooLong(problems, "destinationAddress", r.destinationAddress(), MAX_TEXT);
        tooLong(problems, "transportMode", r.transportMode(), 20);
        String destination = TypedInput.code(r.destinationCode());
        if (destination == null) {
            problems.add(new FieldProblem("destinationCode", "selfReport.validation.destination.required"));
        } else if (destination.length() > 15 || areas.findArea(destination).map(a -> !DESTINATION_KINDS.contains(a.kind())).orElse(true)) {
            problems.add(new FieldProblem("destinationCode", "selfReport.validation.destination.level"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        String confirmation = newConfirmation();
        List<FieldProblem> registryProblems = registry.selfReport(confirmation, new ReturneeRequest(null, name, r.idType(),
                r.idNumber(), r.nationality(), r.phone(), origin, r.leftRiskAreaOn(), r.arrivedOn(), r.transportMode(),
                r.transportDetail(), null, destination, r.destinationAddress()));
        if (!registryProblems.isEmpty()) {
            throw new ValidationFailedException(registryProblems);
        }
        long id = portal.insertSelfReport(confirmation, clip(clientAddress, 64));
        events.publishEvent(new SelfReportReceived(id));
        return confirmation;
    }

    /** A fresh, unguessable confirmation number (SecureRandom), not used before. */
    String newConfirmation() {
        while (true) {
            StringBuilder sb = new StringBuilder(CONFIRMATION_LENGTH);
            for (int i = 0; i < CONFIRMATION_LENGTH; i++) {
                sb.append(CONFIRMATION_ALPHABET.charAt(random.nextInt(CONFIRMATION_ALPHABET.length())));
            }
            if (!portal.confirmationExists(sb.toString())) {
                return sb.toString();
            }
        }
    }

    /** A confirmation number that is never stored: the answer to a dropped (honeypot) submission. */
    @SystemOperation
    public String decoyConfirmation() {
        StringBuilder sb = new StringBuilder(CONFIRMATION_LENGTH);
        for (int i = 0; i < CONFIRMATION_LENGTH; i++) {
            sb.append(CONFIRMATION_ALPHABET.charAt(random.nextInt(CONFIRMATION_ALPHABET.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ volunteers

    /**
     * Volunteer sign-up (志愿者报名), stored in the reserve for the mobilisation work. One phone, one sign-up: the
     * same phone signing up again fills in only what the earlier sign-up lacks and never replaces or erases anything
     * (the caller is not told, so the form reveals nothing about others; a public form must not let anyone who knows
     * a phone number rewrite that volunteer's details). The mobilisation hand-over passes the filled-in details on.
     *
     * @throws ValidationFailedException with per-field problems; nothing is stored
     */
    @Transactional
    @SystemOperation
    public void signUpVolunteer(VolunteerRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = NoticeManagement.trim(r.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "selfReport.validation.name.required"));
        } else if (NoticeManagement.length(name) > MAX_PERSON_NAME) {
            problems.add(FieldProblem.tooLong("name", MAX_PERSON_NAME, name));
        } else {
            TextRules.checkName("name", name, problems);
        }
        PhoneNumber phone = null;
        if (r.phone() != null && r.phone().length() > MAX_SHORT) {
            problems.add(FieldProblem.tooLong("phone", MAX_SHORT, r.phone()));
        } else {
            try {
                phone = PhoneNumber.parse(r.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        String area = NoticeManagement.trim(r.areaCode());
        if (area != null && (area.length() > 15 || areas.findArea(area).isEmpty())) {
            problems.add(new FieldProblem("areaCode", "volunteer.validation.area"));
        }
        tooLong(problems, "organisation", r.organisation(), NoticeManagement.MAX_NAME);
        tooLong(problems, "skills", r.skills(), MAX_TEXT);
        tooLong(problems, "availability", r.availability(), MAX_TEXT);
        tooLong(problems, "note", r.note(), MAX_NOTE);
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        portal.upsertSignup(name, cipher.encrypt(PHONE_FIELD, phone.value()), cipher.hash(PHONE_FIELD, phone.value()), area,
                NoticeManagement.trim(r.organisation()), NoticeManagement.trim(r.skills()), NoticeManagement.trim(r.availability()),
                NoticeManagement.trim(r.note()));
    }

    /**
     * Volunteer sign-ups for commanders, administrators and volunteer coordinators (a coordinator with an
     * area sees the sign-ups of that area and those that named none), newest first, phones masked.
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<VolunteerSignup> volunteerSignups(CordonUser user) {
        if (!RolePermissions.may(user, Permission.VOLUNTEERS_MANAGE)) {
            throw new AccessDeniedException("Volunteer sign-ups are for commanders, administrators and volunteer coordinators");
        }
        String prefix = AreaScope.of(user).areaCode();
        if (prefix == null) {
            throw new AccessDeniedException("Volunteer sign-ups are for staff with an area jurisdiction");
        }
        return portal.signups(prefix, 1000).stream().map(s -> new VolunteerSignup(s.id(), s.name(),
                PersonalValue.phone(cipher.decrypt(PHONE_FIELD, s.phoneEnc())), s.areaCode(), s.areaName(), s.organisation(), s.skills(),
                s.availability(), s.note(), s.status(), s.createdAt(), s.updatedAt())).toList();
    }

    // ------------------------------------------------------------------ helpers

    private static List<Place> closed(List<Place> places) {
        return places.stream().filter(Place::closed).toList();
    }

    private static void tooLong(List<FieldProblem> problems, String field, String value, int max) {
        if (value != null && NoticeManagement.length(value.strip()) > max) {
            problems.add(FieldProblem.tooLong(field, max, value.strip()));
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String cityCode(Map<String, Area> towns) {
        return towns.values().stream().findFirst().map(Area::parentCode).orElse("610881");
    }
}
