package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.cordon.account.CordonUser;
import org.cordon.account.PermissionQuery;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.junit.jupiter.api.Test;

/**
 * Every public method of a module's {@code *Management} API declares what it needs: the permission
 * ({@link RequiresPermission}), that it is a trusted call without a user ({@link SystemOperation}), or
 * that it only answers a permission question ({@link PermissionQuery}).
 */
class PermissionArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cordon");

    static List<Class<?>> managementClasses() {
        List<Class<?>> result = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (c.getSimpleName().endsWith("Management") && !c.isNestedClass() && c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                result.add(c.reflect());
            }
        }
        return result;
    }

    @Test
    void everyPublicManagementMethodDeclaresItsPermission() {
        List<Class<?>> classes = managementClasses();
        assertThat(classes).hasSizeGreaterThanOrEqualTo(12);
        List<String> undeclared = new ArrayList<>();
        int methods = 0;
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                methods++;
                long declared = Arrays.asList(m.isAnnotationPresent(RequiresPermission.class),
                        m.isAnnotationPresent(SystemOperation.class), m.isAnnotationPresent(PermissionQuery.class))
                        .stream().filter(b -> b).count();
                if (declared != 1) {
                    undeclared.add(c.getSimpleName() + "." + m.getName() + Arrays.toString(m.getParameterTypes()));
                }
            }
        }
        assertThat(methods).isGreaterThan(200);
        assertThat(undeclared).as("public API methods declaring neither (or more than one of) @RequiresPermission, "
                + "@SystemOperation, @PermissionQuery").isEmpty();
    }

    @Test
    void requiredPermissionsComeWithTheCallerAndSystemOperationsTakeNoUser() {
        List<String> offences = new ArrayList<>();
        for (Class<?> c : managementClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                boolean takesUser = Arrays.stream(m.getParameterTypes()).anyMatch(CordonUser.class::isAssignableFrom);
                if (m.isAnnotationPresent(RequiresPermission.class) && (!takesUser || Modifier.isStatic(m.getModifiers())
                        || Modifier.isFinal(m.getModifiers()))) {
                    offences.add("@RequiresPermission without an interceptable CordonUser: " + c.getSimpleName() + "." + m.getName());
                }
                if (m.isAnnotationPresent(SystemOperation.class) && takesUser) {
                    offences.add("@SystemOperation that takes a user: " + c.getSimpleName() + "." + m.getName());
                }
                if (m.isAnnotationPresent(PermissionQuery.class) && m.getReturnType() != boolean.class) {
                    offences.add("@PermissionQuery that is not a predicate: " + c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
