package org.cordon.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission(s) a public API method needs; any one of them suffices. The method must take
 * the calling {@link CordonUser}. Enforced on Spring beans by {@link PermissionInterceptor}: a caller
 * whose role (per {@link RolePermissions}) holds none of them, or no caller at all, gets an
 * {@link org.springframework.security.access.AccessDeniedException} (403). The method's own checks of
 * jurisdiction and record stay in place.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {
    Permission[] value();
}
