package org.cordon.mobilization;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cordon.account.AccountManagement;
import org.cordon.account.ExactSearchGuard;
import org.cordon.notice.SignupHandover;
import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.InvalidValueException;
import org.cordon.account.PersonalValue;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mobilisation module's API: Party branches and members, pledges, duty rosters at the checkpoints,
 * volunteers and their tasks.
 *
 * <p><b>Who may do what</b> (checked here, on the server, for pages and API alike): commanders,
 * administrators and volunteer coordinators <em>manage</em>. Commanders, administrators and coordinators
 * whose area is the city manage everything; a coordinator whose area is a town or street office (or lies
 * below one) manages only the branches, members, checkpoints, volunteers and tasks of that area (records
 * without an area are city-wide and left to city-level staff). Checkpoint officers read the rosters of their
 * own checkpoints and their own shifts ("my shifts": the shifts of the Party member linked to their account).
 * Everyone else gets {@link AccessDeniedException}.
 *
 * <p>Every change is all or nothing: invalid input throws {@link ValidationFailedException} listing every
 * invalid field, and nothing is stored. Phones are stored encrypted with a keyed hash for look-ups and are
 * only ever returned masked.
 */
@Service
@Transactional(readOnly = true)
public class MobilizationManagement {

    static final String MEMBER_PHONE = "party_member.phone";
    /** The same field name as the portal's sign-ups, so a taken-over sign-up keeps its ciphertext and hash. */
    static final String VOLUNTEER_PHONE = "volunteer.phone";
    /** Length of the city's area code; coordinators at this level (or above) are city-wide. */
    private static final int CITY_CODE_LENGTH = 6;
    private static final int MAX_GENERATE_DAYS = 31;
    private static final int MAX_RANGE_DAYS = 62;

    private final JdbcClient jdbc;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final PersonalDataCipher cipher;
    private final MobilizationSettings settings;
    private final CordonSettings cordon;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ExactSearchGuard exactSearches;
    private final SignupHandover signupHandover;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    MobilizationManagement(JdbcClient jdbc, AreaManagement areas, AccountManagement accounts, PersonalDataCipher cipher,
                           MobilizationSettings settings, CordonSettings cordon, ApplicationEventPublisher events, Clock clock,
                           ExactSearchGuard exactSearches, SignupHandover signupHandover,
                           org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
        this.exactSearches = exactSearches;
        this.signupHandover = signupHandover;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.areas = areas;
        this.accounts = accounts;
        this.cipher = cipher;
        this.settings = settings;
        this.cordon = cordon;
        this.events = events;
        this.clock = clock;
    }

    // ================================================================== access

    /** True for commanders, administrators and volunteer coordinators (with an area). */
    @PermissionQuery(Permission.VOLUNTEERS_MANAGE)
    public boolean mayManage(CordonUser user) {
        return RolePermissions.may(user, Permission.VOLUNTEERS_MANAGE) && AreaScope.of(user).hasArea();
    }

    /** True when the user may open the module at all (managers and checkpoint officers). */
    @PermissionQuery(Permission.DUTY_ROSTER_READ)
    public boolean mayUse(CordonUser user) {
        return mayManage(user) || RolePermissions.may(user, Permission.DUTY_ROSTER_READ);
    }

    /** Today in the city's time zone. */
    @SystemOperation
    public LocalDate today() {
        return cordon.today(clock);
    }

    /** The configured settings (shifts per day, required crew). */
    @SystemOperation
    public MobilizationSettings settings() {
        return settings;
    }

    /** Area prefix a manager is limited to, or null when city-wide. */
    private Scope scope(CordonUser user) {
        if (!mayManage(user)) {
            throw new AccessDeniedException("Mobilisation is managed by commanders, administrators and volunteer coordinators");
        }
        String area = AreaScope.of(user).areaCode();
        return area.length() <= CITY_CODE_LENGTH ? Scope.CITY : new Scope(area);
    }

    /** A manager's reach: everything (prefix null) or the area subtree of {@code prefix}. */
    private record Scope(String prefix) {
        static final Scope CITY = new Scope(null);

        boolean all() {
            return prefix == null;
        }

        boolean covers(String areaCode) {
            return prefix == null || area().covers(areaCode);
        }

        /** The area subtree (every code when city-wide). */
        private AreaScope area() {
            return AreaScope.subtree(prefix == null ? "" : prefix);
        }

        /**
         * SQL condition on the column, with the parameters {@code :all} (bound to {@link #all()}) and
         * {@code :like} (bound to {@link #like()}); with {@link #all()} it also accepts rows without an area.
         */
        String condition(String column) {
            return "(:all or " + area().condition(column, "like") + ")";
        }

        /** The escaped LIKE pattern bound to {@code :like}. */
        String like() {
            return area().pattern();
        }
    }

    private void requireCovered(Scope scope, String areaCode, String what) {
        if (!scope.covers(areaCode)) {
            throw new AccessDeniedException(what + " is outside the caller's area");
        }
    }

    // ================================================================== branches

    private static final String BRANCH_SELECT = """
            select b.*, a.name as area_name, c.name as checkpoint_name, s.name as secretary_name,
                   (select count(*) from party_member m where m.branch_id = b.id) as member_count
            from party_branch b
            left join area a on a.code = b.area_code
            left join checkpoint c on c.code = b.checkpoint_code
            left join party_member s on s.id = b.secretary_member_id
            """;

    private static final RowMapper<Branch> BRANCH = (rs, n) -> new Branch(rs.getLong("id"), rs.getString("name"),
            BranchKind.valueOf(rs.getString("kind")), rs.getBoolean("temporary"), rs.getString("parent_org"),
            rs.getString("area_code"), rs.getString("area_name"), rs.getString("checkpoint_code"),
            rs.getString("checkpoint_name"), (Long) rs.getObject("secretary_member_id", Long.class),
            rs.getString("secretary_name"), rs.getInt("member_count"), rs.getBoolean("sample"));

