package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.PermissionInterceptor;
import org.cordon.account.Role;
import org.cordon.command.CommandManagement;
import org.cordon.dashboard.DashboardManagement;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/** The {@code @RequiresPermission} gate is applied to every {@code *Management} bean of the running application. */
class PermissionGateIntegrationTests extends IntegrationTestSupport {

    @Autowired
    ApplicationContext context;

    @Autowired
    DashboardManagement dashboard;

    @Autowired
    CommandManagement commands;

    @Test
    void everyManagementBeanCarriesThePermissionGate() {
        List<Class<?>> classes = PermissionArchitectureTests.managementClasses();
        for (Class<?> type : classes) {
            boolean gated = Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(org.cordon.account.RequiresPermission.class));
            if (!gated) {
                continue;
            }
            Object bean = context.getBean(type);
            assertThat(bean).as(type.getSimpleName()).isInstanceOf(Advised.class);
            Advisor[] advisors = ((Advised) bean).getAdvisors();
            assertThat(Arrays.stream(advisors).anyMatch(a -> a.getAdvice() instanceof PermissionInterceptor))
                    .as("%s is gated by PermissionInterceptor", type.getSimpleName()).isTrue();
        }
    }

    /** The pages' predicates ({@code mayEdit(user)} and the like) answer as the table does, for every role. */
    @Test
    void permissionQueriesAgreeWithTheTable() throws Exception {
        int checked = 0;
        for (Class<?> type : PermissionArchitectureTests.managementClasses()) {
            Object bean = context.getBean(type);
            for (Method m : type.getDeclaredMethods()) {
                org.cordon.account.PermissionQuery q = m.getAnnotation(org.cordon.account.PermissionQuery.class);
                if (q == null || q.value().length != 1 || m.getParameterCount() != 1) {
                    continue;
                }
                for (Role role : Role.values()) {
                    CordonUser user = new CordonUser(0, "q-" + role, null, "q", role, Jurisdiction.area("610881"), true);
                    assertThat(m.invoke(bean, user)).as("%s.%s for %s", type.getSimpleName(), m.getName(), role)
                            .isEqualTo(org.cordon.account.RolePermissions.has(role, q.value()[0]));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void aRoleWithoutThePermissionIsRefusedAtTheGate() throws NoSuchMethodException {
        CordonUser clerk = new CordonUser(0, "clerk", null, "clerk", Role.SUPPLIES_CLERK, Jurisdiction.area("610881"), true);
        assertThatThrownBy(() -> dashboard.rebuild(clerk)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("DASHBOARD_REBUILD");
        assertThatThrownBy(() -> commands.issue(clerk, null)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("DIRECTIVE_ISSUE");
        Method m = CommandManagement.class.getMethod("issue", CordonUser.class, org.cordon.command.NewDirective.class);
        assertThat(m).isNotNull();
    }
}
