package org.cordon.checkpoint;

import org.cordon.account.PersonalValue;

import java.math.BigDecimal;
import java.time.Instant;

/** An open or acknowledged fever referral or risk arrival on the alert board (masked name). */
public record Alert(long id, Kind kind, long passageId, String checkpointCode, String checkpointName, PersonalValue maskedName,
                    BigDecimal temperature, String originName, String destinationName, String plateNumber,
                    Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy) {

    public enum Kind { FEVER_REFERRAL, RISK_ARRIVAL }
}
