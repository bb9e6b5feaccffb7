package org.cordon.healthcode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The trusted keys of other issuers, cached for a few seconds (verification is hot). */
@Component
class TrustedIssuers {

    private static final Duration CACHE = Duration.ofSeconds(30);

    private record Snapshot(Instant readAt, Map<String, CodeVerifier.TrustedKey> keys) {
    }

    private final KeyRepository repository;
    private final Clock clock;
    private volatile Snapshot snapshot;

    TrustedIssuers(KeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    CodeVerifier.TrustedKey key(String issuer, String kid) {
        Snapshot s = snapshot;
        if (s == null || s.readAt().plus(CACHE).isBefore(clock.instant())) {
            Map<String, CodeVerifier.TrustedKey> keys = new HashMap<>();
            for (KeyRepository.StoredTrustedKey k : repository.trustedKeys()) {
                keys.put(k.issuer() + "\n" + k.kid(), new CodeVerifier.TrustedKey(Ed25519Keys.publicKey(k.publicKey()), k.name()));
            }
            s = new Snapshot(clock.instant(), Map.copyOf(keys));
            snapshot = s;
        }
        return s.keys().get(issuer + "\n" + kid);
    }

    List<KeyRepository.StoredTrustedKey> list() {
        return repository.trustedKeys();
    }

    void changed() {
        snapshot = null;
    }
}
