package org.cordon.command;

import static org.cordon.shared.FieldChecks.failIfAny;
import static org.cordon.shared.FieldChecks.optional;
import static org.cordon.shared.FieldChecks.required;
import static org.cordon.shared.FieldChecks.requiredName;

import org.cordon.shared.FieldChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.PermissionQuery;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.SystemOperation;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The command structure: the leadership group (领导小组) and the special working groups (专项工作组) with their
 * member accounts. Everyone on the staff sees them; commanders and administrators edit names, titles and duties,
 * administrators manage the members (audited). Directives to the groups are {@link CommandManagement}'s.
 */
@Service
@Transactional(readOnly = true)
public class GroupManagement {

    private static final int NAME_MAX = 100;
    private static final int TITLE_OF_LEADER_MAX = 200;
    private static final int DUTIES_MAX = 1000;

    private final CommandRepository repository;
    private final AuditLog audit;

    GroupManagement(CommandRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    /** The leadership group in its listed order (head, executive head, members). Visible to all staff. */
    @SystemOperation
    public List<LeadershipMember> leadership() {
        return repository.leadership();
    }

    /** The working groups with their members, in listed order. Visible to all staff. */
    @SystemOperation
    public List<WorkingGroup> workingGroups() {
        return repository.workingGroups();
    }

    /**
     * The working groups the user belongs to.
     *
     * @return never null, possibly empty
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<WorkingGroup> groupsOf(CordonUser user) {
        Set<String> codes = repository.groupCodesOf(user.id());
        return repository.workingGroups().stream().filter(g -> codes.contains(g.code())).toList();
    }

    /** True when the user may edit names, titles and duties (commander, administrator). */
    @PermissionQuery(Permission.GROUPS_EDIT)
    public boolean mayEditGroups(CordonUser user) {
        return RolePermissions.may(user, Permission.GROUPS_EDIT);
    }

    /** True when the user may add and remove group members (administrator). */
    @PermissionQuery(Permission.GROUP_MEMBERS_MANAGE)
    public boolean mayManageMembers(CordonUser user) {
        return RolePermissions.may(user, Permission.GROUP_MEMBERS_MANAGE);
    }


    /**
     * Renames a member of the leadership group or changes their title (commander, administrator).
     * Clears the sample mark.
     */
    @Transactional
    @RequiresPermission(Permission.GROUPS_EDIT)
    public LeadershipMember updateLeadershipMember(CordonUser user, long id, String name, String title) {
        requireEditor(user);
        repository.leadershipMember(id).orElseThrow(() -> new NotFoundException("Leadership member " + id));
        List<FieldProblem> problems = new ArrayList<>();
        String n = requiredName(name, "name", NAME_MAX, problems);
        String t = required(title, "title", TITLE_OF_LEADER_MAX, problems);
        failIfAny(problems);
        repository.updateLeadershipMember(id, n, t);
        return repository.leadershipMember(id).orElseThrow();
    }

    /** Adds a member (position MEMBER) to the leadership group (commander, administrator). */
    @Transactional
    @RequiresPermission(Permission.GROUPS_EDIT)
    public LeadershipMember addLeadershipMember(CordonUser user, String name, String title) {
        requireEditor(user);
        List<FieldProblem> problems = new ArrayList<>();
        String n = requiredName(name, "name", NAME_MAX, problems);
        String t = required(title, "title", TITLE_OF_LEADER_MAX, problems);
        failIfAny(problems);
        return repository.leadershipMember(repository.insertLeadershipMember(n, t)).orElseThrow();
    }

    /** Removes a member of position MEMBER from the leadership group (the head and executive head stay). */
    @Transactional
    @RequiresPermission(Permission.GROUPS_EDIT)
    public void removeLeadershipMember(CordonUser user, long id) {
        requireEditor(user);
        LeadershipMember member = repository.leadershipMember(id).orElseThrow(() -> new NotFoundException("Leadership member " + id));
        if (member.position() != LeadershipPosition.MEMBER) {
            throw new ValidationFailedException("position", "group.validation.leader.keep");
        }
        repository.deleteLeadershipMember(id);
    }

    /** Renames a working group or changes its duties (commander, administrator). Clears the sample mark. */
    @Transactional
    @RequiresPermission(Permission.GROUPS_EDIT)
    public WorkingGroup updateWorkingGroup(CordonUser user, String code, String name, String duties) {
        requireEditor(user);
        requireGroup(code);
        List<FieldProblem> problems = new ArrayList<>();
        String n = requiredName(name, "name", NAME_MAX, problems);
        String d = optional(duties, "duties", DUTIES_MAX, problems);
        failIfAny(problems);
        repository.updateWorkingGroup(code, n, d == null ? "" : d);
        return requireGroup(code);
    }

    /**
     * Adds a staff account to a working group (administrators). The account's people then see and act
     * on the group's directives. Recorded in the audit log.
     */
    @Transactional
    @RequiresPermission(Permission.GROUP_MEMBERS_MANAGE)
    public WorkingGroup addGroupMember(CordonUser user, String code, String username) {
        requireAdmin(user);
        WorkingGroup group = requireGroup(code);
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new ValidationFailedException("username", "validation.required");
        }
        Long accountId = repository.accountId(name).orElseThrow(
                () -> new ValidationFailedException("username", "group.validation.member.unknown", name));
        if (!repository.addMember(group.id(), accountId, user.getUsername())) {
            throw new ValidationFailedException("username", "group.validation.member.already", name, group.name());
        }
        audit.record(user.getUsername(), AuditLog.Action.ACCOUNT_CHANGED, "working_group", code, "member added: " + name);
        return requireGroup(code);
    }

    /** Removes an account from a working group (administrators). Recorded in the audit log. */
    @Transactional
    @RequiresPermission(Permission.GROUP_MEMBERS_MANAGE)
    public WorkingGroup removeGroupMember(CordonUser user, String code, long accountId) {
        requireAdmin(user);
        WorkingGroup group = requireGroup(code);
        GroupMember member = group.members().stream().filter(m -> m.accountId() == accountId).findFirst()
                .orElseThrow(() -> new ValidationFailedException("username", "group.validation.member.notMember"));
        repository.removeMember(group.id(), accountId);
        audit.record(user.getUsername(), AuditLog.Action.ACCOUNT_CHANGED, "working_group", code, "member removed: " + member.username());
        return requireGroup(code);
    }


    private WorkingGroup requireGroup(String code) {
        return repository.workingGroup(code).orElseThrow(() -> new NotFoundException("Working group " + code));
    }

    private void requireEditor(CordonUser user) {
        if (!mayEditGroups(user)) {
            throw new AccessDeniedException("Only commanders and administrators edit the groups");
        }
    }

    private static void requireAdmin(CordonUser user) {
        if (!RolePermissions.may(user, Permission.GROUP_MEMBERS_MANAGE)) {
            throw new AccessDeniedException("Only administrators manage group members");
        }
    }

}
