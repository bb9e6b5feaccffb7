package org.cordon.checkpoint;

import org.cordon.account.PersonalValue;

import java.util.List;

/**
 * A person seen before at a checkpoint: masked name and phone from the latest record, and the
 * earlier passages the caller may see.
 */
public record KnownPerson(boolean known, PersonalValue maskedName, PersonalValue maskedPhone, List<Earlier> passages) {

    /** An earlier passage of the person. */
    public record Earlier(long passageId, String checkpointName, java.time.Instant recordedAt, Direction direction,
                          java.math.BigDecimal temperature, Disposition disposition) {
    }

    static KnownPerson unknown() {
        return new KnownPerson(false, null, null, List.of());
    }
}
