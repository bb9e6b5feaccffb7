package org.cordon.account;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;

/**
 * The uniform gate behind {@link RequiresPermission}: finds the {@link CordonUser} argument and refuses
 * the call unless the user's role holds one of the declared permissions in {@link RolePermissions}.
 */
public final class PermissionInterceptor implements MethodInterceptor {

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        if (target != null) {
            method = AopUtils.getMostSpecificMethod(method, target.getClass());
        }
        RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method, RequiresPermission.class);
        if (required != null) {
            check(method, required.value(), invocation.getArguments());
        }
        return invocation.proceed();
    }

    static void check(Method method, Permission[] permissions, Object[] arguments) {
        Class<?>[] types = method.getParameterTypes();
        int index = -1;
        for (int i = 0; i < types.length; i++) {
            if (CordonUser.class.isAssignableFrom(types[i])) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw new IllegalStateException(method + " requires a permission but takes no CordonUser");
        }
        CordonUser user = (CordonUser) arguments[index];
        if (user == null) {
            throw new AccessDeniedException("Sign in first");
        }
        if (!RolePermissions.hasAny(user.role(), permissions)) {
            throw new AccessDeniedException("Role " + user.role() + " lacks " + Arrays.toString(permissions)
                    + " for " + method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
    }
}
