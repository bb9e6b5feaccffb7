package org.cordon.healthcode;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.cordon.account.AuditLog;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health code's keys: this platform's published signing keys as a JWK set (RFC 7517) and their rotation, and the
 * trusted keys of other cities' issuers (mutual recognition), which an administrator adds from the issuer's
 * published JWK set.
 */
@Service
public class HealthCodeKeyManagement {

    /** A published key of this platform. */
    public record PublishedKey(String kid, Instant createdAt, Instant retiredAt, boolean signing) {
    }

    /** A trusted key of another issuer. */
    public record TrustedKeyView(long id, String issuer, String kid, String name, String addedBy, Instant addedAt) {
    }

    private final SigningKeys keys;
    private final TrustedIssuers trusted;
    private final KeyRepository repository;
    private final HealthCodeSettings settings;
    private final AuditLog audit;

    HealthCodeKeyManagement(SigningKeys keys, TrustedIssuers trusted, KeyRepository repository, HealthCodeSettings settings,
                            AuditLog audit) {
        this.keys = keys;
        this.trusted = trusted;
        this.repository = repository;
        this.settings = settings;
        this.audit = audit;
    }

    /** This platform's public keys as a JWK set: the signing one and those whose codes may still be valid. */
    @SystemOperation
    public String jwks() {
        keys.signing();
        List<JWK> jwks = new ArrayList<>();
        for (SigningKeys.Key k : keys.published()) {
            jwks.add(SigningKeys.jwk(k.kid(), k.x()));
        }
        return new JWKSet(jwks).toString(true);
    }

    /** This platform's issuer name ({@code iss} of its codes). */
    @SystemOperation
    public String issuer() {
        return settings.issuer();
    }

    @RequiresPermission(Permission.HEALTH_CODE_KEYS)
    public List<PublishedKey> publishedKeys(CordonUser user) {
        keys.signing();
        return keys.published().stream().map(k -> new PublishedKey(k.kid(), k.createdAt(), k.retiredAt(), k.retiredAt() == null)).toList();
    }

    /** Replaces the signing key now; the old one stays published until its codes have expired. Audited. */
    @Transactional
    @RequiresPermission(Permission.HEALTH_CODE_KEYS)
    public PublishedKey rotate(CordonUser user) {
        keys.rotate();
        SigningKeys.Key k = keys.signing();
        audit.record(user.getUsername(), AuditLog.Action.HEALTH_CODE_KEY_ROTATED, "health_code_key", k.kid(), null);
        return new PublishedKey(k.kid(), k.createdAt(), null, true);
    }

    @RequiresPermission(Permission.HEALTH_CODE_KEYS)
    public List<TrustedKeyView> trustedKeys(CordonUser user) {
        return trusted.list().stream().map(k -> new TrustedKeyView(k.id(), k.issuer(), k.kid(), k.name(), k.addedBy(), k.addedAt())).toList();
    }

    /**
     * Trusts the Ed25519 keys of another issuer, from its published JWK set (or one JWK): every key of curve Ed25519
     * with a key id. Answers the keys added (keys trusted already are skipped). Audited.
     *
     * @throws ValidationFailedException no issuer or name, the issuer is this platform's, or no usable key
     */
    @Transactional
    @RequiresPermission(Permission.HEALTH_CODE_KEYS)
    public List<TrustedKeyView> trust(CordonUser user, String issuer, String name, String jwkSet) {
        List<FieldProblem> problems = new ArrayList<>();
        String iss = FieldChecks.required(issuer, "issuer", 200, problems);
        String label = FieldChecks.required(name, "name", 200, problems);
        if (iss != null && iss.equals(settings.issuer())) {
            problems.add(new FieldProblem("issuer", "healthCode.validation.issuer.own"));
        }
        List<OctetKeyPair> found = new ArrayList<>();
        String json = FieldChecks.required(jwkSet, "jwks", 20_000, problems);
        if (json != null) {
            try {
                List<JWK> candidates = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
                for (JWK jwk : candidates) {
                    if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve()) && okp.getKeyID() != null
                            && okp.getKeyID().length() <= 64 && !okp.isPrivate()) {
                        found.add(okp);
                    }
                }
                if (found.isEmpty()) {
                    problems.add(new FieldProblem("jwks", "healthCode.validation.jwks.noKey"));
                }
            } catch (ParseException | RuntimeException e) {
                problems.add(new FieldProblem("jwks", "healthCode.validation.jwks.unreadable"));
            }
        }
        FieldChecks.failIfAny(problems);
        List<TrustedKeyView> added = new ArrayList<>();
        for (OctetKeyPair k : found) {
            byte[] x = k.getX().decode();
            try {
                Ed25519Keys.publicKey(x);
            } catch (IllegalArgumentException e) {
                throw new ValidationFailedException("jwks", "healthCode.validation.jwks.noKey");
            }
            repository.insertTrustedKey(iss, k.getKeyID(), x, label, user.getUsername()).ifPresent(id -> {
                audit.record(user.getUsername(), AuditLog.Action.HEALTH_CODE_ISSUER_TRUSTED, "health_code_trusted_key", String.valueOf(id), iss + " " + k.getKeyID());
                added.add(new TrustedKeyView(id, iss, k.getKeyID(), label, user.getUsername(), Instant.now()));
            });
        }
        trusted.changed();
        return added;
    }

    /** Stops trusting a key. Audited. */
    @Transactional
    @RequiresPermission(Permission.HEALTH_CODE_KEYS)
    public void distrust(CordonUser user, long id) {
        if (repository.removeTrustedKey(id, user.getUsername()) == 0) {
            throw new NotFoundException("Trusted key " + id);
        }
        audit.record(user.getUsername(), AuditLog.Action.HEALTH_CODE_ISSUER_REMOVED, "health_code_trusted_key", String.valueOf(id), null);
        trusted.changed();
    }
}
