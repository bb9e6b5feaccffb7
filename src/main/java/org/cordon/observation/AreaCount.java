package org.cordon.observation;

/** Observation figures of one area (a child of the viewer's area) on a day. */
public record AreaCount(String areaCode, String areaName, long underObservation, long startedToday, long missedToday,
                        long openReferrals, long endingToday, long releasedToday) {
}
