package org.cordon.command;

import org.cordon.shared.FieldChecks;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AccountManagement;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.command.CommandRepository.DirectiveQuery;
import org.cordon.command.CommandRepository.Scope;
import org.cordon.command.CommandRepository.StoredAssignment;
import org.cordon.command.CommandRepository.StoredDirective;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;

import static org.cordon.shared.FieldChecks.failIfAny;
import static org.cordon.shared.FieldChecks.length;
import static org.cordon.shared.FieldChecks.optional;
import static org.cordon.shared.FieldChecks.required;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Command: the leadership group, the working groups and their members, and directives with their
 * follow-up. Every method taking a user enforces who may do what on the server:
 *
 * <ul>
 *   <li>only the commander ({@link Role#COMMANDER}) issues, comments on, reopens and cancels directives;</li>
 *   <li>the commander and administrators see every directive; administrators manage group members,
 *       commanders and administrators edit names, titles and duties;</li>
 *   <li>a member of a working group sees (and acts on) the group's assignments;</li>
 *   <li>staff whose area is a town or street office (or lies below the city level) see and act on the
 *       assignments of the towns inside their jurisdiction; city-wide staff other than commanders and
 *       administrators reach directives only through working-group membership;</li>
 *   <li>nobody else sees anything: lists are empty, details answer {@link AccessDeniedException}.</li>
 * </ul>
 *
 * <p>Invalid input throws {@link ValidationFailedException} and changes nothing. The history of a
 * directive is append-only. "Overdue" means not done and the deadline has passed ({@link Clock} bean);
 * "today" is the day in the city's time zone.
 */
@Service
@Transactional(readOnly = true)
public class CommandManagement {

    /** Longest title of a directive. */
    public static final int TITLE_MAX = 100;
    /** Longest content of a directive. */
    public static final int CONTENT_MAX = 5000;
    /** Longest progress report, comment or reason. */
    public static final int TEXT_MAX = 1000;
    private static final int NAME_MAX = 100;
    private static final int ASSIGNEES_MAX = 50;
    private static final int LIST_MAX = 1000;

    private final CommandRepository repository;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final AuditLog audit;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommandManagement(CommandRepository repository, AreaManagement areas, AccountManagement accounts, AuditLog audit,
                      CordonSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.areas = areas;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Open and overdue directives, for the dashboard: city-wide ({@code areaCode} null) or those addressed to areas in the subtree. */
    @SystemOperation
    public OpenDirectives openDirectives(String areaCode) {
        long[] counts = repository.openDirectives(areaCode, clock.instant());
        return new OpenDirectives(counts[0], counts[1]);
    }

    /** Directives still open, and how many of them are past their deadline. */
    public record OpenDirectives(long open, long overdue) {
    }

    /** True when the user may issue directives and follow them up as commander. */
    @PermissionQuery(Permission.DIRECTIVE_ISSUE)
    public boolean mayIssue(CordonUser user) {
        return RolePermissions.may(user, Permission.DIRECTIVE_ISSUE);
    }

    /** True when the user sees every directive (commander, administrator). */
    @PermissionQuery(Permission.DIRECTIVE_READ_ALL)
    public boolean seesAll(CordonUser user) {
        return RolePermissions.may(user, Permission.DIRECTIVE_READ_ALL);
    }

    /** The addressees the commander may choose: the working groups and the towns / street offices. */
    public record AssigneeOptions(List<WorkingGroup> groups, List<Area> towns) {
    }

    /** The addressees offered on the new-directive form. */
    @SystemOperation
    public AssigneeOptions assigneeOptions() {
        return new AssigneeOptions(repository.workingGroups(), areas.towns());
    }

    // ------------------------------------------------------------------ issuing

    /**
     * Issues a directive (commander only): one assignment per addressee, status ASSIGNED, and the
     * history entry ISSUED. Publishes {@link DirectiveIssued}.
     *
     * @throws AccessDeniedException     for anyone but the commander
     * @throws ValidationFailedException with every invalid field; nothing is stored
     */
    @Transactional
    @RequiresPermission(Permission.DIRECTIVE_ISSUE)
    public DirectiveView issue(CordonUser user, NewDirective input) {
        if (!mayIssue(user)) {
            throw new AccessDeniedException("Only the commander issues directives");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String title = required(input.title(), "title", TITLE_MAX, problems);
        String content = required(input.content(), "content", CONTENT_MAX, problems);
        DirectivePriority priority = DirectivePriority.NORMAL;
        if (input.priority() != null && !input.priority().isBlank()) {
            try {
                priority = DirectivePriority.valueOf(input.priority().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("priority", "validation.enum", input.priority(), "URGENT, HIGH, NORMAL"));
            }
        }
        Instant now = clock.instant();
        Instant deadline = deadline(input.deadline(), now, problems);
        List<Resolved> assignees = resolveAssignees(input.assignees(), problems);
        failIfAny(problems);

        long id = repository.insertDirective(title, content, priority, deadline, user.getUsername(), user.displayName(), now);
        List<Long> assignmentIds = new ArrayList<>();
        for (Resolved a : assignees) {
            assignmentIds.add(repository.insertAssignment(id, a.type(), a.ref(), a.name()));
        }
        repository.insertEvent(id, null, DirectiveEventKind.ISSUED, null, null, user.getUsername(), user.displayName(), now);
        events.publishEvent(new DirectiveIssued(id, assignmentIds));
        return directive(user, id);
    }

    private record Resolved(AssigneeType type, String ref, String name) {
    }

    private List<Resolved> resolveAssignees(List<Assignee> input, List<FieldProblem> problems) {
        List<Resolved> result = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            problems.add(new FieldProblem("assignees", "directive.validation.assignees.required"));
            return result;
        }
        if (input.size() > ASSIGNEES_MAX) {
            problems.add(new FieldProblem("assignees", "directive.validation.assignees.tooMany", ASSIGNEES_MAX));
            return result;
        }
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> groupNames = repository.groupNames(input.stream()
                .filter(a -> a != null && a.type() == AssigneeType.GROUP && a.ref() != null).map(a -> a.ref().strip()).toList());
        for (Assignee a : input) {
            if (a == null || a.type() == null || a.ref() == null || a.ref().isBlank()) {
                problems.add(new FieldProblem("assignees", "directive.validation.assignee.incomplete"));
                continue;
            }
            String ref = a.ref().strip();
            if (!seen.add(a.type() + ":" + ref)) {
                continue;
            }
            switch (a.type()) {
                case GROUP -> {
                    String name = groupNames.get(ref);
                    if (name == null) {
                        problems.add(new FieldProblem("assignees", "directive.validation.assignee.unknownGroup", ref));
                    } else {
                        result.add(new Resolved(AssigneeType.GROUP, ref, name));
                    }
                }
                case AREA -> {
                    Optional<Area> town = areas.findArea(ref).filter(t -> t.kind() == AreaKind.TOWN || t.kind() == AreaKind.STREET);
                    if (town.isEmpty()) {
                        problems.add(new FieldProblem("assignees", "directive.validation.assignee.unknownTown", ref));
                    } else {
                        result.add(new Resolved(AssigneeType.AREA, ref, town.get().name()));
                    }
                }
                case BRANCH -> {
                    String name = a.name() == null || a.name().isBlank() ? ref : a.name().strip();
                    if (length(ref) > 64 || length(name) > NAME_MAX) {
                        problems.add(new FieldProblem("assignees", "directive.validation.assignee.branchTooLong", NAME_MAX));
                    } else {
                        result.add(new Resolved(AssigneeType.BRANCH, ref, name));
                    }
                }
            }
        }
        return result;
    }

    private Instant deadline(String raw, Instant now, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("deadline", "directive.validation.deadline.required"));
            return null;
        }
        Instant deadline;
        String text = raw.strip();
        try {
            deadline = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                deadline = LocalDateTime.parse(text).atZone(settings.timeZone()).toInstant();
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("deadline", "directive.validation.deadline.format", text));
                return null;
            }
        }
        if (!deadline.isAfter(now)) {
            problems.add(new FieldProblem("deadline", "directive.validation.deadline.past"));
        }
        return deadline;
    }

    // ------------------------------------------------------------------ reading

    /**
     * One directive with the assignments and the history the user may see.
     *
     * @throws NotFoundException     for an unknown id
     * @throws AccessDeniedException when none of its addressees is the user's
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public DirectiveView directive(CordonUser user, long id) {
        StoredDirective d = repository.findDirective(id).orElseThrow(() -> new NotFoundException("Directive " + id));
        Scope scope = scopeOf(user);
        List<StoredAssignment> assignments = repository.assignments(List.of(id), scope).getOrDefault(id, List.of());
        if (assignments.isEmpty()) {
            throw new AccessDeniedException("Directive " + id + " is not addressed to " + user.getUsername());
        }
        return view(d, assignments, scope, repository.events(id, scope));
    }

    /**
     * Directives the user may see, each with the visible assignments.
     *
     * @param open         true: with visible work not done (not cancelled), ordered by deadline; false: closed ones
     * @param overdue      true: open and past the deadline; false: not overdue
     * @param assigneeType with {@code assigneeRef}: only this addressee's assignments (supervision drill-down)
     * @param limit        at most this many (1–1000; null: 200)
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<DirectiveView> directives(CordonUser user, Boolean open, Boolean overdue, AssigneeType assigneeType,
                                          String assigneeRef, Integer limit) {
        return directives(user, new DirectiveQuery(open, overdue, null, assigneeType, assigneeType == null ? null : assigneeRef,
                limit == null ? 200 : Math.max(1, Math.min(LIST_MAX, limit))));
    }

    /** Directives whose visible assignments (of the addressee, when given) include done ones, newest first. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<DirectiveView> doneDirectives(CordonUser user, AssigneeType assigneeType, String assigneeRef, int limit) {
        return directives(user, new DirectiveQuery(null, null, true, assigneeType, assigneeType == null ? null : assigneeRef,
                Math.max(1, Math.min(LIST_MAX, limit))));
    }

    private List<DirectiveView> directives(CordonUser user, DirectiveQuery query) {
        Scope scope = scopeOf(user);
        List<StoredDirective> found = repository.directives(scope, query, clock.instant());
        Scope shown = query.assigneeType() == null ? scope : narrowed(scope, query.assigneeType(), query.assigneeRef());
        Map<Long, List<StoredAssignment>> assignments = repository.assignments(found.stream().map(StoredDirective::id).toList(), shown);
        return found.stream().map(d -> view(d, assignments.getOrDefault(d.id(), List.of()), scope, null)).toList();
    }

    /**
     * Directives addressed to the user's own addressees (working groups, town), each with only those
     * assignments: {@code open} true: with work not done, by deadline; false: with done work, newest first.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<DirectiveView> myDirectives(CordonUser user, boolean open, int limit) {
        Scope scope = scopeOf(user);
        Scope mine = new Scope(false, scope.groupCodes(), scope.all() ? null : scope.areaCode());
        if (mine.nothing()) {
            return List.of();
        }
        DirectiveQuery query = open ? new DirectiveQuery(true, null, null, null, null, limit)
                : new DirectiveQuery(null, null, true, null, null, limit);
        List<StoredDirective> found = repository.directives(mine, query, clock.instant());
        Map<Long, List<StoredAssignment>> assignments = repository.assignments(found.stream().map(StoredDirective::id).toList(), mine);
        return found.stream().map(d -> view(d, assignments.getOrDefault(d.id(), List.of()), scope, null)).toList();
    }

    /** The supervision view (督查): open, overdue and done counts per addressee the user may see. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<SupervisionRow> supervision(CordonUser user) {
        return repository.supervision(scopeOf(user), clock.instant());
    }

    /** Today's figures over the user's visible assignments. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public CommandFigures figures(CordonUser user) {
        LocalDate today = settings.today(clock);
        Instant start = today.atStartOfDay(settings.timeZone()).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(settings.timeZone()).toInstant();
        return repository.figures(scopeOf(user), clock.instant(), start, end);
    }

    /** The latest history entries across the directives the user may see, newest first. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<DirectiveEvent> recentActivity(CordonUser user, int limit) {
        return repository.recentEvents(scopeOf(user), Math.max(1, Math.min(200, limit)));
    }

    /** The current instant (of the application's clock). */
    @SystemOperation
    public Instant now() {
        return clock.instant();
    }

    /** Today in the city's time zone. */
    @SystemOperation
    public LocalDate today() {
        return settings.today(clock);
    }

    /** A time one day from now, in the city's time zone, to the minute (the form's default deadline). */
    @SystemOperation
    public LocalDateTime defaultDeadline() {
        return ZonedDateTime.now(clock.withZone(settings.timeZone())).plusDays(1).withSecond(0).withNano(0).toLocalDateTime();
    }

    // ------------------------------------------------------------------ assignee actions

    /**
     * The addressee accepts its part (ASSIGNED → ACCEPTED). Publishes {@link DirectiveAccepted}.
     *
     * @throws AccessDeniedException     when the user does not belong to the addressee
     * @throws ValidationFailedException when already accepted or done, or the directive was cancelled
     */
    @Transactional
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public AssignmentView accept(CordonUser user, long assignmentId) {
        Scope scope = scopeOf(user);
        StoredAssignment a = ownAssignment(user, scope, assignmentId);
        Instant now = clock.instant();
        repository.accept(a.id(), a.status().accept(), user.getUsername(), now);
        repository.insertEvent(a.directiveId(), a.id(), DirectiveEventKind.ACCEPTED, null, null, user.getUsername(), user.displayName(), now);
        events.publishEvent(new DirectiveAccepted(a.directiveId(), a.id()));
        return assignmentView(scope, a.id());
    }

    /**
     * The addressee reports progress: text (required, at most 1000 characters) and a percentage 0–100.
     * Only after accepting and before done. Publishes {@link DirectiveProgressReported}.
     */
    @Transactional
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public AssignmentView reportProgress(CordonUser user, long assignmentId, String text, Integer percent) {
        Scope scope = scopeOf(user);
        StoredAssignment a = ownAssignment(user, scope, assignmentId);
        List<FieldProblem> problems = new ArrayList<>();
        a.status().requireWorkable(problems);
        String report = required(text, "text", TEXT_MAX, problems);
        if (percent == null) {
            problems.add(new FieldProblem("percent", "directive.validation.percent.required"));
        } else if (percent < 0 || percent > 100) {
            problems.add(new FieldProblem("percent", "directive.validation.percent.range", percent));
        }
        failIfAny(problems);
        Instant now = clock.instant();
        repository.report(a.id(), percent, report, now);
        repository.insertEvent(a.directiveId(), a.id(), DirectiveEventKind.PROGRESS, report, percent, user.getUsername(),
                user.displayName(), now);
        events.publishEvent(new DirectiveProgressReported(a.directiveId(), a.id()));
        return assignmentView(scope, a.id());
    }

    /**
     * The addressee marks its part done (ACCEPTED → DONE, progress 100), with an optional closing note.
     * Publishes {@link DirectiveCompleted}.
     */
    @Transactional
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public AssignmentView complete(CordonUser user, long assignmentId, String note) {
        Scope scope = scopeOf(user);
        StoredAssignment a = ownAssignment(user, scope, assignmentId);
        List<FieldProblem> problems = new ArrayList<>();
        a.status().requireWorkable(problems);
        String text = optional(note, "text", TEXT_MAX, problems);
        failIfAny(problems);
        Instant now = clock.instant();
        repository.complete(a.id(), user.getUsername(), now);
        repository.insertEvent(a.directiveId(), a.id(), DirectiveEventKind.DONE, text, 100, user.getUsername(), user.displayName(), now);
        events.publishEvent(new DirectiveCompleted(a.directiveId(), a.id()));
        return assignmentView(scope, a.id());
    }

    // ------------------------------------------------------------------ commander follow-up

    /** The commander comments on a directive (urges, clarifies); text required, at most 1000 characters. */
    @Transactional
    @RequiresPermission(Permission.DIRECTIVE_ISSUE)
    public DirectiveView comment(CordonUser user, long directiveId, String text) {
        requireCommander(user);
        StoredDirective d = repository.lockDirective(directiveId).orElseThrow(() -> new NotFoundException("Directive " + directiveId));
        List<FieldProblem> problems = new ArrayList<>();
        String comment = required(text, "text", TEXT_MAX, problems);
        failIfAny(problems);
        repository.insertEvent(d.id(), null, DirectiveEventKind.COMMENT, comment, null, user.getUsername(), user.displayName(),
                clock.instant());
        return directive(user, directiveId);
    }

    /**
     * The commander reopens an addressee's done part (DONE → ACCEPTED, progress back to the last
     * reported percentage), with a reason.
     */
    @Transactional
    @RequiresPermission(Permission.DIRECTIVE_ISSUE)
    public DirectiveView reopen(CordonUser user, long assignmentId, String reason) {
        requireCommander(user);
        StoredAssignment a = repository.lockAssignment(assignmentId).orElseThrow(() -> new NotFoundException("Assignment " + assignmentId));
        StoredDirective d = repository.findDirective(a.directiveId()).orElseThrow();
        List<FieldProblem> problems = new ArrayList<>();
        a.status().requireReopenable(d.cancelled(), problems);
        String text = required(reason, "text", TEXT_MAX, problems);
        failIfAny(problems);
        repository.reopen(a.id(), repository.lastReportedPercent(a.id()));
        repository.insertEvent(a.directiveId(), a.id(), DirectiveEventKind.REOPENED, text, null, user.getUsername(), user.displayName(),
                clock.instant());
        return directive(user, a.directiveId());
    }

    /** The commander cancels a directive; it leaves the open lists and the addressees can no longer act on it. */
    @Transactional
    @RequiresPermission(Permission.DIRECTIVE_ISSUE)
    public DirectiveView cancel(CordonUser user, long directiveId, String reason) {
        requireCommander(user);
        StoredDirective d = repository.lockDirective(directiveId).orElseThrow(() -> new NotFoundException("Directive " + directiveId));
        List<FieldProblem> problems = new ArrayList<>();
        if (d.cancelled()) {
            problems.add(new FieldProblem("status", "directive.validation.cancelled"));
        }
        String text = optional(reason, "text", TEXT_MAX, problems);
        failIfAny(problems);
        repository.cancel(d.id());
        repository.insertEvent(d.id(), null, DirectiveEventKind.CANCELLED, text, null, user.getUsername(), user.displayName(),
                clock.instant());
        return directive(user, directiveId);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * What the user may see: commanders and administrators everything (and belong to the groups they are
     * members of); everyone else the assignments of their working groups and, for staff below the city
     * level (not working-group staff or checkpoint officers), the towns inside their area.
     */
    private Scope scopeOf(CordonUser user) {
        if (user == null) {
            return new Scope(false, Set.of(), null);
        }
        Set<String> groups = repository.groupCodesOf(user.id());
        if (seesAll(user)) {
            return new Scope(true, groups, null);
        }
        String area = user.jurisdiction().areaCode();
        boolean townStaff = area != null && RolePermissions.may(user, Permission.DIRECTIVE_WORK)
                && areas.findArea(area).map(a -> a.kind() != AreaKind.CITY).orElse(false);
        return new Scope(false, groups, townStaff ? area : null);
    }

    private static Scope narrowed(Scope scope, AssigneeType type, String ref) {
        // the drill-down shows only the chosen addressee's assignment(s)
        return scope.covers(type, ref) ? new Scope(false, type == AssigneeType.GROUP ? Set.of(ref) : Set.of(),
                type == AssigneeType.AREA ? ref : null) : new Scope(false, Set.of(), null);
    }

    private StoredAssignment ownAssignment(CordonUser user, Scope scope, long assignmentId) {
        StoredAssignment a = repository.lockAssignment(assignmentId).orElseThrow(() -> new NotFoundException("Assignment " + assignmentId));
        if (!scope.belongsTo(a.type(), a.ref())) {
            throw new AccessDeniedException("Assignment " + assignmentId + " is not addressed to " + user.getUsername());
        }
        StoredDirective d = repository.lockDirective(a.directiveId()).orElseThrow();
        if (d.cancelled()) {
            throw new ValidationFailedException("status", "directive.validation.cancelled");
        }
        return a;
    }

    private AssignmentView assignmentView(Scope scope, long assignmentId) {
        StoredAssignment a = repository.lockAssignment(assignmentId).orElseThrow();
        StoredDirective d = repository.findDirective(a.directiveId()).orElseThrow();
        return assignmentView(d, a, scope, clock.instant());
    }

    private DirectiveView view(StoredDirective d, List<StoredAssignment> assignments, Scope scope, List<DirectiveEvent> history) {
        Instant now = clock.instant();
        List<AssignmentView> views = assignments.stream().map(a -> assignmentView(d, a, scope, now)).toList();
        boolean open = !d.cancelled() && views.stream().anyMatch(AssignmentView::open);
        boolean overdue = views.stream().anyMatch(AssignmentView::overdue);
        return new DirectiveView(d.id(), d.title(), d.content(), d.priority(), d.deadline(), d.issuedBy(), d.issuedName(), d.issuedAt(),
                d.cancelled(), overdue, open, views, history);
    }

    private static AssignmentView assignmentView(StoredDirective d, StoredAssignment a, Scope scope, Instant now) {
        boolean overdue = !d.cancelled() && a.status() != AssignmentStatus.DONE && d.deadline().isBefore(now);
        return new AssignmentView(a.id(), a.directiveId(), a.type(), a.ref(), a.name(), a.status(), a.progress(), a.lastReport(),
                a.acceptedAt(), a.acceptedBy(), a.reportedAt(), a.doneAt(), a.doneBy(), overdue,
                !d.cancelled() && scope.belongsTo(a.type(), a.ref()));
    }

    private void requireCommander(CordonUser user) {
        if (!mayIssue(user)) {
            throw new AccessDeniedException("Only the commander follows up directives");
        }
    }


}
