package org.cordon.account.web;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The permission table for templates: navigation links and buttons ask {@code ${@permissions.may('PASSAGE_READ')}}
 * instead of listing roles, so pages show exactly what the services allow. An unknown permission name fails the
 * page (a typo must not silently hide or show a link).
 */
@Component("permissions")
public class PagePermissions {

    /** True when the signed-in user's role holds the permission. */
    public boolean may(String permission) {
        return RolePermissions.may(currentUser(), Permission.valueOf(permission));
    }

    /** True when the signed-in user's role holds at least one of the permissions. */
    public boolean mayAny(String... permissions) {
        for (String p : permissions) {
            if (may(p)) {
                return true;
            }
        }
        return false;
    }

    private static CordonUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CordonUser user ? user : null;
    }
}
