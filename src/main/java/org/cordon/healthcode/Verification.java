package org.cordon.healthcode;

import java.time.Instant;

/**
 * The result of verifying a code.
 *
 * @param valid      the code verified: known issuer and key, signature, validity window, not revoked
 * @param problem    why not, when not valid: MALFORMED, UNKNOWN_ISSUER, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED,
 *                   NOT_YET_VALID, REVOKED
 * @param ownIssuer  the code is this platform's (its holder is registered here)
 * @param issuerName the trusted issuer's name as the administrator entered it (null for this platform's)
 * @param card       a printed code card (no live clock on it)
 */
public record Verification(boolean valid, CodeColor color, String problem, String issuer, boolean ownIssuer, String issuerName,
                           String codeId, String name, Integer birthYear, Instant issuedAt, Instant expiresAt, boolean card) {

    static Verification refused(String problem) {
        return new Verification(false, null, problem, null, false, null, null, null, null, null, null, false);
    }

    Verification refusedAs(String why) {
        return new Verification(false, color, why, issuer, ownIssuer, issuerName, codeId, name, birthYear, issuedAt, expiresAt, card);
    }
}