    /** The branches the manager may see: temporary ones first, then by name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Branch> branches(CordonUser user) {
        Scope scope = scope(user);
        return jdbc.sql(BRANCH_SELECT + " where " + scope.condition("b.area_code") + " order by b.temporary desc, b.kind, b.name, b.id")
                .param("all", scope.all()).param("like", scope.like()).query(BRANCH).list();
    }

    /**
     * One branch.
     *
     * @throws NotFoundException     no such branch
     * @throws AccessDeniedException outside the caller's area
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Branch branch(CordonUser user, long id) {
        Scope scope = scope(user);
        Branch branch = findBranch(id);
        requireCovered(scope, branch.areaCode(), "Branch " + id);
        return branch;
    }

    private Branch findBranch(long id) {
        return jdbc.sql(BRANCH_SELECT + " where b.id = :id").param("id", id).query(BRANCH).optional()
                .orElseThrow(() -> new NotFoundException("Branch " + id));
    }

    /**
     * Sets up a branch. A checkpoint branch takes its checkpoint's town as area; a compound branch needs a
     * compound; there is at most one temporary branch per checkpoint and per compound.
     *
     * @throws ValidationFailedException invalid or duplicate; nothing stored
     * @throws AccessDeniedException     not a manager, or the area is outside the caller's
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Branch createBranch(CordonUser user, BranchRequest r) {
        Scope scope = scope(user);
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(problems, "name", r.name(), 100, true);
        String parentOrg = text(problems, "parentOrg", r.parentOrg(), 100, false);
        BranchKind kind = enumValue(problems, "kind", r.kind(), BranchKind.class, null);
        String areaCode = blankToNull(r.areaCode());
        String checkpointCode = null;
        if (kind == BranchKind.CHECKPOINT) {
            CheckpointRef checkpoint = blankToNull(r.checkpointCode()) == null ? null
                    : allCheckpoints().stream().filter(c -> c.code().equals(r.checkpointCode().strip())).findFirst().orElse(null);
            if (checkpoint == null) {
                problems.add(new FieldProblem("checkpointCode", blankToNull(r.checkpointCode()) == null
                        ? "validation.required" : "branch.validation.checkpoint", r.checkpointCode()));
            } else {
                checkpointCode = checkpoint.code();
                areaCode = checkpoint.townCode();
                if (!scope.covers(areaCode)) {
                    problems.add(new FieldProblem("checkpointCode", "mob.validation.outsideArea", checkpoint.code()));
                } else if (count("select count(*) from party_branch where kind = 'CHECKPOINT' and checkpoint_code = ?", checkpointCode) > 0) {
                    problems.add(new FieldProblem("checkpointCode", "branch.validation.checkpointTaken", checkpoint.name()));
                }
            }
        } else if (kind != null) {
            if (areaCode == null) {
                problems.add(new FieldProblem("areaCode", "validation.required"));
            } else {
                Area area = areas.findArea(areaCode).orElse(null);
                if (area == null) {
                    problems.add(new FieldProblem("areaCode", "validation.area.unknown", areaCode));
                } else if (!scope.covers(areaCode)) {
                    problems.add(new FieldProblem("areaCode", "mob.validation.outsideArea", areaCode));
                } else if (kind == BranchKind.COMPOUND) {
                    if (area.kind() != org.cordon.area.AreaKind.COMPOUND) {
                        problems.add(new FieldProblem("areaCode", "branch.validation.notCompound", area.name()));
                    } else if (count("select count(*) from party_branch where kind = 'COMPOUND' and area_code = ?", areaCode) > 0) {
                        problems.add(new FieldProblem("areaCode", "branch.validation.compoundTaken", area.name()));
                    }
                }
            }
        }
        failIfAny(problems);
        long id = jdbc.sql("""
                        insert into party_branch(name, kind, temporary, parent_org, area_code, checkpoint_code)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(name, kind.name(), kind.temporary(), parentOrg, areaCode, checkpointCode).query(Long.class).single();
        return findBranch(id);
    }

    /**
     * Makes a member of the branch its secretary (null: no secretary).
     *
     * @throws ValidationFailedException the member does not belong to the branch
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Branch setSecretary(CordonUser user, long branchId, Long memberId) {
        Branch branch = branch(user, branchId);
        if (memberId != null && count("select count(*) from party_member where id = ? and branch_id = ?", memberId, branchId) == 0) {
            throw new ValidationFailedException("secretaryId", "branch.validation.secretary");
        }
        jdbc.sql("update party_branch set secretary_member_id = ? where id = ?").params(memberId, branch.id()).update();
        return findBranch(branchId);
    }

    /**
     * Where temporary branches are missing inside the manager's area: compounds needing one (see
     * {@link AreaManagement#compoundsNeedingBranch}) without a compound branch, and active checkpoints without a
     * checkpoint branch.
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public BranchGaps branchGaps(CordonUser user) {
        Scope scope = scope(user);
        String root = scope.all() ? cityRoot(user) : scope.prefix();
        Set<String> withBranch = new HashSet<>(jdbc.sql("select area_code from party_branch where kind = 'COMPOUND'")
                .query(String.class).list());
        List<BranchGaps.Compound> compounds = areas.compoundsNeedingBranch(root).stream()
                .filter(a -> !withBranch.contains(a.code()))
                .map(a -> new BranchGaps.Compound(a.code(), a.name(), a.households(), a.residents())).toList();
        Set<String> checkpointsWithBranch = new HashSet<>(jdbc.sql(
                "select checkpoint_code from party_branch where kind = 'CHECKPOINT'").query(String.class).list());
        List<CheckpointRef> checkpoints = managedCheckpoints(scope).stream()
                .filter(c -> !checkpointsWithBranch.contains(c.code())).toList();
        return new BranchGaps(compounds, checkpoints);
    }

    private String cityRoot(CordonUser user) {
        String area = user.jurisdiction().areaCode();
        if (area != null && !area.isBlank()) {
            return area.strip();
        }
        return jdbc.sql("select code from area where kind = 'CITY' order by code limit 1").query(String.class).optional().orElse("");
    }

    // ================================================================== members

    private static final String MEMBER_SELECT = """
            select m.*, b.name as branch_name, b.area_code as branch_area
            from party_member m join party_branch b on b.id = m.branch_id
            """;

    /** A member as read, with the id of the staff account it is linked to (named through the account module). */
    private record MemberRow(Member member, Long accountId, String branchArea) {
    }

    private RowMapper<MemberRow> memberMapper() {
        return (rs, n) -> new MemberRow(new Member(rs.getLong("id"), rs.getString("name"), maskedPhone(MEMBER_PHONE, rs),
                rs.getString("unit"), rs.getLong("branch_id"), rs.getString("branch_name"), rs.getBoolean("leave_cancelled"),
                rs.getString("current_post"), null), (Long) rs.getObject("account_id"), rs.getString("branch_area"));
    }

    /** The members with the user names of their linked accounts, from one call to the account module. */
    private List<Member> named(List<MemberRow> rows) {
        Map<Long, org.cordon.account.AccountSummary> linked = accounts.summaries(
                rows.stream().map(MemberRow::accountId).filter(java.util.Objects::nonNull).toList());
        return rows.stream().map(r -> {
            Member m = r.member();
            org.cordon.account.AccountSummary a = r.accountId() == null ? null : linked.get(r.accountId());
            return a == null ? m : new Member(m.id(), m.name(), m.maskedPhone(), m.unit(), m.branchId(), m.branchName(),
                    m.leaveCancelled(), m.currentPost(), a.username());
        }).toList();
    }

