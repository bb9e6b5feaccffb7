package org.cordon.account;

import static org.cordon.account.Permission.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of which {@link Role} holds which {@link Permission}. The README's "Who may do what"
 * table is checked against it by a test.
 */
public final class RolePermissions {

    private static final Map<Role, Set<Permission>> TABLE = new EnumMap<>(Role.class);

    static {
        grant(Role.ADMIN, STAFF_WORKSPACE, PASSAGE_READ, PASSAGE_REGISTER, PERSON_LOOKUP, SCREENING_RULES_EDIT, ALERT_READ,
                RETURNEE_READ, RETURNEE_REGISTER, OBSERVATION_READ, DIRECTIVE_READ_ALL, GROUPS_EDIT, GROUP_MEMBERS_MANAGE, NOTICE_EDIT,
                SUPPLIES_READ, SUPPLIES_MANAGE, SUPPLIES_RECEIVE, VOLUNTEERS_MANAGE, DUTY_ROSTER_READ, DASHBOARD_READ,
                DASHBOARD_REBUILD, AREA_EDIT, ACCOUNT_ADMIN, TWO_FACTOR, HEALTH_CODE_VERIFY, HEALTH_CODE_KEYS, DATA_RETENTION);
        grant(Role.COMMANDER, STAFF_WORKSPACE, PASSAGE_READ, PASSAGE_REGISTER, PERSON_LOOKUP, SCREENING_RULES_EDIT, ALERT_READ,
                PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL, RETURNEE_READ, RETURNEE_REGISTER, OBSERVATION_READ,
                DIRECTIVE_READ_ALL, DIRECTIVE_ISSUE, GROUPS_EDIT, NOTICE_EDIT, SUPPLIES_READ, SUPPLIES_MANAGE, SUPPLIES_APPROVE, SUPPLIES_RECEIVE,
                VOLUNTEERS_MANAGE, DUTY_ROSTER_READ, DASHBOARD_READ, TWO_FACTOR, HEALTH_CODE_READ, HEALTH_CODE_VERIFY);
        grant(Role.WORKING_GROUP, STAFF_WORKSPACE, DIRECTIVE_WORK);
        grant(Role.OFFICER, STAFF_WORKSPACE, PASSAGE_READ, PASSAGE_REGISTER, PERSON_LOOKUP, PERSONAL_DATA_REVEAL,
                PERSONAL_CONTACT_REVEAL, SUPPLIES_READ, SUPPLIES_REQUEST, SUPPLIES_RECEIVE, DUTY_ROSTER_READ, HEALTH_CODE_VERIFY);
        grant(Role.GRID_WORKER, STAFF_WORKSPACE, PERSONAL_CONTACT_REVEAL, RETURNEE_READ, RETURNEE_REGISTER, OBSERVATION_READ, DIRECTIVE_WORK,
                OBSERVATION_CHECK, SUPPLIES_READ, SUPPLIES_REQUEST, SUPPLIES_RECEIVE, DASHBOARD_READ, HEALTH_CODE_READ, HEALTH_CODE_VERIFY);
        grant(Role.MEDIC, STAFF_WORKSPACE, PASSAGE_READ, PERSON_LOOKUP, ALERT_READ, PERSONAL_DATA_REVEAL,
                PERSONAL_CONTACT_REVEAL, RETURNEE_READ, RETURNEE_REGISTER, OBSERVATION_READ, OBSERVATION_CHECK,
                OBSERVATION_RELEASE_OVERRIDE, REFERRAL_OUTCOME, DIRECTIVE_WORK, SUPPLIES_READ, SUPPLIES_REQUEST, SUPPLIES_RECEIVE, DASHBOARD_READ,
                HEALTH_CODE_READ, HEALTH_CODE_VERIFY);
        grant(Role.SUPPLIES_CLERK, STAFF_WORKSPACE, SUPPLIES_READ, SUPPLIES_MANAGE, SUPPLIES_APPROVE);
        grant(Role.VOLUNTEER_COORDINATOR, STAFF_WORKSPACE, VOLUNTEERS_MANAGE, DUTY_ROSTER_READ);
    }

    private RolePermissions() {
    }

    private static void grant(Role role, Permission... permissions) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        Collections.addAll(set, permissions);
        TABLE.put(role, Collections.unmodifiableSet(set));
    }

    /** The permissions the role holds (empty for none). */
    public static Set<Permission> of(Role role) {
        return role == null ? Set.of() : TABLE.getOrDefault(role, Set.of());
    }

    public static boolean has(Role role, Permission permission) {
        return of(role).contains(permission);
    }

    /** True when the role holds at least one of the permissions. */
    public static boolean hasAny(Role role, Permission... permissions) {
        for (Permission p : permissions) {
            if (has(role, p)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the roles holding the permission (for URL rules: {@code hasAnyRole(...)}). */
    public static String[] rolesWith(Permission permission) {
        return TABLE.entrySet().stream().filter(e -> e.getValue().contains(permission)).map(e -> e.getKey().name())
                .toArray(String[]::new);
    }

    /** True when the user is signed in and their role holds the permission. */
    public static boolean may(CordonUser user, Permission permission) {
        return user != null && has(user.role(), permission);
    }
}
