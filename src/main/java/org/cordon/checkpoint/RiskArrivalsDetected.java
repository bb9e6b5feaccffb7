package org.cordon.checkpoint;

import java.util.List;

/**
 * The occupants of one passage entering the city from a risk area (or after case contact), who must be put under
 * observation in the destination area: published once per passage that has any, so that the registry hands them over
 * in one reaction (one transaction, one {@code ReturneesRegistered}) instead of one per occupant. Each entry is what a
 * {@link RiskArrivalDetected} says; personal data is read with {@link ScreenedOccupants#details(long)}. Never empty.
 */
public record RiskArrivalsDetected(long passageId, List<RiskArrivalDetected> arrivals) {

    public RiskArrivalsDetected {
        arrivals = List.copyOf(arrivals);
        if (arrivals.isEmpty()) {
            throw new IllegalArgumentException("a passage's risk arrivals are never empty");
        }
    }
}
