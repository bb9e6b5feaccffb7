package org.cordon.healthcode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Code ids revoked since a cursor, for verifiers that work offline: they keep the ids and ask again with
 * {@code cursor}. Only revocations of codes that may still be valid ({@code window}) are listed.
 */
public record RevocationList(String issuer, long cursor, List<String> revoked, boolean more, Instant generatedAt, Duration window) {

    public RevocationList {
        revoked = List.copyOf(revoked);
    }
}
