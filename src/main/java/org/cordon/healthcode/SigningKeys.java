package org.cordon.healthcode;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This platform's Ed25519 signing keys: one signs; it is replaced after {@code cordon.health-code.rotation} (or by
 * an administrator), and a replaced key stays published until every code it signed has expired. Private keys are
 * stored encrypted with the personal-data key. The published keys are cached for a few seconds (verification is hot).
 */
@Component
class SigningKeys {

    static final String PRIVATE_FIELD = "health_code_key";
    private static final Duration CACHE = Duration.ofSeconds(30);

    /** A key of this platform: its id, public key and (for the signing one) private key. */
    record Key(String kid, byte[] x, PublicKey publicKey, PrivateKey privateKey, Instant createdAt, Instant retiredAt) {
    }

    private record Snapshot(Instant readAt, Key signing, Map<String, Key> published) {
    }

    private final KeyRepository repository;
    private final PersonalDataCipher cipher;
    private final HealthCodeSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile Snapshot snapshot;

    SigningKeys(KeyRepository repository, PersonalDataCipher cipher, HealthCodeSettings settings, TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** The key that signs now; made (or replaced, when older than the rotation period) on first use. */
    Key signing() {
        Snapshot s = current();
        if (s.signing() == null || s.signing().createdAt().plus(settings.rotation()).isBefore(clock.instant())) {
            tx.executeWithoutResult(status -> {
                repository.lockKeys();
                Snapshot fresh = read();
                if (fresh.signing() == null || fresh.signing().createdAt().plus(settings.rotation()).isBefore(clock.instant())) {
                    replace();
                }
            });
            snapshot = null;
            s = current();
        }
        return s.signing();
    }

    /** Replaces the signing key by a new one now (an administrator's rotation). */
    void rotate() {
        tx.executeWithoutResult(status -> {
            repository.lockKeys();
            replace();
        });
        snapshot = null;
    }

    /** The published key with this id; null when none. */
    Key published(String kid) {
        return current().published().get(kid);
    }

    /** Every published key, newest first. */
    List<Key> published() {
        return current().published().values().stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    /** The public JWK (RFC 8037) of a key. */
    static OctetKeyPair jwk(String kid, byte[] x) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.EdDSA).build();
    }

    private void replace() {
        Instant now = clock.instant();
        repository.retireActive(now);
        KeyPair pair = Ed25519Keys.generate();
        byte[] x = Ed25519Keys.raw(pair.getPublic());
        repository.insertKey(kid(x), x, cipher.encrypt(PRIVATE_FIELD, pair.getPrivate().getEncoded()), now);
    }

    /** The key id: the start of the key's RFC 7638 thumbprint (stable, derived from the key). */
    static String kid(byte[] x) {
        try {
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build().computeThumbprint().toString().substring(0, 16);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.readAt().plus(CACHE).isBefore(clock.instant())) {
            s = read();
            snapshot = s;
        }
        return s;
    }

    private Snapshot read() {
        Instant now = clock.instant();
        Key signing = null;
        Map<String, Key> published = new HashMap<>();
        for (KeyRepository.StoredKey k : repository.publishedKeys(now.minus(settings.longestValidity()))) {
            boolean active = k.retiredAt() == null;
            Key key = new Key(k.kid(), k.publicKey(), Ed25519Keys.publicKey(k.publicKey()),
                    active ? Ed25519Keys.privateKey(cipher.decryptBytes(PRIVATE_FIELD, k.privateKeyEnc())) : null,
                    k.createdAt(), k.retiredAt());
            published.put(k.kid(), key);
            if (active) {
                signing = key;
            }
        }
        return new Snapshot(now, signing, Map.copyOf(published));
    }
}
