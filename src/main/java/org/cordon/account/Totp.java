package org.cordon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

/**
 * RFC 6238 time-based one-time passwords as every authenticator app reads them (SHA-1, 6 digits, 30 s),
 * through the {@code dev.samstevens.totp} library: secrets, the {@code otpauth://} QR code, and checking a
 * code against the steps before, at and after now (clocks of phones drift), telling which step matched so
 * that a code is taken once only.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    private static final Pattern CODE = Pattern.compile("\\d{" + DIGITS + "}");

    private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    /** 32 base32 characters: 160 bits, the key length RFC 4226 recommends for SHA-1. */
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

    String newSecret() {
        return secrets.generate();
    }

    static long step(Instant now) {
        return now.getEpochSecond() / PERIOD_SECONDS;
    }

    /** True for six digits (spaces removed by the caller); anything else is a recovery code or a typo. */
    static boolean looksLikeCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** The code of one step (for tests and the enrolment check). */
    String code(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("TOTP code generation failed", e);
        }
    }

    /** The step (now − 1, now or now + 1) whose code {@code code} is, compared in constant time; empty when none. */
    OptionalLong matchingStep(String secret, String code, Instant now) {
        if (!looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long matched = -1;
        for (long s = current - 1; s <= current + 1; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                matched = s;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The {@code otpauth://totp/…} address an authenticator app takes. */
    static QrData qrData(String secret, String issuer, String account) {
        return new QrData.Builder().label(account).secret(secret).issuer(issuer).algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS).period(PERIOD_SECONDS).build();
    }

    /** The QR code of that address as a {@code data:image/png} URI (the page's CSP allows data: images). */
    static String qrDataUri(QrData data) {
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            generator.setImageSize(240);
            return Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }
}
