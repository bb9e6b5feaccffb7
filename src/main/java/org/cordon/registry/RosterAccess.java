package org.cordon.registry;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.springframework.security.access.AccessDeniedException;

/** Who keeps rosters: registrar roles with an area jurisdiction, for import and export alike. */
final class RosterAccess {

    private RosterAccess() {
    }

    /**
     * The user's area, for registrar roles with an area jurisdiction.
     *
     * @throws AccessDeniedException for roles that do not keep rosters or users without an area
     */
    static String requireRegistrar(CordonUser user) {
        if (!RolePermissions.may(user, Permission.RETURNEE_REGISTER)) {
            throw new AccessDeniedException("Role " + (user == null ? null : user.role()) + " does not keep rosters");
        }
        if (user.jurisdiction().areaCode() == null) {
            throw new AccessDeniedException("Rosters are for staff with an area jurisdiction");
        }
        return user.jurisdiction().areaCode();
    }
}
