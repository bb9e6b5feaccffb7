package org.cordon.command;

/**
 * Today's figures over the caller's visible assignments of directives that are not cancelled.
 *
 * @param open      not done
 * @param overdue   not done, deadline passed
 * @param dueToday  not done, deadline later today (city time zone)
 * @param doneToday marked done today
 */
record CommandFigures(long open, long overdue, long dueToday, long doneToday) {
}
