package org.cordon.observation;

/**
 * One person on the work list, once, with the reasons they are on it today.
 *
 * @param dueNow      the current slot's check is not recorded yet (and the period covers today)
 * @param missed      a check of yesterday or today was missed
 * @param endingToday the period ends today (or ended) and the episode is still open: release or decide
 * @param day         day of the observation period today (1 = start date)
 * @param days        length of the period in days
 * @param notified    the episode's open referral (the medics have it on their list); null when none
 */
public record WorkItem(EpisodeView episode, boolean dueNow, boolean missed, boolean endingToday, long day, long days,
                       MedicsNotified notified) {
}
