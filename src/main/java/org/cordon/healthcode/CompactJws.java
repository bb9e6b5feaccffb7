package org.cordon.healthcode;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037): Nimbus JOSE builds, serialises and parses the
 * structure; the signature is the JDK's Ed25519 (Nimbus' own Ed25519 classes need Google Tink).
 */
final class CompactJws {

    /** The longest token accepted for parsing: a code is about 300 characters. */
    static final int MAX_LENGTH = 2048;

    private CompactJws() {
    }

    static String sign(PrivateKey key, String kid, Map<String, Object> claims) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), new Payload(claims));
        try {
            jws.sign(new Signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jws.serialize();
    }

    /** A parsed token: header algorithm and key id, the claims, and the object to verify. */
    record Parsed(JWSObject jws, String kid, Map<String, Object> claims) {

        boolean verifiedBy(PublicKey key) {
            try {
                return jws.verify(new Verifier(key));
            } catch (JOSEException e) {
                return false;
            }
        }
    }

    /** Parses a compact JWS of EdDSA with a key id and a JSON object payload; null when it is none. */
    static Parsed parse(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            return null;
        }
        try {
            JWSObject jws = JWSObject.parse(token.strip());
            if (!JWSAlgorithm.EdDSA.equals(jws.getHeader().getAlgorithm()) || jws.getHeader().getKeyID() == null
                    || jws.getHeader().getCriticalParams() != null) {
                return null;
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            return claims == null ? null : new Parsed(jws, jws.getHeader().getKeyID(), claims);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static final class Signer implements JWSSigner {
        private final PrivateKey key;
        private final JCAContext context = new JCAContext();

        Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(signingInput);
                return Base64URL.encode(s.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }

    private static final class Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext context = new JCAContext();

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(signingInput);
                return s.verify(signature.decode());
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
