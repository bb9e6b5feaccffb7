package org.cordon.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public API method that takes no signed-in user: called by event listeners, scheduled jobs,
 * the anonymous portal, or other modules' trusted code, which have checked access themselves, or it
 * returns reference data that is not personal.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SystemOperation {
    /** Why the method needs no permission (who calls it). */
    String value() default "";
}
