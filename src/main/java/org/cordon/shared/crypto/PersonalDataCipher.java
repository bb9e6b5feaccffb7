package org.cordon.shared.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts personal data at rest (ID numbers, phones) with AES-256-GCM and computes a keyed hash
 * (HMAC-SHA256) for exact look-ups, so that a copy of the database alone reveals neither. Two
 * sub-keys are derived from the configured master key, one per purpose.
 *
 * <p>Ciphertext layout: version byte (1) · 12-byte nonce · ciphertext with 16-byte tag. The field
 * name is bound as associated data, so a value cannot be moved to another column undetected.
 */
@Component
public class PersonalDataCipher {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(CryptoSettings settings) {
        byte[] master = loadMasterKey(settings);
        this.encryptionKey = new SecretKeySpec(derive(master, "cordon/aes-gcm/v1"), "AES");
        this.hashKey = new SecretKeySpec(derive(master, "cordon/hmac/v1"), "HmacSHA256");
    }

    /** Encrypts a non-null value for the given field; each call uses a fresh nonce. */
    public byte[] encrypt(String field, String plaintext) {
        return encrypt(field, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Encrypts bytes (e.g. a chunk of a file of personal data), bound to {@code field} (associated data: a chunk
     * cannot be moved to another file or place undetected); the same layout as {@link #encrypt(String, String)}.
     */
    public byte[] encrypt(String field, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}; null in, null out. Fails on tampering. */
    public String decrypt(String field, byte[] data) {
        return data == null ? null : new String(decryptBytes(field, data), StandardCharsets.UTF_8);
    }

    /** Decrypts bytes written by {@link #encrypt(String, byte[])} for the same field. Fails on tampering. */
    public byte[] decryptBytes(String field, byte[] data) {
        try {
            if (data.length < 1 + NONCE_BYTES || data[0] != VERSION) {
                throw new IllegalStateException("Not a ciphertext of version " + VERSION);
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, data, 1, NONCE_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or tampered data", e);
        }
    }

    /** Keyed hash of a normalised value for exact look-ups; deterministic for one key. */
    public byte[] hash(String field, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            mac.update(field.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Hashing failed", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] loadMasterKey(CryptoSettings settings) {
        if (StringUtils.hasText(settings.key())) {
            return decodeKey(settings.key(), "cordon.crypto.key");
        }
        Path file = settings.keyFile();
        if (file == null) {
            throw new IllegalStateException("""
                    No key for personal data at rest. Set CORDON_CRYPTO_KEY to the base64 of 32 random bytes \
                    (e.g. `openssl rand -base64 32`) or cordon.crypto.key-file to a file holding it.""");
        }
        try {
            if (Files.notExists(file)) {
                if (!settings.createKeyFile()) {
                    throw new IllegalStateException("Key file " + file.toAbsolutePath() + " does not exist");
                }
                byte[] key = new byte[32];
                random.nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX file system
                }
                log.warn("Created a new key for personal data at {}; keep it with the database backups", file.toAbsolutePath());
                return key;
            }
            return decodeKey(Files.readString(file).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException(source + " must hold at least 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
