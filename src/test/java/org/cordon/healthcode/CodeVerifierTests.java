package org.cordon.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The offline verifier: signature, key, issuer, validity window and revocation, without a database. */
class CodeVerifierTests {

    static final Instant NOW = Instant.parse("2020-02-20T08:00:00Z");
    final KeyPair key = Ed25519Keys.generate();
    final String kid = SigningKeys.kid(Ed25519Keys.raw(key.getPublic()));

    String token(String issuer, String codeId, Instant iat, Instant exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("jti", codeId);
        claims.put("col", "yellow");
        claims.put("iat", iat.getEpochSecond());
        claims.put("exp", exp.getEpochSecond());
        claims.put("nam", "张*");
        claims.put("yob", 1980);
        return CompactJws.sign(key.getPrivate(), kid, claims);
    }

    CodeVerifier verifier(Set<String> revoked) {
        return new CodeVerifier("CN-610881", k -> k.equals(kid) ? key.getPublic() : null, (iss, k) -> null, revoked::contains);
    }

    @Test
    void aValidCodeAndEachWayOfBeingRefused() {
        String ok = token("CN-610881", "abc", NOW.minusSeconds(60), NOW.plusSeconds(3600));
        Verification v = verifier(Set.of()).verify(ok, NOW);
        assertThat(v.valid()).isTrue();
        assertThat(v.color()).isEqualTo(CodeColor.YELLOW);
        assertThat(v.name()).isEqualTo("张*");
        assertThat(v.birthYear()).isEqualTo(1980);
        assertThat(verifier(Set.of("abc")).verify(ok, NOW).problem()).isEqualTo("REVOKED");
        assertThat(verifier(Set.of()).verify(token("CN-610881", "abc", NOW.minusSeconds(7200), NOW.minusSeconds(3600)), NOW).problem())
                .isEqualTo("EXPIRED");
        // five minutes of clock difference are tolerated, more are not
        assertThat(verifier(Set.of()).verify(token("CN-610881", "abc", NOW.minusSeconds(7200), NOW.minusSeconds(200)), NOW).valid()).isTrue();
        assertThat(verifier(Set.of()).verify(token("CN-610881", "abc", NOW.plusSeconds(3600), NOW.plusSeconds(7200)), NOW).problem())
                .isEqualTo("NOT_YET_VALID");
        assertThat(verifier(Set.of()).verify(token("CN-110000", "abc", NOW, NOW.plusSeconds(60)), NOW).problem()).isEqualTo("UNKNOWN_ISSUER");
        String[] p = ok.split("\\.");
        // one character of the signature changed (to another one, whatever it was)
        char other = p[2].charAt(10) == 'A' ? 'B' : 'A';
        assertThat(verifier(Set.of()).verify(p[0] + "." + p[1] + "." + p[2].substring(0, 10) + other + p[2].substring(11), NOW).problem())
                .isEqualTo("BAD_SIGNATURE");
        assertThat(verifier(Set.of()).verify(p[0] + "." + p[1], NOW).problem()).isEqualTo("MALFORMED");
        // an unsigned ("none") or HMAC header is no code
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"kid\":\"x\"}".getBytes());
        assertThat(verifier(Set.of()).verify(none + "." + p[1] + ".", NOW).problem()).isEqualTo("MALFORMED");
        String hs = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}").getBytes());
        assertThat(verifier(Set.of()).verify(hs + "." + p[1] + "." + p[2], NOW).problem()).isEqualTo("MALFORMED");
    }
}
