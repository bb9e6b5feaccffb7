package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * The {@link RequiresPermission} gate consults {@link RolePermissions}: every role holding one of the
 * declared permissions passes, every other role (and no user) is refused with an
 * {@link AccessDeniedException}, which the handlers map to 403.
 */
class PermissionInterceptorTests {

    public static class Sample {
        @RequiresPermission(Permission.DIRECTIVE_ISSUE)
        public String issue(CordonUser user, String text) {
            return "issued " + text;
        }

        @RequiresPermission({Permission.SUPPLIES_APPROVE, Permission.AREA_EDIT})
        public String either(String text, CordonUser user) {
            return "ok " + text;
        }

        public String open(CordonUser user) {
            return "open";
        }

        @RequiresPermission(Permission.ACCOUNT_ADMIN)
        public String noUser(String text) {
            return text;
        }
    }

    private static Sample proxy() {
        Advisor advisor = PermissionConfiguration.requiresPermissionAdvisor();
        ProxyFactory factory = new ProxyFactory(new Sample());
        factory.setProxyTargetClass(true);
        factory.addAdvisor(advisor);
        return (Sample) factory.getProxy();
    }

    private static CordonUser user(Role role) {
        return new CordonUser(1, "u-" + role, null, "U", role, Jurisdiction.area("610881"), true);
    }

    @Test
    void everyRoleIsAdmittedExactlyWhenTheTableGrantsThePermission() {
        Sample sample = proxy();
        for (Role role : Role.values()) {
            if (RolePermissions.has(role, Permission.DIRECTIVE_ISSUE)) {
                assertThat(sample.issue(user(role), "x")).isEqualTo("issued x");
            } else {
                assertThatThrownBy(() -> sample.issue(user(role), "x")).as(role.name())
                        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("DIRECTIVE_ISSUE");
            }
        }
        assertThat(sample.issue(user(Role.COMMANDER), "x")).isEqualTo("issued x");
        assertThatThrownBy(() -> sample.issue(user(Role.OFFICER), "x")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anyOfTheListedPermissionsSuffices() {
        Sample sample = proxy();
        assertThat(sample.either("a", user(Role.SUPPLIES_CLERK))).isEqualTo("ok a");
        assertThat(sample.either("a", user(Role.ADMIN))).isEqualTo("ok a");
        assertThatThrownBy(() -> sample.either("a", user(Role.GRID_WORKER))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void noUserIsRefusedAndUnannotatedMethodsPass() {
        Sample sample = proxy();
        assertThatThrownBy(() -> sample.issue(null, "x")).isInstanceOf(AccessDeniedException.class);
        assertThat(sample.open(user(Role.WORKING_GROUP))).isEqualTo("open");
        assertThatThrownBy(() -> sample.noUser("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTableIsTheOneConsulted() {
        for (Role role : Role.values()) {
            Set<Permission> held = RolePermissions.of(role);
            for (Permission p : Permission.values()) {
                assertThat(RolePermissions.has(role, p)).isEqualTo(held.contains(p));
            }
            assertThat(held).contains(Permission.STAFF_WORKSPACE);
        }
        assertThat(RolePermissions.of(Role.ADMIN)).contains(Permission.ACCOUNT_ADMIN, Permission.AREA_EDIT)
                .doesNotContain(Permission.DIRECTIVE_ISSUE);
        assertThat(RolePermissions.of(Role.WORKING_GROUP)).containsExactly(Permission.STAFF_WORKSPACE, Permission.DIRECTIVE_WORK);
    }
}
