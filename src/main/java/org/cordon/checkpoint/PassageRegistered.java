package org.cordon.checkpoint;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A passage was registered at a checkpoint (published once per passage, never on a retry), with the number of its
 * occupants referred to the fever clinic and sent to home observation (each also published on its own, as
 * {@link FeverReferralRequired} and {@link RiskArrivalDetected}, for the modules that act on a person; the counts let
 * the statistics take the whole passage in one reaction). The two counts are null in publications stored before they
 * were added (issue 17): {@link #feverReferralCount()} and {@link #riskArrivalCount()} read them as 0.
 */
public record PassageRegistered(long passageId, String checkpointCode, String townCode, Direction direction,
                                Instant recordedAt, LocalDate recordedOn, int occupants, boolean vehicle,
                                boolean disinfected, String destinationAreaCode, Integer feverReferrals, Integer riskArrivals) {

    public int feverReferralCount() {
        return feverReferrals == null ? 0 : feverReferrals;
    }

    public int riskArrivalCount() {
        return riskArrivals == null ? 0 : riskArrivals;
    }
}
