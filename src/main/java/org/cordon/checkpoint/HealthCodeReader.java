package org.cordon.checkpoint;

import java.time.Instant;

import org.cordon.shared.IdNumber;

/**
 * Reads a health code scanned at the checkpoint (implemented by the health-code module): verifies the token and, for
 * a code of this platform, answers the holder's registered identity, so that a code stands in for name, ID number and
 * phone on a passage. The officer is shown only what the code shows (colour, masked name, birth year).
 */
public interface HealthCodeReader {

    /** A scanned code that verified: its colour ({@code GREEN}, {@code YELLOW}, {@code RED}) and the holder. */
    record Holder(String codeId, String color, IdNumber idNumber, String nationality, String name, String phone) {
    }

    /**
     * The holder of a code of this platform that was valid at {@code at} (when the passage happened: a device that was
     * offline sends later what it captured) and not revoked by then.
     *
     * @throws InvalidCodeException the code is malformed, tampered, expired, revoked, of an unknown issuer, or of
     *                              another issuer (whose holders are not registered here)
     */
    Holder read(String token, Instant at);

    /**
     * This platform's issuer name ({@code iss} of its codes), for the passage form's offline verification in the
     * browser; null when it has none.
     */
    default String issuer() {
        return null;
    }

    /** Why a scanned code was refused: {@code problem} is a stable code (e.g. {@code EXPIRED}) with a message key. */
    final class InvalidCodeException extends RuntimeException {

        private final String problem;

        public InvalidCodeException(String problem) {
            super("Health code refused: " + problem);
            this.problem = problem;
        }

        public String problem() {
            return problem;
        }
    }
}
