package org.cordon.mobilization;

import org.cordon.shared.FieldChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.cordon.account.AccountManagement;
import org.cordon.account.AccountSummary;
import org.cordon.account.CordonUser;
import org.cordon.account.ExactSearchGuard;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.area.Area;
import org.cordon.area.AreaKind;
import org.cordon.area.AreaManagement;
import org.cordon.mobilization.PartyRepository.MemberFields;
import org.cordon.mobilization.PartyRepository.MemberRow;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.cordon.shared.FieldChecks.blankToNull;
import static org.cordon.shared.FieldChecks.failIfAny;
import static org.cordon.shared.FieldChecks.name;
import static org.cordon.shared.FieldChecks.text;

/**
 * Party organisation: branches — regular and temporary (checkpoint, compound) — their members and the members'
 * pledges (请战书). For managers (see {@link MobilizationScope}); everyone else gets {@link AccessDeniedException}.
 * Invalid input throws {@link ValidationFailedException} listing every invalid field, and nothing is stored.
 * Phones are only ever returned masked.
 */
@Service
@Transactional(readOnly = true)
public class PartyManagement {

    private final PartyRepository party;
    private final CheckpointLookup checkpoints;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final ExactSearchGuard exactSearches;
    private final ApplicationEventPublisher events;
    private final CordonSettings cordon;
    private final Clock clock;

    PartyManagement(PartyRepository party, CheckpointLookup checkpoints, AreaManagement areas, AccountManagement accounts,
                    ExactSearchGuard exactSearches, ApplicationEventPublisher events, CordonSettings cordon, Clock clock) {
        this.party = party;
        this.checkpoints = checkpoints;
        this.areas = areas;
        this.accounts = accounts;
        this.exactSearches = exactSearches;
        this.events = events;
        this.cordon = cordon;
        this.clock = clock;
    }

    // ================================================================== branches

    /** The branches the manager may see: temporary ones first, then by name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Branch> branches(CordonUser user) {
        return party.branches(MobilizationScope.of(user));
    }

    /**
     * One branch.
     *
     * @throws NotFoundException     no such branch
     * @throws AccessDeniedException outside the caller's area
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Branch branch(CordonUser user, long id) {
        return MobilizationScope.of(user).visible(party.findBranch(id), Branch::areaCode, "Branch " + id);
    }

    private Branch findBranch(long id) {
        return party.findBranch(id).orElseThrow(() -> new NotFoundException("Branch " + id));
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
        MobilizationScope scope = MobilizationScope.of(user);
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(r.name(), "name", 100, true, problems);
        String parentOrg = name(r.parentOrg(), "parentOrg", 100, false, problems);
        BranchKind kind = FieldChecks.enumValue(r.kind(), "kind", BranchKind.class, null, problems);
        String areaCode = blankToNull(r.areaCode());
        String checkpointCode = null;
        if (kind == BranchKind.CHECKPOINT) {
            String requested = blankToNull(r.checkpointCode());
            CheckpointRef checkpoint = requested == null ? null : checkpoints.find(requested).orElse(null);
            if (checkpoint == null) {
                problems.add(new FieldProblem("checkpointCode", requested == null
                        ? "validation.required" : "branch.validation.checkpoint", r.checkpointCode()));
            } else {
                checkpointCode = checkpoint.code();
                areaCode = checkpoint.townCode();
                if (!scope.covers(areaCode)) {
                    problems.add(new FieldProblem("checkpointCode", "mob.validation.outsideArea", checkpoint.code()));
                } else if (party.checkpointHasBranch(checkpointCode)) {
                    problems.add(new FieldProblem("checkpointCode", "branch.validation.checkpointTaken", checkpoint.name()));
                }
            }
        } else if (kind != null) {
            checkBranchArea(problems, scope, kind, areaCode);
        }
        failIfAny(problems);
        return findBranch(party.insertBranch(name, kind, parentOrg, areaCode, checkpointCode));
    }

    private void checkBranchArea(List<FieldProblem> problems, MobilizationScope scope, BranchKind kind, String areaCode) {
        if (areaCode == null) {
            problems.add(new FieldProblem("areaCode", "validation.required"));
            return;
        }
        Area area = areas.findArea(areaCode).orElse(null);
        if (area == null) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", areaCode));
        } else if (!scope.covers(areaCode)) {
            problems.add(new FieldProblem("areaCode", "mob.validation.outsideArea", areaCode));
        } else if (kind == BranchKind.COMPOUND) {
            if (area.kind() != AreaKind.COMPOUND) {
                problems.add(new FieldProblem("areaCode", "branch.validation.notCompound", area.name()));
            } else if (party.compoundHasBranch(areaCode)) {
                problems.add(new FieldProblem("areaCode", "branch.validation.compoundTaken", area.name()));
            }
        }
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
        if (memberId != null && !party.isMemberOf(memberId, branchId)) {
            throw new ValidationFailedException("secretaryId", "branch.validation.secretary");
        }
        party.setSecretary(branch.id(), memberId);
        return findBranch(branchId);
    }

    /**
     * Where temporary branches are missing inside the manager's area: compounds needing one (see
     * {@link AreaManagement#compoundsNeedingBranch}) without a compound branch, and active checkpoints without a
     * checkpoint branch.
     */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public BranchGaps branchGaps(CordonUser user) {
        MobilizationScope scope = MobilizationScope.of(user);
        String root = scope.all() ? cityRoot(user) : scope.prefix();
        Set<String> withBranch = party.compoundsWithBranch();
        List<BranchGaps.Compound> compounds = areas.compoundsNeedingBranch(root).stream()
                .filter(a -> !withBranch.contains(a.code()))
                .map(a -> new BranchGaps.Compound(a.code(), a.name(), a.households(), a.residents())).toList();
        Set<String> checkpointsWithBranch = party.checkpointsWithBranch();
        List<CheckpointRef> missing = checkpoints.managed(scope).stream()
                .filter(c -> !checkpointsWithBranch.contains(c.code())).toList();
        return new BranchGaps(compounds, missing);
    }

