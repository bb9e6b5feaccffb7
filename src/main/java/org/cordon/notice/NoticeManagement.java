package org.cordon.notice;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.PermissionQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.AreaManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.TextRules;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices (通告) and what they close, for staff. Commanders and administrators write drafts, publish them
 * (which assigns the next number of the year, race-free) and revoke them; a published notice never changes
 * otherwise. The status of a venue, event or service is not stored: it follows the published notices in
 * effect "now" (the injected {@link Clock}), so a closure ends by itself when its notice ends or is revoked.
 * Commanders and administrators also keep the lists of venues, events and services, the advice articles and
 * the hotlines of the public portal.
 *
 * <p>Every changing method throws {@link ValidationFailedException} (nothing changed) for invalid input,
 * {@link AccessDeniedException} for other roles and {@link NotFoundException} for unknown ids.
 */
@Service
@Transactional(readOnly = true)
public class NoticeManagement {

    /** Largest title, in characters. */
    public static final int MAX_TITLE = 100;
    /** Largest body, in characters. */
    public static final int MAX_BODY = 10_000;
    /** Largest issuer, place name, address … */
    public static final int MAX_NAME = 100;
    static final int MAX_ADDRESS = 200;
    static final int MAX_REASON = 500;
    static final int MAX_TARGETS = 500;
    private static final Pattern HOTLINE_PHONE = Pattern.compile("[0-9+()\\- ]{3,30}");

