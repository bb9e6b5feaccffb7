package org.cordon.registry;

import java.time.LocalDate;

/**
 * What counts as the same arrival: the same person with arrival dates at most {@link #DAYS} days apart, whatever
 * the source of either record (checkpoint, door to door, self-report, roster). A checkpoint crossing near midnight,
 * a returnee who remembers the day before or after, a roster that lists the day of departure: one arrival. A person
 * who crosses a checkpoint again three days or more later has arrived again (a new record, a new observation).
 * The database keeps it (constraint {@code returnee_one_record_per_arrival}: the ranges
 * {@code [arrived_on, arrived_on + DAYS + 1)} of a person's live records never overlap).
 */
final class SameArrival {

    /** The most days two arrival dates of the same arrival lie apart. */
    static final int DAYS = 2;

    private SameArrival() {
    }

    /** True when the two dates are the same arrival (of the same person). */
    static boolean same(LocalDate a, LocalDate b) {
        return Math.abs(a.toEpochDay() - b.toEpochDay()) <= DAYS;
    }
}