    /** The members of the branches the manager may see (of one branch when {@code branchId} is given), by branch and name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Member> members(CordonUser user, Long branchId) {
        Scope scope = scope(user);
        List<MemberRow> rows = jdbc.sql(MEMBER_SELECT
                         + " where " + scope.condition("b.area_code") + """
                          and (cast(:branch as bigint) is null or m.branch_id = :branch)
                         order by b.name, m.name, m.id""")
                .param("all", scope.all()).param("like", scope.like()).param("branch", branchId)
                .query(memberMapper()).list();
        return named(rows);
    }

    /** One member. @throws NotFoundException no such member @throws AccessDeniedException outside the caller's area */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member member(CordonUser user, long id) {
        Scope scope = scope(user);
        return visibleMember(scope, id);
    }

    private Member visibleMember(Scope scope, long id) {
        MemberRow row = jdbc.sql(MEMBER_SELECT + " where m.id = :id").param("id", id).query(memberMapper()).optional()
                .orElseThrow(() -> new NotFoundException("Member " + id));
        requireCovered(scope, row.branchArea(), "Member " + id);
        return named(List.of(row)).get(0);
    }

    /**
     * Registers a Party member. The phone is unique among members; {@code accountUsername} links a staff
     * account (for "my shifts"), at most one member per account.
     */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member createMember(CordonUser user, MemberRequest r) {
        Scope scope = scope(user);
        List<FieldProblem> problems = new ArrayList<>();
        MemberFields f = memberFields(user, scope, problems, r, null);
        failIfAny(problems);
        long id = jdbc.sql("""
                        insert into party_member(name, phone_enc, phone_hash, unit, branch_id, leave_cancelled, current_post, account_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.name, cipher.encrypt(MEMBER_PHONE, f.phone), cipher.hash(MEMBER_PHONE, f.phone), f.unit, f.branchId,
                        f.leaveCancelled, f.currentPost, f.accountId)
                .query(Long.class).single();
        return visibleMember(scope, id);
    }

    /** Changes a member; a blank phone keeps the stored one, a blank account name unlinks the account. */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member updateMember(CordonUser user, long id, MemberRequest r) {
        Scope scope = scope(user);
        visibleMember(scope, id);
        List<FieldProblem> problems = new ArrayList<>();
        MemberFields f = memberFields(user, scope, problems, r, id);
        failIfAny(problems);
        if (f.phone != null) {
            jdbc.sql("update party_member set phone_enc = ?, phone_hash = ? where id = ?")
                    .params(cipher.encrypt(MEMBER_PHONE, f.phone), cipher.hash(MEMBER_PHONE, f.phone), id).update();
        }
        jdbc.sql("""
                        update party_member set name = ?, unit = ?, branch_id = ?, leave_cancelled = ?, current_post = ?, account_id = ?
                        where id = ?""")
                .params(f.name, f.unit, f.branchId, f.leaveCancelled, f.currentPost, f.accountId, id).update();
        // a secretary who moved to another branch is no longer that branch's secretary
        jdbc.sql("update party_branch set secretary_member_id = null where secretary_member_id = ? and id <> ?")
                .params(id, f.branchId).update();
        return visibleMember(scope, id);
    }

    private static final class MemberFields {
        String name;
        String phone;
        String unit;
        Long branchId;
        boolean leaveCancelled;
        String currentPost;
        Long accountId;
    }

    private MemberFields memberFields(CordonUser user, Scope scope, List<FieldProblem> problems, MemberRequest r, Long existingId) {
        MemberFields f = new MemberFields();
        f.name = text(problems, "name", r.name(), 50, true);
        f.unit = text(problems, "unit", r.unit(), 100, false);
        f.currentPost = text(problems, "currentPost", r.currentPost(), 100, false);
        f.leaveCancelled = Boolean.TRUE.equals(r.leaveCancelled());
        if (existingId == null || blankToNull(r.phone()) != null) {
            f.phone = phone(problems, "phone", r.phone());
            if (f.phone != null) {
                // "this phone is taken" answers whether a number belongs to a party member: an exact match, audited and limited
                exactSearches.exactSearch(user, ExactSearchGuard.Kind.PHONE, "party member phone check");
            }
            if (f.phone != null && count("select count(*) from party_member where phone_hash = ? and id <> ?",
                    cipher.hash(MEMBER_PHONE, f.phone), existingId == null ? -1L : existingId) > 0) {
                problems.add(new FieldProblem("phone", "mob.validation.phoneTaken"));
            }
        }
        if (r.branchId() == null) {
            problems.add(new FieldProblem("branchId", "validation.required"));
        } else {
            String area = jdbc.sql("select coalesce(area_code, '') from party_branch where id = ?").param(r.branchId())
                    .query(String.class).optional().orElse(null);
            if (area == null) {
                problems.add(new FieldProblem("branchId", "duty.validation.branchUnknown", r.branchId()));
            } else if (!scope.covers(area.isEmpty() ? null : area)) {
                problems.add(new FieldProblem("branchId", "mob.validation.outsideArea", r.branchId()));
            } else {
                f.branchId = r.branchId();
            }
        }
        String username = blankToNull(r.accountUsername());
        if (username != null) {
            try {
                f.accountId = accounts.loadUserByUsername(username).id();
                if (count("select count(*) from party_member where account_id = ? and id <> ?", f.accountId,
                        existingId == null ? -1L : existingId) > 0) {
                    problems.add(new FieldProblem("accountUsername", "mob.validation.accountTaken", username));
                }
            } catch (UsernameNotFoundException e) {
                problems.add(new FieldProblem("accountUsername", "mob.validation.accountUnknown", username));
            }
        }
        return f;
    }

    // ================================================================== pledges

    private static final String PLEDGE_SELECT = """
            select p.*, m.name as member_name, b.name as branch_name from pledge p
            join party_member m on m.id = p.member_id join party_branch b on b.id = m.branch_id
            """;

    private static final RowMapper<Pledge> PLEDGE = (rs, n) -> new Pledge(rs.getLong("id"), rs.getLong("member_id"),
            rs.getString("member_name"), rs.getString("branch_name"), rs.getObject("signed_on", LocalDate.class),
            rs.getString("statement"), PledgeStatus.valueOf(rs.getString("status")), rs.getString("assigned_post"),
            rs.getString("assigned_by"), instant(rs, "assigned_at"));

    /** The pledges of the members the manager may see, open first, newest first; {@code status} null for all. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Pledge> pledges(CordonUser user, PledgeStatus status) {
        Scope scope = scope(user);
        return jdbc.sql(PLEDGE_SELECT
                         + " where " + scope.condition("b.area_code") + """
                          and (cast(:status as varchar) is null or p.status = :status)
                         order by p.status desc, p.signed_on desc, p.id desc limit 500""")
                .param("all", scope.all()).param("like", scope.like()).param("status", status == null ? null : status.name())
                .query(PLEDGE).list();
    }

    /**
     * Records a member's signed pledge (请战书) to serve on the front line (status OPEN) and publishes
     * {@link PledgeSigned}.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Pledge signPledge(CordonUser user, PledgeRequest r) {
        Scope scope = scope(user);
        List<FieldProblem> problems = new ArrayList<>();
        if (r.memberId() == null) {
            problems.add(new FieldProblem("memberId", "validation.required"));
        } else {
            try {
                visibleMember(scope, r.memberId());
            } catch (NotFoundException | AccessDeniedException e) {
                problems.add(new FieldProblem("memberId", "duty.validation.memberUnknown", r.memberId()));
            }
        }
        if (r.signedOn() == null) {
            problems.add(new FieldProblem("signedOn", "validation.required"));
        } else if (r.signedOn().isAfter(today())) {
            problems.add(new FieldProblem("signedOn", "mob.validation.future"));
        }
        String statement = text(problems, "statement", r.statement(), 2000, true);
        failIfAny(problems);
        long id = jdbc.sql("insert into pledge(member_id, signed_on, statement) values (?, ?, ?) returning id")
                .params(r.memberId(), r.signedOn(), statement).query(Long.class).single();
        events.publishEvent(new PledgeSigned(id, r.memberId()));
        return pledge(id);
    }

    /**
     * Assigns the pledging member to a post (e.g. 后鸡检查点执勤): the pledge becomes ASSIGNED and the post
     * becomes the member's current post. An assigned pledge can be re-assigned.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Pledge assignPledge(CordonUser user, long pledgeId, String post) {
        Scope scope = scope(user);
        Pledge pledge = jdbc.sql(PLEDGE_SELECT + " where p.id = ?").param(pledgeId).query(PLEDGE).optional()
                .orElseThrow(() -> new NotFoundException("Pledge " + pledgeId));
        visibleMember(scope, pledge.memberId());
        List<FieldProblem> problems = new ArrayList<>();
        String value = text(problems, "post", post, 100, true);
        failIfAny(problems);
        jdbc.sql("update pledge set status = 'ASSIGNED', assigned_post = ?, assigned_by = ?, assigned_at = now() where id = ?")
                .params(value, user.getUsername(), pledgeId).update();
        jdbc.sql("update party_member set current_post = ? where id = ?").params(value, pledge.memberId()).update();
        return pledge(pledgeId);
    }

    private Pledge pledge(long id) {
        return jdbc.sql(PLEDGE_SELECT + " where p.id = ?").param(id).query(PLEDGE).single();
    }

    // ================================================================== duty rosters

    private List<CheckpointRef> allCheckpoints() {
        return jdbc.sql("select code, name, town_code from checkpoint where active order by code")
                .query((rs, n) -> new CheckpointRef(rs.getString("code"), rs.getString("name"), rs.getString("town_code")))
                .list();
    }

    private List<CheckpointRef> managedCheckpoints(Scope scope) {
        return allCheckpoints().stream().filter(c -> scope.covers(c.townCode())).toList();
    }

    /**
     * The checkpoints whose rosters the user may read: a manager's checkpoints (in their area), an officer's
     * own checkpoints; empty for everyone else.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<CheckpointRef> rosterCheckpoints(CordonUser user) {
        if (mayManage(user)) {
            return managedCheckpoints(scope(user));
        }
        if (RolePermissions.may(user, Permission.DUTY_ROSTER_READ)) {
            return allCheckpoints().stream().filter(c -> AreaScope.of(user).coversCheckpoint(c.code(), c.townCode())).toList();
        }
        return List.of();
    }

    private CheckpointRef rosterCheckpoint(CordonUser user, String code) {
        if (!mayUse(user)) {
            throw new AccessDeniedException("Duty rosters are for managers and checkpoint officers");
        }
        CheckpointRef checkpoint = allCheckpoints().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("Checkpoint " + code));
        if (rosterCheckpoints(user).stream().noneMatch(c -> c.code().equals(code))) {
            throw new AccessDeniedException("The roster of checkpoint " + code + " is outside the caller's jurisdiction");
        }
        return checkpoint;
    }

    private static final String SHIFT_SELECT = """
            select s.*, c.name as checkpoint_name, c.town_code,
                   (select count(*) from duty_assignment a where a.shift_id = s.id) as crew_count
            from duty_shift s join checkpoint c on c.code = s.checkpoint_code
            """;

    /**
     * The shifts of one day (ordered by checkpoint and slot) at one checkpoint or, with {@code checkpointCode}
     * null, at every checkpoint whose roster the user may read.
     *
     * @throws AccessDeniedException the checkpoint's roster is outside the user's jurisdiction
     */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public List<Shift> shifts(CordonUser user, LocalDate date, String checkpointCode) {
        if (date == null) {
            throw new ValidationFailedException("date", "validation.required");
        }
        List<String> codes = checkpointCode == null || checkpointCode.isBlank()
                ? rosterCheckpoints(user).stream().map(CheckpointRef::code).toList()
                : List.of(rosterCheckpoint(user, checkpointCode.strip()).code());
        if (!mayUse(user)) {
            throw new AccessDeniedException("Duty rosters are for managers and checkpoint officers");
        }
        if (codes.isEmpty()) {
            return List.of();
        }
        return withCrew(jdbc.sql(SHIFT_SELECT + " where s.shift_date = :date and s.checkpoint_code in (:codes) order by s.checkpoint_code, s.slot")
                .param("date", date).param("codes", codes).query(this::shiftRow).list());
    }

    /** One shift, when the user may read its roster. */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public Shift shift(CordonUser user, long id) {
        Shift shift = findShift(id);
        rosterCheckpoint(user, shift.checkpointCode());
        return shift;
    }

    private Shift findShift(long id) {
        List<Shift> found = withCrew(jdbc.sql(SHIFT_SELECT + " where s.id = ?").param(id).query(this::shiftRow).list());
        if (found.isEmpty()) {
            throw new NotFoundException("Shift " + id);
        }
        return found.get(0);
    }

    private Shift shiftRow(ResultSet rs, int n) throws SQLException {
        int required = rs.getInt("required_crew");
        return new Shift(rs.getLong("id"), rs.getString("checkpoint_code"), rs.getString("checkpoint_name"),
                rs.getObject("shift_date", LocalDate.class), rs.getInt("slot"), rs.getObject("starts_at", LocalDateTime.class),
                rs.getObject("ends_at", LocalDateTime.class), required, List.of(), rs.getInt("crew_count") < required);
    }

    /** Adds the crews of the shifts with one query. */
    private List<Shift> withCrew(List<Shift> shifts) {
        if (shifts.isEmpty()) {
            return shifts;
        }
        Map<Long, List<Shift.CrewMember>> crews = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.shift_id, m.id, m.name, b.name as branch_name from duty_assignment a
                        join party_member m on m.id = a.member_id join party_branch b on b.id = m.branch_id
                        where a.shift_id in (:ids) order by a.assigned_at, m.name""")
                .param("ids", shifts.stream().map(Shift::id).toList())
                .query((rs, n) -> {
                    crews.computeIfAbsent(rs.getLong("shift_id"), k -> new ArrayList<>())
                            .add(new Shift.CrewMember(rs.getLong("id"), rs.getString("name"), rs.getString("branch_name")));
                    return null;
                }).list();
        return shifts.stream().map(s -> {
            List<Shift.CrewMember> crew = crews.getOrDefault(s.id(), List.of());
            return new Shift(s.id(), s.checkpointCode(), s.checkpointName(), s.date(), s.slot(), s.startsAt(), s.endsAt(),
                    s.requiredCrew(), List.copyOf(crew), crew.size() < s.requiredCrew());
        }).toList();
    }

