package org.cordon.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cordon.account.AccountManagement;
import org.cordon.account.AccountSummary;
import org.cordon.account.AreaScope;
import org.cordon.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Leadership group, working groups with members, directives, assignments and their history. */
@Repository
class CommandRepository {

    /**
     * Which assignments a user may see: everything, or GROUP assignments of the given group codes and
     * AREA assignments inside the given area subtree.
     */
    record Scope(boolean all, Set<String> groupCodes, String areaCode) {

        static final Scope ALL = new Scope(true, Set.of(), null);

        boolean nothing() {
            return !all && groupCodes.isEmpty() && areaCode == null;
        }

        boolean covers(AssigneeType type, String ref) {
            return all || (type == AssigneeType.GROUP && groupCodes.contains(ref))
                    || (type == AssigneeType.AREA && AreaScope.subtree(areaCode).covers(ref));
        }

        /** Whether the user belongs to the addressee (commanders see everything but belong to no addressee by role). */
        boolean belongsTo(AssigneeType type, String ref) {
            return (type == AssigneeType.GROUP && groupCodes.contains(ref))
                    || (type == AssigneeType.AREA && AreaScope.subtree(areaCode).covers(ref));
        }
    }

    record StoredDirective(long id, String title, String content, DirectivePriority priority, Instant deadline, String issuedBy,
                           String issuedName, Instant issuedAt, boolean cancelled) {
    }

    record StoredAssignment(long id, long directiveId, AssigneeType type, String ref, String name, AssignmentStatus status,
                            int progress, String lastReport, Instant acceptedAt, String acceptedBy, Instant reportedAt,
                            Instant doneAt, String doneBy) {
    }

    /** Filter of directive lists; null fields do not filter. */
    record DirectiveQuery(Boolean open, Boolean overdue, Boolean done, AssigneeType assigneeType, String assigneeRef, int limit) {
    }

    private static final String ASSIGNMENT_SELECT = """
            select a.id, a.directive_id, a.assignee_type, a.assignee_ref, coalesce(g.name, a.assignee_name) as assignee_name,
                   a.status, a.progress, a.last_report, a.accepted_at, a.accepted_by, a.reported_at, a.done_at, a.done_by
            from directive_assignment a
            left join working_group g on a.assignee_type = 'GROUP' and g.code = a.assignee_ref
            """;

    private static final String PRIORITY_ORDER = "case d.priority when 'URGENT' then 0 when 'HIGH' then 1 else 2 end";

    private final JdbcClient jdbc;
    private final AccountManagement accounts;

    CommandRepository(JdbcClient jdbc, AccountManagement accounts) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ leadership group

    List<LeadershipMember> leadership() {
        return jdbc.sql("select * from leadership_member order by sort, id")
                .query((rs, n) -> new LeadershipMember(rs.getLong("id"), LeadershipPosition.valueOf(rs.getString("position")),
                        rs.getString("name"), rs.getString("title"), rs.getInt("sort"), rs.getBoolean("sample")))
                .list();
    }

    Optional<LeadershipMember> leadershipMember(long id) {
        return leadership().stream().filter(m -> m.id() == id).findFirst();
    }

    void updateLeadershipMember(long id, String name, String title) {
        jdbc.sql("update leadership_member set name = ?, title = ?, sample = false where id = ?").params(name, title, id).update();
    }

    long insertLeadershipMember(String name, String title) {
        return jdbc.sql("""
                        insert into leadership_member(position, name, title, sort)
                        values ('MEMBER', ?, ?, (select coalesce(max(sort), 0) + 1 from leadership_member)) returning id""")
                .params(name, title).query(Long.class).single();
    }

    int deleteLeadershipMember(long id) {
        return jdbc.sql("delete from leadership_member where id = ? and position = 'MEMBER'").param(id).update();
    }

    // ------------------------------------------------------------------ working groups

