package org.cordon.mobilization;

/** How {@link DutyRosterManagement#assignMany} puts several chosen members on several chosen shifts. */
public enum AssignMode {
    /** Every chosen member on every chosen shift (a clash with an overlapping shift refuses the whole request). */
    EACH,
    /**
     * The chosen members shared out over the chosen shifts in turn (by start, then checkpoint), each member at most once,
     * each shift until it has the people it needs; members on an overlapping shift are passed over.
     */
    FILL
}
