package org.cordon.observation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.cordon.shared.CordonSettings;
import org.springframework.stereotype.Component;

/** The city's day and the twice-daily check slots with their deadlines (city time). */
@Component
class ObservationCalendar {

    private final ObservationSettings observation;
    private final CordonSettings settings;
    private final Clock clock;

    ObservationCalendar(ObservationSettings observation, CordonSettings settings, Clock clock) {
        this.observation = observation;
        this.settings = settings;
        this.clock = clock;
    }

    LocalDate today() {
        return settings.today(clock);
    }

    /** Now in the city's time zone. */
    ZonedDateTime now() {
        return clock.instant().atZone(settings.timeZone());
    }

    /** The slot whose check is due now: morning until the morning deadline, then evening. */
    CheckSlot currentSlot() {
        return now().toLocalTime().isBefore(observation.morningDeadline()) ? CheckSlot.MORNING : CheckSlot.EVENING;
    }

    /** When the check of a slot on a day is missed. */
    ZonedDateTime deadline(LocalDate day, CheckSlot slot) {
        LocalTime time = slot == CheckSlot.MORNING ? observation.morningDeadline() : observation.eveningDeadline();
        return day.atTime(time).atZone(settings.timeZone());
    }

    /** The morning slot's deadline (city time): the morning's check is due until then. */
    LocalTime morningDeadline() {
        return observation.morningDeadline();
    }

    /** Length of an observation period in days. */
    int days() {
        return observation.days();
    }

    /** The city's time zone. */
    java.time.ZoneId zone() {
        return settings.timeZone();
    }

    /** The city's time zone (for counting per day). */
    String timeZone() {
        return settings.timeZone().getId();
    }
}
