package org.cordon.account;

/**
 * A token just issued: {@code token} is its value, shown this once and stored nowhere (only its hash is kept).
 */
public record IssuedApiToken(String token, ApiTokenSummary summary) {
}
