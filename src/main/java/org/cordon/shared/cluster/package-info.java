/**
 * Running as several nodes on one database: scheduled jobs once across nodes (ShedLock), limits counted in the
 * database ({@link org.cordon.shared.cluster.SharedRateLimiter}), read-only transactions routed to an optional
 * streaming replica ({@code cordon.datasource.replica.*}). README "Production deployment".
 */
package org.cordon.shared.cluster;
