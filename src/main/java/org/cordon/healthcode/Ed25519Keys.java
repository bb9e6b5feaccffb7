package org.cordon.healthcode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 keys of the JDK (EdDSA, Java 15+) and the raw 32-byte public key of JWK ({@code "x"}, RFC 8037). */
final class Ed25519Keys {

    /** SubjectPublicKeyInfo of Ed25519 (RFC 8410) before the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Keys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** The raw public key ({@code x}) of a JDK public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** The JDK public key of a raw one; {@link IllegalArgumentException} when it is not 32 bytes of a valid key. */
    static PublicKey publicKey(byte[] x) {
        if (x == null || x.length != 32) {
            throw new IllegalArgumentException("An Ed25519 public key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(x, 0, spki, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }

    /** The SubjectPublicKeyInfo (DER) of a raw key, e.g. for a PEM file that other tools read. */
    static byte[] spki(byte[] x) {
        return publicKey(x).getEncoded();
    }

    static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key unreadable", e);
        }
    }
}