    /**
     * Creates the shifts ({@code cordon.mobilization.shifts-per-day} a day, each needing
     * {@code required-crew} people) of every active checkpoint in the manager's area for the dates
     * {@code from}–{@code to} (at most 31 days). Idempotent: existing shifts are kept as they are.
     *
     * @return the number of shifts created by this call
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int generateShifts(CordonUser user, LocalDate from, LocalDate to) {
        Scope scope = scope(user);
        checkRange(from, to, MAX_GENERATE_DAYS);
        int minutes = 24 * 60 / settings.shiftsPerDay();
        return jdbc.sql("""
                        insert into duty_shift(checkpoint_code, shift_date, slot, starts_at, ends_at, required_crew)
                        select c.code, d.day::date, s.slot,
                               d.day::date + cast(:start as time) + make_interval(mins => s.slot * :minutes),
                               d.day::date + cast(:start as time) + make_interval(mins => (s.slot + 1) * :minutes),
                               :crew
                        from checkpoint c
                        cross join generate_series(cast(:from as date), cast(:to as date), interval '1 day') as d(day)
                        cross join generate_series(0, :slots - 1) as s(slot)
                        where c.active and\s""" + scope.condition("c.town_code")
                        + " on conflict (checkpoint_code, shift_date, slot) do nothing")
                .param("start", settings.dayStartsAt().toString()).param("minutes", minutes).param("crew", settings.requiredCrew())
                .param("from", from).param("to", to).param("slots", settings.shiftsPerDay())
                .param("all", scope.all()).param("like", scope.like())
                .update();
    }

    /**
     * Puts a member on a shift. Assigning someone already on the shift changes nothing.
     *
     * @throws ValidationFailedException the member is unknown, outside the caller's area, or already on a shift
     *                                   that overlaps this one (at any checkpoint)
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Shift assignToShift(CordonUser user, long shiftId, Long memberId) {
        Scope scope = scope(user);
        Shift shift = findShift(shiftId);
        requireCovered(scope, townOf(shift.checkpointCode()), "Checkpoint " + shift.checkpointCode());
        if (memberId == null) {
            throw new ValidationFailedException("memberId", "validation.required");
        }
        try {
            visibleMember(scope, memberId);
        } catch (NotFoundException | AccessDeniedException e) {
            throw new ValidationFailedException("memberId", "duty.validation.memberUnknown", memberId);
        }
        // serialise assignments of one member so that two concurrent requests cannot both pass the overlap check
        jdbc.sql("select id from party_member where id = ? for update").param(memberId).query(Long.class).single();
        if (shift.crew().stream().anyMatch(c -> c.memberId() == memberId)) {
            return shift;
        }
        List<String> clashes = jdbc.sql("""
                        select c.name || ' ' || to_char(s.starts_at, 'YYYY-MM-DD HH24:MI') || '–' || to_char(s.ends_at, 'HH24:MI')
                        from duty_assignment a join duty_shift s on s.id = a.shift_id join checkpoint c on c.code = s.checkpoint_code
                        where a.member_id = :member and s.id <> :shift and s.starts_at < :ends and s.ends_at > :starts
                        order by s.starts_at limit 1""")
                .param("member", memberId).param("shift", shiftId).param("starts", shift.startsAt()).param("ends", shift.endsAt())
                .query(String.class).list();
        if (!clashes.isEmpty()) {
            throw new ValidationFailedException("memberId", "duty.validation.overlap", clashes.get(0));
        }
        jdbc.sql("insert into duty_assignment(shift_id, member_id, assigned_by) values (?, ?, ?) on conflict do nothing")
                .params(shiftId, memberId, user.getUsername()).update();
        return findShift(shiftId);
    }

    /** Takes a member off a shift (nothing happens if they were not on it). */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Shift removeFromShift(CordonUser user, long shiftId, long memberId) {
        Scope scope = scope(user);
        Shift shift = findShift(shiftId);
        requireCovered(scope, townOf(shift.checkpointCode()), "Checkpoint " + shift.checkpointCode());
        jdbc.sql("delete from duty_assignment where shift_id = ? and member_id = ?").params(shiftId, memberId).update();
        return findShift(shiftId);
    }

