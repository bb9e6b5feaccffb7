package org.cordon.observation;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.springframework.security.access.AccessDeniedException;

/** Who may see observation records at all, and the form text rule the services share. */
final class ObservationAccess {

    private ObservationAccess() {
    }

    /**
     * Personal records of returnees and people under observation are for staff with {@link Permission#OBSERVATION_READ}
     * and an area jurisdiction (grid workers, medical staff, commander, admin). Answers that area.
     */
    static String requireArea(CordonUser user) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_READ) || user.jurisdiction().areaCode() == null) {
            throw new AccessDeniedException("Observation is for staff with an area jurisdiction");
        }
        return user.jurisdiction().areaCode();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
