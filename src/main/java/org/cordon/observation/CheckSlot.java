package org.cordon.observation;

/** The twice-daily checks (早晚各一次). */
public enum CheckSlot { MORNING, EVENING }
