package org.cordon.healthcode;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Verifies a code with what an offline verifier has: this issuer's published keys, the trusted issuers' keys and the
 * revoked code ids. Order: structure (compact JWS, EdDSA, key id, JSON claims) → issuer and key → signature →
 * validity window (5 minutes of clock difference tolerated) → revocation (this issuer's codes).
 */
final class CodeVerifier {

    /** A trusted key of another issuer with the name an administrator gave it. */
    record TrustedKey(PublicKey key, String name) {
    }

    private final String ownIssuer;
    private final Function<String, PublicKey> ownKeys;
    private final BiFunction<String, String, TrustedKey> trustedKeys;
    private final Predicate<String> revoked;

    CodeVerifier(String ownIssuer, Function<String, PublicKey> ownKeys, BiFunction<String, String, TrustedKey> trustedKeys,
                 Predicate<String> revoked) {
        this.ownIssuer = ownIssuer;
        this.ownKeys = ownKeys;
        this.trustedKeys = trustedKeys;
        this.revoked = revoked;
    }

    Verification verify(String token, Instant now) {
        CompactJws.Parsed parsed = CompactJws.parse(token);
        if (parsed == null) {
            return Verification.refused("MALFORMED");
        }
        Map<String, Object> c = parsed.claims();
        if (!(c.get("iss") instanceof String issuer) || !(c.get("jti") instanceof String codeId) || codeId.length() > 64
                || CodeColor.ofClaim(c.get("col")) == null || !(c.get("exp") instanceof Number exp) || !(c.get("iat") instanceof Number iat)) {
            return Verification.refused("MALFORMED");
        }
        boolean own = issuer.equals(ownIssuer);
        PublicKey key;
        String issuerName = null;
        if (own) {
            key = ownKeys.apply(parsed.kid());
            if (key == null) {
                return Verification.refused("UNKNOWN_KEY");
            }
        } else {
            TrustedKey t = trustedKeys.apply(issuer, parsed.kid());
            if (t == null) {
                return new Verification(false, null, "UNKNOWN_ISSUER", clip(issuer), false, null, null, null, null, null, null, false);
            }
            key = t.key();
            issuerName = t.name();
        }
        if (!parsed.verifiedBy(key)) {
            return new Verification(false, null, "BAD_SIGNATURE", issuer, own, issuerName, null, null, null, null, null, false);
        }
        Integer yob = c.get("yob") instanceof Number y ? y.intValue() : null;
        Verification v = new Verification(true, CodeColor.ofClaim(c.get("col")), null, issuer, own, issuerName, codeId,
                c.get("nam") instanceof String n ? n : null, yob, Instant.ofEpochSecond(iat.longValue()),
                Instant.ofEpochSecond(exp.longValue()), c.get("crd") != null);
        if (v.expiresAt().plus(HealthCodeManagement.SKEW).isBefore(now)) {
            return v.refusedAs("EXPIRED");
        }
        if (v.issuedAt().minus(HealthCodeManagement.SKEW).isAfter(now)) {
            return v.refusedAs("NOT_YET_VALID");
        }
        if (own && revoked.test(codeId)) {
            return v.refusedAs("REVOKED");
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
