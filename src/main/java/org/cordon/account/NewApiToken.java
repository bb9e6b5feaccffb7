package org.cordon.account;

import java.time.LocalDate;

/**
 * A token to issue.
 *
 * @param username  the account the token acts as (its role and jurisdiction apply)
 * @param name      what it is for, e.g. "KK01 phone 2" (at most 100 characters)
 * @param kind      device or integration
 * @param expiresOn last day (city time) on which the token is accepted; null: until revoked
 */
public record NewApiToken(String username, String name, ApiTokenKind kind, LocalDate expiresOn) {
}