    private final NoticeRepository repository;
    private final AreaManagement areas;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NoticeManagement(NoticeRepository repository, AreaManagement areas, CordonSettings settings, ApplicationEventPublisher events,
                     Clock clock) {
        this.repository = repository;
        this.areas = areas;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ notices

    /** Notices, newest first; {@code status} null = all. Commanders and administrators. */
    @RequiresPermission(Permission.NOTICE_EDIT)
    public List<NoticeView> notices(CordonUser user, NoticeStatus status) {
        requireEditor(user);
        return views(repository.notices(status, 500));
    }

    /** One notice. Commanders and administrators. */
    @RequiresPermission(Permission.NOTICE_EDIT)
    public NoticeView notice(CordonUser user, long id) {
        requireEditor(user);
        return view(repository.findNotice(id).orElseThrow(() -> new NotFoundException("Notice " + id)));
    }

    /** Creates a draft; returns it. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public NoticeView createDraft(CordonUser user, NoticeRequest request) {
        requireEditor(user);
        Valid v = validate(request);
        long id = repository.insertNotice(v.title, v.body, v.issuer, v.categories, v.from, v.to, user.getUsername());
        repository.replaceTargets(id, v.targets);
        return view(repository.findNotice(id).orElseThrow());
    }

    /** Changes a draft; a published or revoked notice is rejected (field {@code status}). */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public NoticeView updateDraft(CordonUser user, long id, NoticeRequest request) {
        requireEditor(user);
        NoticeRepository.StoredNotice n = repository.lockNotice(id).orElseThrow(() -> new NotFoundException("Notice " + id));
        requireDraft(n);
        Valid v = validate(request);
        repository.updateNotice(id, v.title, v.body, v.issuer, v.categories, v.from, v.to);
        repository.replaceTargets(id, v.targets);
        return view(repository.findNotice(id).orElseThrow());
    }

    /** Deletes a draft (published notices stay for the record). */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public void deleteDraft(CordonUser user, long id) {
        requireEditor(user);
        NoticeRepository.StoredNotice n = repository.lockNotice(id).orElseThrow(() -> new NotFoundException("Notice " + id));
        requireDraft(n);
        repository.deleteDraft(id);
    }

    /**
     * Publishes a draft: it gets the next number of the current year (city time) — concurrent publications
     * queue on the year's counter row, so numbers are never skipped or given twice — and becomes public.
     * Publishes {@link NoticePublished}.
     */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public NoticeView publish(CordonUser user, long id) {
        requireEditor(user);
        NoticeRepository.StoredNotice n = repository.lockNotice(id).orElseThrow(() -> new NotFoundException("Notice " + id));
        requireDraft(n);
        Instant now = clock.instant();
        int year = now.atZone(settings.timeZone()).getYear();
        int number = repository.nextNumber(year);
        repository.markPublished(id, year, number, now, user.getUsername());
        events.publishEvent(new NoticePublished(id));
        return view(repository.findNotice(id).orElseThrow());
    }

    /**
     * Revokes a published notice with a reason (required, up to 500 characters): its closures end at once.
     * Publishes {@link NoticeRevoked}.
     */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public NoticeView revoke(CordonUser user, long id, String reason) {
        requireEditor(user);
        NoticeRepository.StoredNotice n = repository.lockNotice(id).orElseThrow(() -> new NotFoundException("Notice " + id));
        if (n.status() != NoticeStatus.PUBLISHED) {
            throw new ValidationFailedException("status", "notice.validation.notPublished");
        }
        String r = trim(reason);
        if (r == null) {
            throw new ValidationFailedException("reason", "notice.validation.reason.required");
        }
        if (length(r) > MAX_REASON) {
            throw new ValidationFailedException(List.of(FieldProblem.tooLong("reason", MAX_REASON, r)));
        }
        repository.markRevoked(id, clock.instant(), user.getUsername(), r);
        events.publishEvent(new NoticeRevoked(id));
        return view(repository.findNotice(id).orElseThrow());
    }

    // ------------------------------------------------------------------ venues, events, services

    /** Venues, events or services with their status now. Any staff member. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Place> places(CordonUser user, TargetType type) {
        requireStaff(user);
        return repository.places(type, clock.instant());
    }

    /** One venue, event or service with its status now. Any staff member. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public Place place(CordonUser user, TargetType type, long id) {
        requireStaff(user);
        return repository.places(type, clock.instant()).stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException(type + " " + id));
    }

    /** Adds a venue, event or service; returns its id. Commanders and administrators. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public long addPlace(CordonUser user, TargetType type, PlaceRequest request) {
        requireEditor(user);
        ValidPlace v = validatePlace(type, request, null);
        return repository.insertPlace(type, v.kind, v.name, v.areaCode, v.address, request.startsOn(), request.endsOn());
    }

    /** Changes a venue, event or service. Commanders and administrators. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public void updatePlace(CordonUser user, TargetType type, long id, PlaceRequest request) {
        requireEditor(user);
        ValidPlace v = validatePlace(type, request, id);
        if (repository.updatePlace(type, id, v.kind, v.name, v.areaCode, v.address, request.startsOn(), request.endsOn()) == 0) {
            throw new NotFoundException(type + " " + id);
        }
    }

    // ------------------------------------------------------------------ advice and hotlines

    /** All advice articles, unpublished ones included. Commanders and administrators. */
    @RequiresPermission(Permission.NOTICE_EDIT)
    public List<AdviceArticle> allAdvice(CordonUser user) {
        requireEditor(user);
        return repository.advice(false);
    }

    /** One advice article. Commanders and administrators. */
    @RequiresPermission(Permission.NOTICE_EDIT)
    public AdviceArticle advice(CordonUser user, long id) {
        requireEditor(user);
        return repository.findAdvice(id).orElseThrow(() -> new NotFoundException("Advice " + id));
    }

    /** Adds an advice article (title ≤ 100, body ≤ 10,000); returns its id. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public long addAdvice(CordonUser user, String title, String body, boolean published, int sort) {
        requireEditor(user);
        validateAdvice(title, body);
        return repository.insertAdvice(trim(title), trim(body), published, sort, user.getUsername());
    }

    /** Changes an advice article. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public void updateAdvice(CordonUser user, long id, String title, String body, boolean published, int sort) {
        requireEditor(user);
        validateAdvice(title, body);
        if (repository.updateAdvice(id, trim(title), trim(body), published, sort, user.getUsername()) == 0) {
            throw new NotFoundException("Advice " + id);
        }
    }

    /** Hotlines. Any staff member. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Hotline> hotlines(CordonUser user) {
        requireStaff(user);
        return repository.hotlines();
    }

    /** Adds a hotline; returns its id. Commanders and administrators. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public long addHotline(CordonUser user, String name, String phone, int sort) {
        requireEditor(user);
        validateHotline(name, phone);
        return repository.insertHotline(trim(name), trim(phone), sort);
    }

    /** Changes a hotline. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public void updateHotline(CordonUser user, long id, String name, String phone, int sort) {
        requireEditor(user);
        validateHotline(name, phone);
        if (repository.updateHotline(id, trim(name), trim(phone), sort) == 0) {
            throw new NotFoundException("Hotline " + id);
        }
    }

    /** Removes a hotline. */
    @Transactional
    @RequiresPermission(Permission.NOTICE_EDIT)
    public void deleteHotline(CordonUser user, long id) {
        requireEditor(user);
        if (repository.deleteHotline(id) == 0) {
            throw new NotFoundException("Hotline " + id);
        }
    }

    /** True when the user may write notices and edit the portal's lists. */
    @PermissionQuery(Permission.NOTICE_EDIT)
    public boolean mayEdit(CordonUser user) {
        return RolePermissions.may(user, Permission.NOTICE_EDIT);
    }

    // ------------------------------------------------------------------ validation

    private record Valid(String title, String body, String issuer, List<NoticeCategory> categories, Instant from, Instant to,
                         List<NoticeRequest.TargetRef> targets) {
    }

    private record ValidPlace(String kind, String name, String areaCode, String address) {
    }

    private Valid validate(NoticeRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        String title = required(problems, "title", r.title(), MAX_TITLE);
        String body = required(problems, "body", r.body(), MAX_BODY);
        String issuer = required(problems, "issuer", r.issuer(), MAX_NAME);
        List<NoticeCategory> categories = new ArrayList<>();
        for (String c : r.categories() == null ? List.<String>of() : r.categories()) {
            if (trim(c) == null) {
                continue;
            }
            try {
                NoticeCategory category = NoticeCategory.valueOf(c.trim().toUpperCase(Locale.ROOT));
                if (!categories.contains(category)) {
                    categories.add(category);
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("categories", "validation.enum", c, List.of(NoticeCategory.values()).toString()));
            }
        }
        if (categories.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("categories"))) {
            problems.add(new FieldProblem("categories", "notice.validation.categories.required"));
        }
        LocalDateTime from = r.effectiveFrom();
        LocalDateTime to = r.effectiveTo();
        if (from == null) {
            problems.add(new FieldProblem("effectiveFrom", "notice.validation.from.required"));
        }
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add(new FieldProblem("effectiveTo", "notice.validation.to.beforeFrom"));
        }
        Set<NoticeRequest.TargetRef> targets = new LinkedHashSet<>();
        for (NoticeRequest.TargetRef t : r.targets() == null ? List.<NoticeRequest.TargetRef>of() : r.targets()) {
            if (t == null || t.type() == null) {
                problems.add(new FieldProblem("targets", "notice.validation.target.unknown", "?"));
            } else {
                targets.add(t);
            }
        }
        if (targets.size() > MAX_TARGETS) {
            problems.add(new FieldProblem("targets", "notice.validation.targets.tooMany", MAX_TARGETS));
        }
        for (TargetType type : TargetType.values()) {
            List<Long> ids = targets.stream().filter(t -> t.type() == type).map(NoticeRequest.TargetRef::id).distinct().toList();
            List<Long> existing = repository.existingIds(type, ids);
            ids.stream().filter(id -> !existing.contains(id)).findFirst().ifPresent(id ->
                    problems.add(new FieldProblem("targets", "notice.validation.target.unknown", type + " " + id)));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return new Valid(title, body, issuer, categories, cityInstant(from), to == null ? null : cityInstant(to),
                List.copyOf(targets));
    }

