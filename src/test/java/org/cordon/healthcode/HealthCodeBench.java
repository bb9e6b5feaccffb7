package org.cordon.healthcode;

import java.security.PublicKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

/** The offline part of the health-code benchmark (package access to the verifier and the keys). */
public final class HealthCodeBench {

    public record Figures(double verifiedPerSecond, double signedPerSecond, int revoked) {
    }

    private HealthCodeBench() {
    }

    public static Figures offline(ApplicationContext context, String token, int revokedIds, int rounds) {
        SigningKeys keys = context.getBean(SigningKeys.class);
        HealthCodeSettings settings = context.getBean(HealthCodeSettings.class);
        Map<String, PublicKey> published = new LinkedHashMap<>();
        for (SigningKeys.Key k : keys.published()) {
            published.put(k.kid(), k.publicKey());
        }
        Set<String> revoked = new HashSet<>();
        for (int i = 0; i < revokedIds; i++) {
            revoked.add(UUID.randomUUID().toString().substring(0, 22));
        }
        CodeVerifier verifier = new CodeVerifier(settings.issuer(), published::get, (iss, kid) -> null, revoked::contains);
        Instant now = Instant.now();
        for (int i = 0; i < 5_000; i++) {
            check(verifier.verify(token, now));
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            check(verifier.verify(token, now));
        }
        double verified = rounds / ((System.nanoTime() - start) / 1e9);
        SigningKeys.Key signing = keys.signing();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("jti", "AAAAAAAAAAAAAAAAAAAAAA");
        claims.put("col", "green");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 86_400);
        claims.put("nam", "张*三");
        claims.put("yob", 1980);
        int signRounds = rounds / 2;
        for (int i = 0; i < 2_000; i++) {
            CompactJws.sign(signing.privateKey(), signing.kid(), claims);
        }
        start = System.nanoTime();
        for (int i = 0; i < signRounds; i++) {
            CompactJws.sign(signing.privateKey(), signing.kid(), claims);
        }
        double signed = signRounds / ((System.nanoTime() - start) / 1e9);
        return new Figures(verified, signed, revokedIds);
    }

    private static void check(Verification v) {
        if (!v.valid()) {
            throw new IllegalStateException("benchmark code refused: " + v.problem());
        }
    }
}