    private String townOf(String checkpointCode) {
        return allCheckpoints().stream().filter(c -> c.code().equals(checkpointCode)).map(CheckpointRef::townCode)
                .findFirst().orElse(null);
    }

    /**
     * The shifts of the Party member linked to the user's account, from {@code from} to {@code to}
     * (both included, at most 62 days). Empty when no member is linked.
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Shift> myShifts(CordonUser user, LocalDate from, LocalDate to) {
        if (user == null) {
            throw new AccessDeniedException("Sign in first");
        }
        checkRange(from, to, MAX_RANGE_DAYS);
        return withCrew(jdbc.sql(SHIFT_SELECT + """
                         join duty_assignment a on a.shift_id = s.id join party_member m on m.id = a.member_id
                         where m.account_id = :account and s.shift_date between :from and :to order by s.starts_at""")
                .param("account", user.id()).param("from", from).param("to", to).query(this::shiftRow).list());
    }

    /** True when a Party member is linked to the user's account. */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public boolean hasMemberLinked(CordonUser user) {
        return user != null && count("select count(*) from party_member where account_id = ?", user.id()) > 0;
    }

    /**
     * The gaps of the rosters the user may read, from {@code from} to {@code to} (at most 62 days):
     * under-crewed shifts and checkpoint days without (all) shifts.
     */
    @RequiresPermission(Permission.DUTY_ROSTER_READ)
    public DutyGaps dutyGaps(CordonUser user, LocalDate from, LocalDate to) {
        if (!mayUse(user)) {
            throw new AccessDeniedException("Duty rosters are for managers and checkpoint officers");
        }
        checkRange(from, to, MAX_RANGE_DAYS);
        List<CheckpointRef> checkpoints = rosterCheckpoints(user);
        if (checkpoints.isEmpty()) {
            return new DutyGaps(from, to, List.of(), List.of());
        }
        List<String> codes = checkpoints.stream().map(CheckpointRef::code).toList();
        List<Shift> under = withCrew(jdbc.sql(SHIFT_SELECT + """
                         where s.shift_date between :from and :to and s.checkpoint_code in (:codes)
                         and (select count(*) from duty_assignment a where a.shift_id = s.id) < s.required_crew
                         order by s.starts_at, s.checkpoint_code""")
                .param("from", from).param("to", to).param("codes", codes).query(this::shiftRow).list());
        Map<String, Integer> generated = new LinkedHashMap<>();
        jdbc.sql("""
                        select checkpoint_code, shift_date, count(*) as n from duty_shift
                        where shift_date between :from and :to and checkpoint_code in (:codes) group by checkpoint_code, shift_date""")
                .param("from", from).param("to", to).param("codes", codes)
                .query((rs, n) -> generated.put(rs.getString("checkpoint_code") + "|" + rs.getObject("shift_date", LocalDate.class),
                        rs.getInt("n"))).list();
        List<DutyGaps.MissingRoster> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (CheckpointRef c : checkpoints) {
                if (generated.getOrDefault(c.code() + "|" + d, 0) < settings.shiftsPerDay()) {
                    missing.add(new DutyGaps.MissingRoster(c.code(), c.name(), d));
                }
            }
        }
        return new DutyGaps(from, to, under, missing);
    }

    private static void checkRange(LocalDate from, LocalDate to, int maxDays) {
        List<FieldProblem> problems = new ArrayList<>();
        if (from == null) {
            problems.add(new FieldProblem("from", "validation.required"));
        }
        if (to == null) {
            problems.add(new FieldProblem("to", "validation.required"));
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                problems.add(new FieldProblem("to", "duty.validation.rangeOrder"));
            } else if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
                problems.add(new FieldProblem("to", "duty.validation.rangeLength", maxDays));
            }
        }
        failIfAny(problems);
    }

    // ================================================================== volunteers

    private static final String VOLUNTEER_SELECT = """
            select v.*, a.name as area_name from volunteer v left join area a on a.code = v.area_code
            """;

    private RowMapper<Volunteer> volunteerMapper() {
        return (rs, n) -> new Volunteer(rs.getLong("id"), rs.getString("name"), maskedPhone(VOLUNTEER_PHONE, rs),
                rs.getString("area_code"), rs.getString("area_name"), rs.getString("organisation"), rs.getString("skills"),
                rs.getString("availability"), VolunteerStatus.valueOf(rs.getString("status")),
                VolunteerSource.valueOf(rs.getString("source")), (Long) rs.getObject("signup_ref", Long.class),
                instant(rs, "created_at"));
    }

    /** The volunteers the manager may see (of one status when given), by name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Volunteer> volunteers(CordonUser user, VolunteerStatus status) {
        Scope scope = scope(user);
        return jdbc.sql(VOLUNTEER_SELECT
                         + " where " + scope.condition("v.area_code") + """
                          and (cast(:status as varchar) is null or v.status = :status)
                         order by v.name, v.id limit 2000""")
                .param("all", scope.all()).param("like", scope.like()).param("status", status == null ? null : status.name())
                .query(volunteerMapper()).list();
    }

    /** One volunteer. @throws NotFoundException no such volunteer @throws AccessDeniedException outside the caller's area */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer volunteer(CordonUser user, long id) {
        return visibleVolunteer(scope(user), id);
    }

    private Volunteer visibleVolunteer(Scope scope, long id) {
        Volunteer v = jdbc.sql(VOLUNTEER_SELECT + " where v.id = ?").param(id).query(volunteerMapper()).optional()
                .orElseThrow(() -> new NotFoundException("Volunteer " + id));
        requireCovered(scope, v.areaCode(), "Volunteer " + id);
        return v;
    }

    /** A volunteer entered by staff (source STAFF). One volunteer per phone. */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer createVolunteer(CordonUser user, NewVolunteer r) {
        Scope scope = scope(user);
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(problems, "name", r.name(), 50, true);
        String phone = phone(problems, "phone", r.phone());
        if (phone != null) {
            // "this phone is taken" answers whether a number belongs to a volunteer: an exact match, audited and limited
            exactSearches.exactSearch(user, ExactSearchGuard.Kind.PHONE, "volunteer phone check");
        }
        if (phone != null && count("select count(*) from volunteer where phone_hash = ?", cipher.hash(VOLUNTEER_PHONE, phone)) > 0) {
            problems.add(new FieldProblem("phone", "vol.validation.phoneTaken"));
        }
        String areaCode = optionalArea(problems, scope, "areaCode", r.areaCode());
        String organisation = text(problems, "organisation", r.organisation(), 100, false);
        String skills = text(problems, "skills", r.skills(), 200, false);
        String availability = text(problems, "availability", r.availability(), 200, false);
        VolunteerStatus status = enumValue(problems, "status", r.status(), VolunteerStatus.class, VolunteerStatus.RESERVE);
        failIfAny(problems);
        long id = jdbc.sql("""
                        insert into volunteer(name, phone_enc, phone_hash, area_code, organisation, skills, availability, status, source)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'STAFF') returning id""")
                .params(name, cipher.encrypt(VOLUNTEER_PHONE, phone), cipher.hash(VOLUNTEER_PHONE, phone), areaCode, organisation,
                        skills, availability, status.name())
                .query(Long.class).single();
        return visibleVolunteer(scope, id);
    }

    /** Changes a volunteer's status (RESERVE, ACTIVE, INACTIVE). */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Volunteer setVolunteerStatus(CordonUser user, long id, String status) {
        Scope scope = scope(user);
        visibleVolunteer(scope, id);
        List<FieldProblem> problems = new ArrayList<>();
        VolunteerStatus value = enumValue(problems, "status", status, VolunteerStatus.class, null);
        failIfAny(problems);
        jdbc.sql("update volunteer set status = ? where id = ?").params(value.name(), id).update();
        return visibleVolunteer(scope, id);
    }

    /**
     * The public portal's volunteer sign-ups in the manager's area that have not been taken over yet (neither
     * by their id nor, entered by staff already, by their phone), oldest first.
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<PendingSignup> pendingSignups(CordonUser user) {
        List<SignupHandover.Signup> pending = pending(scope(user));
        Map<String, String> areaNames = areas.areaNames(pending.stream().map(SignupHandover.Signup::areaCode)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        return pending.stream().map(p -> new PendingSignup(p.id(), p.name(),
                PersonalValue.phone(cipher.decrypt(VOLUNTEER_PHONE, p.phoneEnc())),
                p.areaCode() == null ? null : areaNames.get(p.areaCode()), p.organisation(), p.skills(), p.availability(),
                p.createdAt())).toList();
    }

    /** The portal's sign-ups of the scope not yet taken over (by their id) nor entered by staff already (by their phone). */
    private List<SignupHandover.Signup> pending(Scope scope) {
        List<SignupHandover.Signup> signups = signupHandover.signups(scope.prefix(), 1000);
        if (signups.isEmpty()) {
            return List.of();
        }
        Set<Long> taken = new HashSet<>();
        Set<String> phones = new HashSet<>();
        jdbc.sql("select signup_ref, phone_hash from volunteer where signup_ref = any(:ids) or phone_hash = any(:hashes)")
                .param("ids", signups.stream().map(SignupHandover.Signup::id).toArray(Long[]::new))
                .param("hashes", signups.stream().map(SignupHandover.Signup::phoneHash).toArray(byte[][]::new))
                .query(rs -> {
                    long ref = rs.getLong("signup_ref");
                    if (!rs.wasNull()) {
                        taken.add(ref);
                    }
                    phones.add(java.util.HexFormat.of().formatHex(rs.getBytes("phone_hash")));
                });
        return signups.stream().filter(sg -> !taken.contains(sg.id())
                && !phones.contains(java.util.HexFormat.of().formatHex(sg.phoneHash()))).toList();
    }

    /**
     * Takes over the pending portal sign-ups of the manager's area as volunteers (source PORTAL, the sign-up's
     * status, organisation, skills and availability). Repeating it creates no duplicates: a sign-up is taken
     * over once, and a sign-up whose phone a volunteer entered by staff already has is linked to that volunteer.
     * The sign-ups come through the portal's hand-over; the phone's ciphertext and hash are copied as they are
     * (same key, same field name), never decrypted.
     *
     * @return the number of volunteers created
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public int takeOverSignups(CordonUser user) {
        Scope scope = scope(user);
        List<SignupHandover.Signup> signups = signupHandover.signups(scope.prefix(), 1000);
        Set<Long> taken = new HashSet<>();
        Map<String, Long> staffEntered = new HashMap<>();
        if (!signups.isEmpty()) {
            jdbc.sql("select id, signup_ref, phone_hash from volunteer where signup_ref = any(:ids) or phone_hash = any(:hashes)")
                    .param("ids", signups.stream().map(SignupHandover.Signup::id).toArray(Long[]::new))
                    .param("hashes", signups.stream().map(SignupHandover.Signup::phoneHash).toArray(byte[][]::new))
                    .query(rs -> {
                        long ref = rs.getLong("signup_ref");
                        if (rs.wasNull()) {
                            staffEntered.put(java.util.HexFormat.of().formatHex(rs.getBytes("phone_hash")), rs.getLong("id"));
                        } else {
                            taken.add(ref);
                        }
                    });
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        Set<String> seenPhones = new HashSet<>();
        for (SignupHandover.Signup sg : signups) {
            String phone = java.util.HexFormat.of().formatHex(sg.phoneHash());
            if (taken.contains(sg.id()) || !seenPhones.add(phone)) {
                continue;
            }
            Long existing = staffEntered.get(phone);
            if (existing != null) {
                links.add(new Object[] {sg.id(), existing});
            } else {
                String status = Set.of("RESERVE", "ACTIVE", "INACTIVE").contains(sg.status()) ? sg.status() : "RESERVE";
                inserts.add(new Object[] {sg.name(), sg.phoneEnc(), sg.phoneHash(), sg.areaCode(), sg.organisation(), sg.skills(),
                        sg.availability(), status, sg.id()});
            }
        }
        int created = 0;
        if (!inserts.isEmpty()) {
            for (int n : batch("""
                    insert into volunteer(name, phone_enc, phone_hash, area_code, organisation, skills, availability, status,
                                          source, signup_ref)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'PORTAL', ?) on conflict do nothing""", inserts)) {
                created += Math.max(n, 0);
            }
        }
        if (!links.isEmpty()) {
            batch("update volunteer set signup_ref = ? where id = ? and signup_ref is null", links);
        }
        return created;
    }

    private int[] batch(String sql, List<Object[]> rows) {
        return jdbcTemplate.batchUpdate(sql, rows);
    }

    /** A volunteer's record of service: their tasks, newest first, and the hours recorded. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public ServiceRecord service(CordonUser user, long volunteerId) {
        Volunteer v = visibleVolunteer(scope(user), volunteerId);
        List<ServiceRecord.Entry> entries = jdbc.sql("""
                        select t.id, t.title, t.place, t.task_date, a.hours from volunteer_assignment a
                        join volunteer_task t on t.id = a.task_id where a.volunteer_id = ? order by t.task_date desc, t.id desc""")
                .param(volunteerId)
                .query((rs, n) -> new ServiceRecord.Entry(rs.getLong("id"), rs.getString("title"), rs.getString("place"),
                        rs.getObject("task_date", LocalDate.class), rs.getBigDecimal("hours")))
                .list();
        BigDecimal total = entries.stream().map(ServiceRecord.Entry::hours).filter(h -> h != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(1, RoundingMode.UNNECESSARY);
        return new ServiceRecord(v.id(), v.name(), v.status(), entries, total);
    }

    // ================================================================== tasks

    /** The tasks the manager may see, newest date first. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<VolunteerTask> tasks(CordonUser user) {
        Scope scope = scope(user);
        return withAssignments(jdbc.sql("""
                        select * from volunteer_task where\s""" + scope.condition("area_code") + " order by task_date desc, id desc limit 300")
                .param("all", scope.all()).param("like", scope.like()).query(this::taskRow).list());
    }

    /** One task with its assignments. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask task(CordonUser user, long id) {
        return visibleTask(scope(user), id);
    }

    private VolunteerTask visibleTask(Scope scope, long id) {
        List<VolunteerTask> found = withAssignments(jdbc.sql("select * from volunteer_task where id = ?").param(id)
                .query(this::taskRow).list());
        if (found.isEmpty()) {
            throw new NotFoundException("Task " + id);
        }
        requireCovered(scope, found.get(0).areaCode(), "Task " + id);
        return found.get(0);
    }

    private VolunteerTask taskRow(ResultSet rs, int n) throws SQLException {
        return new VolunteerTask(rs.getLong("id"), rs.getString("title"), rs.getString("place"), rs.getString("area_code"),
                rs.getObject("task_date", LocalDate.class), rs.getInt("people_needed"), rs.getString("description"),
                rs.getString("created_by"), List.of());
    }

    private List<VolunteerTask> withAssignments(List<VolunteerTask> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<Long, List<VolunteerTask.Assignment>> byTask = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.task_id, a.hours, v.id, v.name, v.phone_enc from volunteer_assignment a
                        join volunteer v on v.id = a.volunteer_id where a.task_id in (:ids) order by a.assigned_at, v.name""")
                .param("ids", tasks.stream().map(VolunteerTask::id).toList())
                .query((rs, n) -> byTask.computeIfAbsent(rs.getLong("task_id"), k -> new ArrayList<>())
                        .add(new VolunteerTask.Assignment(rs.getLong("id"), rs.getString("name"), maskedPhone(VOLUNTEER_PHONE, rs),
                                rs.getBigDecimal("hours"))))
                .list();
        return tasks.stream().map(t -> new VolunteerTask(t.id(), t.title(), t.place(), t.areaCode(), t.taskDate(), t.peopleNeeded(),
                t.description(), t.createdBy(), List.copyOf(byTask.getOrDefault(t.id(), List.of())))).toList();
    }

    /** Creates a task (e.g. 为环卫工人发放口罩 at a place on a date) needing a number of volunteers. */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask createTask(CordonUser user, TaskRequest r) {
        Scope scope = scope(user);
        List<FieldProblem> problems = new ArrayList<>();
        String title = text(problems, "title", r.title(), 100, true);
        String place = text(problems, "place", r.place(), 100, true);
        String description = text(problems, "description", r.description(), 1000, false);
        String areaCode = optionalArea(problems, scope, "areaCode", r.areaCode());
        if (r.taskDate() == null) {
            problems.add(new FieldProblem("taskDate", "validation.required"));
        }
        if (r.peopleNeeded() == null) {
            problems.add(new FieldProblem("peopleNeeded", "validation.required"));
        } else if (r.peopleNeeded() < 1 || r.peopleNeeded() > 1000) {
            problems.add(new FieldProblem("peopleNeeded", "vol.validation.peopleNeeded", 1, 1000));
        }
        failIfAny(problems);
        long id = jdbc.sql("""
                        insert into volunteer_task(title, place, area_code, task_date, people_needed, description, created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(title, place, areaCode, r.taskDate(), r.peopleNeeded(), description, user.getUsername())
                .query(Long.class).single();
        return visibleTask(scope, id);
    }

    /**
     * Assigns a volunteer (not inactive) to a task that still needs people and publishes {@link VolunteerAssigned}.
     * Assigning someone already on the task changes nothing.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask assignVolunteer(CordonUser user, long taskId, Long volunteerId) {
        Scope scope = scope(user);
        VolunteerTask task = visibleTask(scope, taskId);
        if (volunteerId == null) {
            throw new ValidationFailedException("volunteerId", "validation.required");
        }
        Volunteer volunteer;
        try {
            volunteer = visibleVolunteer(scope, volunteerId);
        } catch (NotFoundException | AccessDeniedException e) {
            throw new ValidationFailedException("volunteerId", "vol.validation.unknown", volunteerId);
        }
        if (task.assignments().stream().anyMatch(a -> a.volunteerId() == volunteerId)) {
            return task;
        }
        if (volunteer.status() == VolunteerStatus.INACTIVE) {
            throw new ValidationFailedException("volunteerId", "vol.validation.inactive", volunteer.name());
        }
        // lock the task so that two concurrent assignments cannot exceed the people needed
        jdbc.sql("select id from volunteer_task where id = ? for update").param(taskId).query(Long.class).single();
        if (count("select count(*) from volunteer_assignment where task_id = ?", taskId) >= task.peopleNeeded()) {
            throw new ValidationFailedException("volunteerId", "vol.validation.taskFull", task.peopleNeeded());
        }
        jdbc.sql("insert into volunteer_assignment(task_id, volunteer_id, assigned_by) values (?, ?, ?) on conflict do nothing")
                .params(taskId, volunteerId, user.getUsername()).update();
        events.publishEvent(new VolunteerAssigned(taskId, volunteerId));
        return visibleTask(scope, taskId);
    }

    /** Takes a volunteer off a task. */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask removeVolunteer(CordonUser user, long taskId, long volunteerId) {
        Scope scope = scope(user);
        visibleTask(scope, taskId);
        jdbc.sql("delete from volunteer_assignment where task_id = ? and volunteer_id = ?").params(taskId, volunteerId).update();
        return visibleTask(scope, taskId);
    }

    /**
     * Records the hours a volunteer served on a task (0–24, one decimal).
     *
     * @throws ValidationFailedException invalid hours, or the volunteer is not on the task
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public VolunteerTask recordHours(CordonUser user, long taskId, long volunteerId, BigDecimal hours) {
        Scope scope = scope(user);
        visibleTask(scope, taskId);
        if (hours == null) {
            throw new ValidationFailedException("hours", "validation.required");
        }
        if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0 || hours.stripTrailingZeros().scale() > 1) {
            throw new ValidationFailedException("hours", "vol.validation.hours");
        }
        int updated = jdbc.sql("update volunteer_assignment set hours = ? where task_id = ? and volunteer_id = ?")
                .params(hours, taskId, volunteerId).update();
        if (updated == 0) {
            throw new ValidationFailedException("volunteerId", "vol.validation.notOnTask");
        }
        return visibleTask(scope, taskId);
    }

    // ================================================================== overview

    /** The coordinator's overview: gaps of the next {@code gap-days} days, missing branches, open pledges, sign-ups, tasks. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Overview overview(CordonUser user) {
        scope(user);
        LocalDate today = today();
        DutyGaps duty = dutyGaps(user, today, today.plusDays(settings.gapDays() - 1L));
        List<VolunteerTask> shortTasks = tasks(user).stream()
                .filter(t -> !t.taskDate().isBefore(today) && t.shortOfPeople()).toList();
        return new Overview(duty, branchGaps(user), pledges(user, PledgeStatus.OPEN), pendingSignups(user).size(), shortTasks);
    }

    // ================================================================== helpers

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private PersonalValue maskedPhone(String field, ResultSet rs) throws SQLException {
        return PersonalValue.phone(cipher.decrypt(field, rs.getBytes("phone_enc")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void failIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }

    private static String text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        String v = blankToNull(value);
        if (v == null) {
            if (required) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            problems.add(new FieldProblem(field, "mob.validation.tooLong", max));
        }
        return v;
    }

    private static String phone(List<FieldProblem> problems, String field, String value) {
        try {
            return PhoneNumber.parse(value).value();
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(field, e.messageCode(), e.args()));
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(List<FieldProblem> problems, String field, String value, Class<E> type,
                                                   E defaultValue) {
        String v = blankToNull(value);
        if (v == null) {
            if (defaultValue == null) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            problems.add(new FieldProblem(field, "validation.enum", v, allowed));
            return null;
        }
    }

    private String optionalArea(List<FieldProblem> problems, Scope scope, String field, String value) {
        String code = blankToNull(value);
        if (code == null) {
            if (!scope.all()) {
                // a town coordinator's records must stay inside the town, or they would vanish from their lists
                return scope.prefix();
            }
            return null;
        }
        if (areas.findArea(code).isEmpty()) {
            problems.add(new FieldProblem(field, "validation.area.unknown", code));
        } else if (!scope.covers(code)) {
            problems.add(new FieldProblem(field, "mob.validation.outsideArea", code));
        }
        return code;
    }
}