    private ValidPlace validatePlace(TargetType type, PlaceRequest r, Long id) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = requiredName(problems, "name", r.name(), MAX_NAME);
        if (name != null && repository.placeNameTaken(type, name, id)) {
            problems.add(new FieldProblem("name", "venue.validation.nameTaken", name));
        }
        String kind = null;
        if (type != TargetType.EVENT) {
            String k = trim(r.kind());
            List<String> allowed = type == TargetType.VENUE
                    ? Arrays.stream(VenueKind.values()).map(Enum::name).toList()
                    : Arrays.stream(ServiceKind.values()).map(Enum::name).toList();
            if (k == null) {
                problems.add(new FieldProblem("kind", "validation.required"));
            } else if (!allowed.contains(k.toUpperCase(Locale.ROOT))) {
                problems.add(new FieldProblem("kind", "validation.enum", k, String.join(", ", allowed)));
            } else {
                kind = k.toUpperCase(Locale.ROOT);
            }
        }
        String areaCode = type == TargetType.VENUE ? trim(r.areaCode()) : null;
        if (areaCode != null && areas.findArea(areaCode).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", areaCode));
        }
        String address = type == TargetType.SERVICE ? null : trim(r.address());
        if (address != null && length(address) > MAX_ADDRESS) {
            problems.add(FieldProblem.tooLong("address", MAX_ADDRESS, address));
        }
        if (type == TargetType.EVENT && r.startsOn() != null && r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
            problems.add(new FieldProblem("endsOn", "venue.validation.endsBeforeStart"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return new ValidPlace(kind, name, areaCode, address);
    }

    private static void validateAdvice(String title, String body) {
        List<FieldProblem> problems = new ArrayList<>();
        required(problems, "title", title, MAX_TITLE);
        required(problems, "body", body, MAX_BODY);
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }

    private static void validateHotline(String name, String phone) {
        List<FieldProblem> problems = new ArrayList<>();
        requiredName(problems, "name", name, MAX_NAME);
        String p = required(problems, "phone", phone, 30);
        if (p != null && !HOTLINE_PHONE.matcher(p).matches()) {
            problems.add(new FieldProblem("phone", "notice.validation.hotlinePhone"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }

    /** The trimmed value, or null after adding a "required" or "too long" problem. */
    /** {@link #required}, and a name's characters ({@link TextRules#nameProblem}); null with a problem otherwise. */
    static String requiredName(List<FieldProblem> problems, String field, String value, int max) {
        String v = required(problems, field, value, max);
        return v != null && TextRules.checkName(field, v, problems) ? v : null;
    }

    static String required(List<FieldProblem> problems, String field, String value, int max) {
        String v = trim(value);
        if (v == null) {
            problems.add(new FieldProblem(field, "validation.required"));
            return null;
        }
        if (length(v) > max) {
            problems.add(FieldProblem.tooLong(field, max, v));
            return null;
        }
        return v;
    }

    // ------------------------------------------------------------------ helpers

    private Instant cityInstant(LocalDateTime cityTime) {
        return cityTime.atZone(settings.timeZone()).toInstant();
    }

    private List<NoticeView> views(List<NoticeRepository.StoredNotice> rows) {
        Map<Long, List<NoticeView.TargetSummary>> targets = repository.targets(rows.stream().map(NoticeRepository.StoredNotice::id).toList());
        Instant now = clock.instant();
        return rows.stream().map(n -> view(n, targets.getOrDefault(n.id(), List.of()), now)).toList();
    }

    private NoticeView view(NoticeRepository.StoredNotice n) {
        return views(List.of(n)).get(0);
    }

    static NoticeView view(NoticeRepository.StoredNotice n, List<NoticeView.TargetSummary> targets, Instant now) {
        boolean inEffect = n.status() == NoticeStatus.PUBLISHED && !n.effectiveFrom().isAfter(now)
                && (n.effectiveTo() == null || n.effectiveTo().isAfter(now));
        return new NoticeView(n.id(), n.year(), n.number(), n.title(), n.body(), n.issuer(), n.categories(), n.effectiveFrom(),
                n.effectiveTo(), n.status(), n.publishedAt(), n.publishedBy(), n.revokedAt(), n.revokedBy(), n.revokeReason(),
                n.createdAt(), n.createdBy(), targets, inEffect);
    }

    private static void requireDraft(NoticeRepository.StoredNotice n) {
        if (n.status() != NoticeStatus.DRAFT) {
            throw new ValidationFailedException("status", "notice.validation.notDraft");
        }
    }

    private static void requireEditor(CordonUser user) {
        if (!RolePermissions.may(user, Permission.NOTICE_EDIT)) {
            throw new AccessDeniedException("Notices are written by commanders and administrators");
        }
    }

    private static void requireStaff(CordonUser user) {
        if (user == null) {
            throw new AccessDeniedException("Staff only");
        }
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
