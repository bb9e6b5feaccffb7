package org.cordon.mobilization;

import java.util.Optional;
import java.util.function.Function;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may use mobilisation, and a manager's reach: everything ({@code prefix} null) or the area subtree of
 * {@code prefix}. Commanders, administrators and coordinators whose area is the city manage everything; a
 * coordinator whose area is a town or street office (or lies below one) manages only that area's records
 * (records without an area are city-wide and left to city-level staff).
 */
record MobilizationScope(String prefix) {

    /** Length of the city's area code; coordinators at this level (or above) are city-wide. */
    private static final int CITY_CODE_LENGTH = 6;

    static final MobilizationScope CITY = new MobilizationScope(null);

    /** True for commanders, administrators and volunteer coordinators (with an area). */
    static boolean mayManage(CordonUser user) {
        return RolePermissions.may(user, Permission.VOLUNTEERS_MANAGE) && AreaScope.of(user).hasArea();
    }

    /** True when the user may open the module at all (managers and checkpoint officers). */
    static boolean mayUse(CordonUser user) {
        return mayManage(user) || RolePermissions.may(user, Permission.DUTY_ROSTER_READ);
    }

    /**
     * The manager's reach.
     *
     * @throws AccessDeniedException the user does not manage mobilisation
     */
    static MobilizationScope of(CordonUser user) {
        if (!mayManage(user)) {
            throw new AccessDeniedException("Mobilisation is managed by commanders, administrators and volunteer coordinators");
        }
        String area = AreaScope.of(user).areaCode();
        return area.length() <= CITY_CODE_LENGTH ? CITY : new MobilizationScope(area);
    }

    /** Refuses unless the user may read duty rosters at all (managers and checkpoint officers). */
    static void requireRosterReader(CordonUser user) {
        if (!mayUse(user)) {
            throw new AccessDeniedException("Duty rosters are for managers and checkpoint officers");
        }
    }

    boolean all() {
        return prefix == null;
    }

    boolean covers(String areaCode) {
        return prefix == null || area().covers(areaCode);
    }

    /** @throws AccessDeniedException the area lies outside the scope */
    void requireCovered(String areaCode, String what) {
        if (!covers(areaCode)) {
            throw new AccessDeniedException(what + " is outside the caller's area");
        }
    }

    /**
     * The record found, when its area lies in the scope.
     *
     * @param what names the record in the exceptions, e.g. "Task 7"
     * @throws NotFoundException     nothing found
     * @throws AccessDeniedException the record's area lies outside the scope
     */
    <T> T visible(Optional<T> found, Function<T, String> areaOf, String what) {
        T record = found.orElseThrow(() -> new NotFoundException(what));
        requireCovered(areaOf.apply(record), what);
        return record;
    }

    /** The area subtree (every code when city-wide). */
    private AreaScope area() {
        return AreaScope.subtree(prefix == null ? "" : prefix);
    }

    /**
     * SQL condition on the column, with the parameters {@code :all} and {@code :like} that {@link #bind} binds; when
     * city-wide it also accepts rows without an area.
     */
    String condition(String column) {
        return "(:all or " + area().condition(column, "like") + ")";
    }

    /** Binds the parameters of {@link #condition(String)}. */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.param("all", all()).param("like", area().pattern());
    }
}