    private String cityRoot(CordonUser user) {
        String area = user.jurisdiction().areaCode();
        if (area != null && !area.isBlank()) {
            return area.strip();
        }
        return party.cityCode().orElse("");
    }

    // ================================================================== members

    /** The members of the branches the manager may see (of one branch when {@code branchId} is given), by branch and name. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Member> members(CordonUser user, Long branchId) {
        return named(party.members(MobilizationScope.of(user), branchId));
    }

    /** One member. @throws NotFoundException no such member @throws AccessDeniedException outside the caller's area */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member member(CordonUser user, long id) {
        return visibleMember(MobilizationScope.of(user), id);
    }

    private Member visibleMember(MobilizationScope scope, long id) {
        return named(List.of(scope.visible(party.findMember(id), MemberRow::branchArea, "Member " + id))).get(0);
    }

    /** The members with the user names of their linked accounts, from one call to the account module. */
    private List<Member> named(List<MemberRow> rows) {
        Map<Long, AccountSummary> linked = accounts.summaries(rows.stream().map(MemberRow::accountId).filter(Objects::nonNull).toList());
        return rows.stream().map(r -> {
            Member m = r.member();
            AccountSummary a = r.accountId() == null ? null : linked.get(r.accountId());
            return a == null ? m : new Member(m.id(), m.name(), m.maskedPhone(), m.unit(), m.branchId(), m.branchName(),
                    m.leaveCancelled(), m.currentPost(), a.username());
        }).toList();
    }

    /**
     * Registers a Party member. The phone is unique among members; {@code accountUsername} links a staff
     * account (for "my shifts"), at most one member per account.
     */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member createMember(CordonUser user, MemberRequest r) {
        MobilizationScope scope = MobilizationScope.of(user);
        MemberFields f = memberFields(user, scope, r, null);
        return visibleMember(scope, party.insertMember(f));
    }

    /** Changes a member; a blank phone keeps the stored one, a blank account name unlinks the account. */
    // a refused duplicate keeps its exact-search audit entry: nothing else is written before the checks pass
    @Transactional(noRollbackFor = ValidationFailedException.class)
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Member updateMember(CordonUser user, long id, MemberRequest r) {
        MobilizationScope scope = MobilizationScope.of(user);
        visibleMember(scope, id);
        party.updateMember(id, memberFields(user, scope, r, id));
        return visibleMember(scope, id);
    }

