package org.cordon.healthcode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.cordon.account.PersonalValue;

/**
 * A code as issued: the colour, the signed token (for the QR code), its validity and, for staff only, the reasons.
 *
 * @param holderName  the masked name (as in the code)
 * @param colourSince when the person's code took this colour (the code id's start)
 * @param refresh     how often a page showing it should fetch a fresh one while online
 */
public record IssuedCode(CodeColor color, String token, Instant issuedAt, Instant validUntil, Instant colourSince,
                         List<CodeReason> reasons, PersonalValue holderName, Integer birthYear, boolean card, Duration refresh) {

    public IssuedCode {
        reasons = List.copyOf(reasons);
    }
}
