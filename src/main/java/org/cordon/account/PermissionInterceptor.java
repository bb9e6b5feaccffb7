package org.cordon.account;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;

/**
 * The uniform gate behind {@link RequiresPermission}: finds the {@link CordonUser} argument and refuses
 * the call unless the user's role holds one of the declared permissions in {@link RolePermissions}.
 * It sits in front of every service call (registrations included), so what it learns by reflection
 * about a method — its permissions and which argument is the user — is worked out once per method.
 */
public final class PermissionInterceptor implements MethodInterceptor {

    /** What the gate needs of one method; {@code permissions} null: the method is not gated. */
    private record Gate(Permission[] permissions, int userIndex) {
    }

    private static final Gate OPEN = new Gate(null, -1);

    private final Map<Method, Gate> gates = new ConcurrentHashMap<>();

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        Gate gate = gates.computeIfAbsent(invocation.getMethod(), m -> gateOf(target == null ? m : AopUtils.getMostSpecificMethod(m, target.getClass())));
        if (gate.permissions() != null) {
            check(gate, invocation.getMethod(), invocation.getArguments());
        }
        return invocation.proceed();
    }

    private static Gate gateOf(Method method) {
        RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method, RequiresPermission.class);
        return required == null ? OPEN : new Gate(required.value(), userIndex(method));
    }

    private static int userIndex(Method method) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (CordonUser.class.isAssignableFrom(types[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void check(Gate gate, Method method, Object[] arguments) {
        if (gate.userIndex() < 0) {
            throw new IllegalStateException(method + " requires a permission but takes no CordonUser");
        }
        CordonUser user = (CordonUser) arguments[gate.userIndex()];
        if (user == null) {
            throw new AccessDeniedException("Sign in first");
        }
        if (!RolePermissions.hasAny(user.role(), gate.permissions())) {
            throw new AccessDeniedException("Role " + user.role() + " lacks " + Arrays.toString(gate.permissions())
                    + " for " + method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
    }
}
