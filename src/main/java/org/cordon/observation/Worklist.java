package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

/**
 * A grid worker's or medic's day: checks due in the current slot, missed checks, open referrals,
 * episodes ending today, and every open episode; {@code people} is every open episode once, with the reasons it is on
 * today's list (the page's one list).
 */
public record Worklist(LocalDate date, CheckSlot currentSlot, List<EpisodeView> dueNow, List<EpisodeView> missed,
                       List<ReferralView> openReferrals, List<EpisodeView> endingToday, List<EpisodeView> open,
                       List<WorkItem> people) {
}
