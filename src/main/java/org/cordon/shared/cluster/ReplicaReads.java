package org.cordon.shared.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read-only transactions this method (or every method of this class) begins may read from the streaming
 * replica ({@code cordon.datasource.replica.url}), which may lag the primary by a moment: for reads that tolerate
 * that (the public portal's pages, the dashboard's figures and reports, themselves fed by events). It takes effect
 * only with {@code @Transactional(readOnly = true)} and only for a transaction that the method begins: inside a
 * read-write transaction the reads stay on the primary and see its writes. Without a replica it changes nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReplicaReads {
}