    List<WorkingGroup> workingGroups() {
        // the accounts come from the account module's API (one query), not from its table
        record Row(long groupId, long accountId, String addedBy, Instant addedAt) {
        }
        List<Row> rows = jdbc.sql("select group_id, account_id, added_by, added_at from working_group_member")
                .query((rs, n) -> new Row(rs.getLong("group_id"), rs.getLong("account_id"), rs.getString("added_by"), instant(rs, "added_at")))
                .list();
        Map<Long, AccountSummary> accountsById = accounts.summaries(rows.stream().map(Row::accountId).toList());
        Map<Long, List<GroupMember>> members = new HashMap<>();
        for (Row r : rows) {
            AccountSummary a = accountsById.get(r.accountId());
            if (a != null) {
                members.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(new GroupMember(a.id(), a.username(), a.displayName(),
                        a.role(), a.enabled(), r.addedBy(), r.addedAt()));
            }
        }
        members.values().forEach(list -> list.sort(java.util.Comparator.comparing(GroupMember::username)));
        return jdbc.sql("select * from working_group order by sort, code")
                .query((rs, n) -> new WorkingGroup(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("duties"), rs.getInt("sort"), rs.getBoolean("sample"),
                        List.copyOf(members.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    Optional<WorkingGroup> workingGroup(String code) {
        return workingGroups().stream().filter(g -> g.code().equals(code)).findFirst();
    }

    Map<String, String> groupNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("select code, name from working_group where code in (:codes)").param("codes", codes)
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    void updateWorkingGroup(String code, String name, String duties) {
        jdbc.sql("update working_group set name = ?, duties = ?, sample = false where code = ?").params(name, duties, code).update();
    }

    boolean addMember(long groupId, long accountId, String addedBy) {
        return jdbc.sql("""
                        insert into working_group_member(group_id, account_id, added_by) values (?, ?, ?)
                        on conflict do nothing""")
                .params(groupId, accountId, addedBy).update() > 0;
    }

    boolean removeMember(long groupId, long accountId) {
        return jdbc.sql("delete from working_group_member where group_id = ? and account_id = ?").params(groupId, accountId).update() > 0;
    }

    /** Codes of the working groups an account belongs to. */
    Set<String> groupCodesOf(long accountId) {
        return Set.copyOf(jdbc.sql("""
                        select g.code from working_group_member m join working_group g on g.id = m.group_id
                        where m.account_id = ?""")
                .param(accountId).query(String.class).list());
    }

    /** The id of the account with this user name (through the account module, which owns the table). */
    Optional<Long> accountId(String username) {
        return accounts.idOf(username);
    }

    // ------------------------------------------------------------------ directives

    /** Open directives (not cancelled, an assignment not done) and those past their deadline; {@code area} null: city-wide. */
    long[] openDirectives(String area, Instant now) {
        String areaFilter = area == null ? "" : " and a.assignee_type = 'AREA' and " + AreaScope.subtree(area).condition("a.assignee_ref", "p");
        var spec = jdbc.sql("""
                select count(distinct d.id), count(distinct d.id) filter (where d.deadline < :now)
                from directive d join directive_assignment a on a.directive_id = d.id
                where not d.cancelled and a.status <> 'DONE'""" + areaFilter)
                .param("now", Timestamp.from(now));
        if (area != null) {
            spec = spec.param("p", AreaScope.subtree(area).pattern());
        }
        return spec.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    long insertDirective(String title, String content, DirectivePriority priority, Instant deadline, String issuedBy,
                         String issuedName, Instant issuedAt) {
        return jdbc.sql("""
                        insert into directive(title, content, priority, deadline, issued_by, issued_name, issued_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(title, content, priority.name(), Timestamp.from(deadline), issuedBy, issuedName, Timestamp.from(issuedAt))
                .query(Long.class).single();
    }

    long insertAssignment(long directiveId, AssigneeType type, String ref, String name) {
        return jdbc.sql("""
                        insert into directive_assignment(directive_id, assignee_type, assignee_ref, assignee_name)
                        values (?, ?, ?, ?) returning id""")
                .params(directiveId, type.name(), ref, name).query(Long.class).single();
    }

    void insertEvent(long directiveId, Long assignmentId, DirectiveEventKind kind, String text, Integer percent, String actor,
                     String actorName, Instant at) {
        jdbc.sql("""
                        insert into directive_event(directive_id, assignment_id, kind, text, percent, actor, actor_name, at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(directiveId, assignmentId, kind.name(), text, percent, actor, actorName, Timestamp.from(at))
                .update();
    }

    Optional<StoredDirective> findDirective(long id) {
        return jdbc.sql("select * from directive d where d.id = ?").param(id).query(CommandRepository::directive).optional();
    }

    Optional<StoredDirective> lockDirective(long id) {
        return jdbc.sql("select * from directive d where d.id = ? for update").param(id).query(CommandRepository::directive).optional();
    }

    void cancel(long id) {
        jdbc.sql("update directive set cancelled = true where id = ?").param(id).update();
    }

    Optional<StoredAssignment> lockAssignment(long id) {
        return jdbc.sql("""
                        select a.id, a.directive_id, a.assignee_type, a.assignee_ref, coalesce(g.name, a.assignee_name) as assignee_name,
                               a.status, a.progress, a.last_report, a.accepted_at, a.accepted_by, a.reported_at, a.done_at, a.done_by
                        from directive_assignment a
                        left join working_group g on a.assignee_type = 'GROUP' and g.code = a.assignee_ref
                        where a.id = ? for update of a""")
                .param(id).query(CommandRepository::assignment).optional();
    }

    void accept(long id, AssignmentStatus status, String username, Instant at) {
        jdbc.sql("update directive_assignment set status = ?, accepted_at = ?, accepted_by = ? where id = ?")
                .params(status.name(), Timestamp.from(at), username, id).update();
    }

    void report(long id, int percent, String text, Instant at) {
        jdbc.sql("update directive_assignment set progress = ?, last_report = ?, reported_at = ? where id = ?")
                .params(percent, text, Timestamp.from(at), id).update();
    }

    void complete(long id, String username, Instant at) {
        jdbc.sql("update directive_assignment set status = 'DONE', progress = 100, done_at = ?, done_by = ? where id = ?")
                .params(Timestamp.from(at), username, id).update();
    }

    void reopen(long id, int progress) {
        jdbc.sql("update directive_assignment set status = 'ACCEPTED', progress = ?, done_at = null, done_by = null where id = ?")
                .params(progress, id).update();
    }

    /** The percentage of the last progress report of an assignment, or 0. */
    int lastReportedPercent(long assignmentId) {
        return jdbc.sql("""
                        select percent from directive_event where assignment_id = ? and kind = 'PROGRESS'
                        order by at desc, id desc limit 1""")
                .param(assignmentId).query(Integer.class).optional().orElse(0);
    }

    /** Assignments of the given directives that the scope covers, in the order issued. */
    Map<Long, List<StoredAssignment>> assignments(Collection<Long> directiveIds, Scope scope) {
        Map<Long, List<StoredAssignment>> result = new LinkedHashMap<>();
        if (directiveIds.isEmpty() || scope.nothing()) {
            return result;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("ids", directiveIds);
        jdbc.sql(ASSIGNMENT_SELECT + " where a.directive_id in (:ids) and " + visible(scope, params) + " order by a.id")
                .params(params).query(CommandRepository::assignment).list()
                .forEach(a -> result.computeIfAbsent(a.directiveId(), k -> new ArrayList<>()).add(a));
        return result;
    }

    /** Directives with at least one assignment in scope matching the query. */
    List<StoredDirective> directives(Scope scope, DirectiveQuery query, Instant now) {
        if (scope.nothing()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("limit", query.limit());
        StringBuilder assignment = new StringBuilder(visible(scope, params));
        StringBuilder directive = new StringBuilder("true");
        boolean openFirst = Boolean.TRUE.equals(query.open()) || Boolean.TRUE.equals(query.overdue());
        if (query.assigneeType() != null) {
            assignment.append(" and a.assignee_type = :type and a.assignee_ref = :ref");
            params.put("type", query.assigneeType().name());
            params.put("ref", query.assigneeRef());
        }
        if (Boolean.TRUE.equals(query.open()) || Boolean.TRUE.equals(query.overdue())) {
            assignment.append(" and a.status <> 'DONE'");
            directive.append(" and not d.cancelled");
        } else if (Boolean.FALSE.equals(query.open())) {
            // closed: cancelled, or nothing left open among the visible assignments
            directive.append(" and (d.cancelled or not exists (select 1 from directive_assignment a where a.directive_id = d.id and ")
                    .append(visible(scope, params));
            if (query.assigneeType() != null) {
                directive.append(" and a.assignee_type = :type and a.assignee_ref = :ref");
            }
            directive.append(" and a.status <> 'DONE'))");
        }
        if (Boolean.TRUE.equals(query.overdue())) {
            directive.append(" and d.deadline < :now");
        } else if (Boolean.FALSE.equals(query.overdue())) {
            directive.append(" and (d.deadline >= :now or d.cancelled or not exists (select 1 from directive_assignment a where a.directive_id = d.id and ")
                    .append(visible(scope, params)).append(" and a.status <> 'DONE'))");
        }
        if (Boolean.TRUE.equals(query.done())) {
            assignment.append(" and a.status = 'DONE'");
            directive.append(" and not d.cancelled");
        }
        String order = openFirst ? "d.deadline, " + PRIORITY_ORDER + ", d.id" : "d.issued_at desc, d.id desc";
        return jdbc.sql("select d.* from directive d where " + directive
                        + " and exists (select 1 from directive_assignment a where a.directive_id = d.id and " + assignment + ")"
                        + " order by " + order + " limit :limit")
                .params(params).query(CommandRepository::directive).list();
    }

    /** History of one directive, oldest first; for a limited scope only directive-wide entries and its own assignments'. */
    List<DirectiveEvent> events(long directiveId, Scope scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", directiveId);
        String filter = scope.all() ? "" : " and (e.assignment_id is null or " + visible(scope, params) + ")";
        return jdbc.sql("""
                        select e.*, coalesce(g.name, a.assignee_name) as assignee_name, null::text as directive_title
                        from directive_event e
                        left join directive_assignment a on a.id = e.assignment_id
                        left join working_group g on a.assignee_type = 'GROUP' and g.code = a.assignee_ref
                        where e.directive_id = :id""" + filter + " order by e.at, e.id")
                .params(params).query(CommandRepository::event).list();
    }

    /** The latest history entries the scope may see, newest first. */
    List<DirectiveEvent> recentEvents(Scope scope, int limit) {
        if (scope.nothing()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        String filter = scope.all() ? "true" : """
                (case when e.assignment_id is null
                      then exists (select 1 from directive_assignment a where a.directive_id = e.directive_id and %s)
                      else %s end)""".formatted(visible(scope, params), visible(scope, params));
        return jdbc.sql("""
                        select e.*, coalesce(g.name, a.assignee_name) as assignee_name, d.title as directive_title
                        from directive_event e
                        join directive d on d.id = e.directive_id
                        left join directive_assignment a on a.id = e.assignment_id
                        left join working_group g on a.assignee_type = 'GROUP' and g.code = a.assignee_ref
                        where """ + " " + filter + " order by e.at desc, e.id desc limit :limit")
                .params(params).query(CommandRepository::event).list();
    }

    /** Open, overdue and done counts per addressee, over directives that are not cancelled. */
    List<SupervisionRow> supervision(Scope scope, Instant now) {
        if (scope.nothing()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        return jdbc.sql("""
                        select a.assignee_type, a.assignee_ref, min(coalesce(g.name, a.assignee_name)) as assignee_name,
                               count(*) filter (where a.status <> 'DONE') as open,
                               count(*) filter (where a.status <> 'DONE' and d.deadline < :now) as overdue,
                               count(*) filter (where a.status = 'DONE') as done
                        from directive_assignment a
                        join directive d on d.id = a.directive_id and not d.cancelled
                        left join working_group g on a.assignee_type = 'GROUP' and g.code = a.assignee_ref
                        where """ + " " + visible(scope, params) + """
                         group by a.assignee_type, a.assignee_ref
                        order by count(*) filter (where a.status <> 'DONE' and d.deadline < :now) desc,
                                 count(*) filter (where a.status <> 'DONE') desc, a.assignee_type, a.assignee_ref""")
                .params(params)
                .query((rs, n) -> new SupervisionRow(AssigneeType.valueOf(rs.getString("assignee_type")), rs.getString("assignee_ref"),
                        rs.getString("assignee_name"), rs.getLong("open"), rs.getLong("overdue"), rs.getLong("done")))
                .list();
    }

    /** Figures over the scope's assignments: open, overdue, due in [now, endOfDay), done in [startOfDay, endOfDay). */
    CommandFigures figures(Scope scope, Instant now, Instant startOfDay, Instant endOfDay) {
        if (scope.nothing()) {
            return new CommandFigures(0, 0, 0, 0);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("now", Timestamp.from(now));
        params.put("start", Timestamp.from(startOfDay));
        params.put("end", Timestamp.from(endOfDay));
        return jdbc.sql("""
                        select count(*) filter (where a.status <> 'DONE') as open,
                               count(*) filter (where a.status <> 'DONE' and d.deadline < :now) as overdue,
                               count(*) filter (where a.status <> 'DONE' and d.deadline >= :now and d.deadline < :end) as due_today,
                               count(*) filter (where a.status = 'DONE' and a.done_at >= :start and a.done_at < :end) as done_today
                        from directive_assignment a join directive d on d.id = a.directive_id and not d.cancelled
                        where """ + " " + visible(scope, params))
                .params(params)
                .query((rs, n) -> new CommandFigures(rs.getLong("open"), rs.getLong("overdue"), rs.getLong("due_today"),
                        rs.getLong("done_today")))
                .single();
    }

    /** SQL condition on {@code a} (directive_assignment) for the scope; adds its parameters. */
    private static String visible(Scope scope, Map<String, Object> params) {
        if (scope.all()) {
            return "true";
        }
        List<String> parts = new ArrayList<>();
        if (!scope.groupCodes().isEmpty()) {
            params.put("groupCodes", scope.groupCodes());
            parts.add("(a.assignee_type = 'GROUP' and a.assignee_ref in (:groupCodes))");
        }
        if (scope.areaCode() != null) {
            AreaScope area = AreaScope.subtree(scope.areaCode());
            params.put("areaPrefix", area.pattern());
            parts.add("(a.assignee_type = 'AREA' and " + area.condition("a.assignee_ref", "areaPrefix") + ")");
        }
        return parts.isEmpty() ? "false" : "(" + String.join(" or ", parts) + ")";
    }

    // ------------------------------------------------------------------ row mapping

    private static StoredDirective directive(ResultSet rs, int n) throws SQLException {
        return new StoredDirective(rs.getLong("id"), rs.getString("title"), rs.getString("content"),
                DirectivePriority.valueOf(rs.getString("priority")), instant(rs, "deadline"), rs.getString("issued_by"),
                rs.getString("issued_name"), instant(rs, "issued_at"), rs.getBoolean("cancelled"));
    }

    private static StoredAssignment assignment(ResultSet rs, int n) throws SQLException {
        return new StoredAssignment(rs.getLong("id"), rs.getLong("directive_id"), AssigneeType.valueOf(rs.getString("assignee_type")),
                rs.getString("assignee_ref"), rs.getString("assignee_name"), AssignmentStatus.valueOf(rs.getString("status")),
                rs.getInt("progress"), rs.getString("last_report"), instant(rs, "accepted_at"), rs.getString("accepted_by"),
                instant(rs, "reported_at"), instant(rs, "done_at"), rs.getString("done_by"));
    }

    private static DirectiveEvent event(ResultSet rs, int n) throws SQLException {
        long assignment = rs.getLong("assignment_id");
        Long assignmentId = rs.wasNull() ? null : assignment;
        int percent = rs.getInt("percent");
        Integer pct = rs.wasNull() ? null : percent;
        return new DirectiveEvent(rs.getLong("id"), rs.getLong("directive_id"), assignmentId, rs.getString("assignee_name"),
                DirectiveEventKind.valueOf(rs.getString("kind")), rs.getString("text"), pct, rs.getString("actor"),
                rs.getString("actor_name"), instant(rs, "at"), rs.getString("directive_title"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
