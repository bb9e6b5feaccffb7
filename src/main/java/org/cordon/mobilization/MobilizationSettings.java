package org.cordon.mobilization;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the mobilisation module ({@code cordon.mobilization.*}).
 *
 * @param shiftsPerDay number of duty shifts per checkpoint and day; must divide the day into whole minutes
 *                     (default 3: 00:00–08:00, 08:00–16:00, 16:00–24:00)
 * @param dayStartsAt  start of the first shift of a duty day (default 00:00)
 * @param requiredCrew people a new shift needs on duty (default 2); fewer is flagged as under-crewed
 * @param gapDays      days ahead (today included) the overview checks for under-crewed shifts (default 3)
 */
@ConfigurationProperties("cordon.mobilization")
public record MobilizationSettings(@DefaultValue("3") int shiftsPerDay,
                                   @DefaultValue("00:00") LocalTime dayStartsAt,
                                   @DefaultValue("2") int requiredCrew,
                                   @DefaultValue("3") int gapDays) {

    public MobilizationSettings {
        if (shiftsPerDay < 1 || shiftsPerDay > 24 || (24 * 60) % shiftsPerDay != 0) {
            throw new IllegalArgumentException("cordon.mobilization.shifts-per-day must divide 24 hours (1–24), was " + shiftsPerDay);
        }
        if (requiredCrew < 1 || requiredCrew > 20) {
            throw new IllegalArgumentException("cordon.mobilization.required-crew must be 1–20, was " + requiredCrew);
        }
        if (gapDays < 1 || gapDays > 31) {
            throw new IllegalArgumentException("cordon.mobilization.gap-days must be 1–31, was " + gapDays);
        }
    }

    /** One configured shift of a duty day: index from 0, start, and length in minutes. */
    public record Slot(int index, LocalTime start, int minutes) {
        /** Local end time (00:00 for a shift ending at midnight). */
        public LocalTime end() {
            return start.plusMinutes(minutes);
        }
    }

    /** The shifts of one duty day in order, covering 24 hours from {@link #dayStartsAt()}. */
    public List<Slot> slots() {
        int minutes = 24 * 60 / shiftsPerDay;
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < shiftsPerDay; i++) {
            slots.add(new Slot(i, dayStartsAt.plusMinutes((long) i * minutes), minutes));
        }
        return slots;
    }
}
