package org.cordon.mobilization;

import java.time.LocalDate;
import java.util.List;

/**
 * The gaps of the duty rosters in a date range: under-crewed shifts, and checkpoint days whose shifts were
 * not generated yet (nobody is on duty there).
 */
public record DutyGaps(LocalDate from, LocalDate to, List<Shift> understaffed, List<MissingRoster> notGenerated) {

    /** A checkpoint day without (all of) its shifts. */
    public record MissingRoster(String checkpointCode, String checkpointName, LocalDate date) {
    }
}