    /** The validated fields of a new ({@code existingId} null) or changed member. @throws ValidationFailedException any invalid */
    private MemberFields memberFields(CordonUser user, MobilizationScope scope, MemberRequest r, Long existingId) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(r.name(), "name", 50, true, problems);
        String unit = text(r.unit(), "unit", 100, false, problems);
        String currentPost = text(r.currentPost(), "currentPost", 100, false, problems);
        String phone = null;
        if (existingId == null || blankToNull(r.phone()) != null) {
            phone = FieldChecks.phone(r.phone(), "phone", problems);
            if (phone != null) {
                // "this phone is taken" answers whether a number belongs to a party member: an exact match, audited and limited
                exactSearches.exactSearch(user, ExactSearchGuard.Kind.PHONE, "party member phone check");
                if (party.phoneTaken(phone, existingId)) {
                    problems.add(new FieldProblem("phone", "mob.validation.phoneTaken"));
                }
            }
        }
        Long branchId = null;
        if (r.branchId() == null) {
            problems.add(new FieldProblem("branchId", "validation.required"));
        } else {
            String area = party.branchArea(r.branchId()).orElse(null);
            if (area == null) {
                problems.add(new FieldProblem("branchId", "duty.validation.branchUnknown", r.branchId()));
            } else if (!scope.covers(area.isEmpty() ? null : area)) {
                problems.add(new FieldProblem("branchId", "mob.validation.outsideArea", r.branchId()));
            } else {
                branchId = r.branchId();
            }
        }
        Long accountId = null;
        String username = blankToNull(r.accountUsername());
        if (username != null) {
            try {
                accountId = accounts.loadUserByUsername(username).id();
                if (party.accountTaken(accountId, existingId)) {
                    problems.add(new FieldProblem("accountUsername", "mob.validation.accountTaken", username));
                }
            } catch (UsernameNotFoundException e) {
                problems.add(new FieldProblem("accountUsername", "mob.validation.accountUnknown", username));
            }
        }
        failIfAny(problems);
        return new MemberFields(name, phone, unit, branchId, Boolean.TRUE.equals(r.leaveCancelled()), currentPost, accountId);
    }

    // ================================================================== pledges

    /** The pledges of the members the manager may see, open first, newest first; {@code status} null for all. */
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public List<Pledge> pledges(CordonUser user, PledgeStatus status) {
        return party.pledges(MobilizationScope.of(user), status);
    }

    /**
     * Records a member's signed pledge (请战书) to serve on the front line (status OPEN) and publishes
     * {@link PledgeSigned}.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Pledge signPledge(CordonUser user, PledgeRequest r) {
        MobilizationScope scope = MobilizationScope.of(user);
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
        } else if (r.signedOn().isAfter(cordon.today(clock))) {
            problems.add(new FieldProblem("signedOn", "mob.validation.future"));
        }
        String statement = text(r.statement(), "statement", 2000, true, problems);
        failIfAny(problems);
        long id = party.insertPledge(r.memberId(), r.signedOn(), statement);
        events.publishEvent(new PledgeSigned(id, r.memberId()));
        return party.findPledge(id).orElseThrow();
    }

    /**
     * Assigns the pledging member to a post (e.g. 后鸡检查点执勤): the pledge becomes ASSIGNED and the post
     * becomes the member's current post. An assigned pledge can be re-assigned.
     */
    @Transactional
    @RequiresPermission(Permission.VOLUNTEERS_MANAGE)
    public Pledge assignPledge(CordonUser user, long pledgeId, String post) {
        MobilizationScope scope = MobilizationScope.of(user);
        Pledge pledge = party.findPledge(pledgeId).orElseThrow(() -> new NotFoundException("Pledge " + pledgeId));
        visibleMember(scope, pledge.memberId());
        party.storeAssignment(PledgeState.of(pledge).assign(post, user.getUsername()));
        return party.findPledge(pledgeId).orElseThrow();
    }
}
