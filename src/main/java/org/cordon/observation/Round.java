package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

/**
 * The current slot's round in the user's area: every open episode whose period covers the day, with the slot's check
 * if it was recorded already ({@code done}) — the rows still to do first.
 *
 * @param morningUntil the morning slot's deadline (city time; the evening's after it)
 * @param zone         the city's time zone (the day and the slot of a round kept on a phone are the city's)
 */
public record Round(LocalDate date, CheckSlot slot, java.time.LocalTime morningUntil, java.time.ZoneId zone, List<Row> rows) {

    /**
     * @param done     the check of the slot, null while it is due
     * @param notified the episode's open referral; null when none
     */
    public record Row(EpisodeView episode, EpisodeView.CheckView done, long day, long days, MedicsNotified notified) {
    }

    public long dueCount() {
        return rows.stream().filter(r -> r.done() == null).count();
    }
}
