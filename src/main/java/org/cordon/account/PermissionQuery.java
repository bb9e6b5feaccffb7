package org.cordon.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public predicate ({@code mayX(user)}) that answers whether the user holds a permission, so
 * pages can show or hide buttons; it refuses nobody, and answers false for no user.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PermissionQuery {
    /** The permission(s) the predicate is about. */
    Permission[] value() default {};
}
