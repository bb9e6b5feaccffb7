package org.cordon.registry;

import java.time.LocalDate;

/** A registered arrival of a person in the city: where from (division code) and when. */
public record Arrival(String originCode, LocalDate arrivedOn) {
}
