package org.cordon.observation;

import java.util.List;

/**
 * Observation periods began together: the home observations started for one chunk of registered returnees (a roster
 * import's {@link org.cordon.registry.ReturneesRegistered}), published once instead of one {@link ObservationStarted}
 * per episode. Listeners treat each entry as they treat an {@link ObservationStarted}. Never empty.
 */
public record ObservationsStarted(List<ObservationStarted> started) {

    public ObservationsStarted {
        started = List.copyOf(started);
        if (started.isEmpty()) {
            throw new IllegalArgumentException("a chunk of started observations is never empty");
        }
    }
}
