package org.cordon.account;

import java.time.Instant;

/**
 * An API token as administrators see it: never its value, only its first characters ({@code prefix}).
 *
 * @param expiresAt       first instant at which the token is refused; null: no expiry
 * @param lastUsedAt      last accepted request, to the minute (updated at most once a minute); null: never used
 * @param lastUsedAddress client address of that request
 */
public record ApiTokenSummary(long id, long accountId, String username, String name, ApiTokenKind kind, String prefix,
                              Instant createdAt, String createdBy, Instant expiresAt, Instant lastUsedAt,
                              String lastUsedAddress, Instant revokedAt, String revokedBy, ApiTokenStatus status) {
}
