package org.cordon.notice;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A venue, public event or transport service with its status derived from the notices in effect.
 *
 * @param kind     {@link VenueKind} or {@link ServiceKind} name; null for events
 * @param areaCode venues: the area-tree node it lies in, may be null
 * @param address  venues: address; events: place
 * @param startsOn events only
 * @param endsOn   events only
 * @param sample   invented sample data (marked 〔示例〕)
 * @param closure  the earliest published notice in effect that targets it; null when open
 */
public record Place(TargetType type, long id, String kind, String name, String areaCode, String areaName, String address,
                    LocalDate startsOn, LocalDate endsOn, boolean sample, Closure closure) {

    /**
     * Why a place is closed, cancelled or suspended.
     *
     * @param noticeId the earliest notice in effect
     * @param since    start of that notice
     * @param until    when the last of the notices in effect ends; null when one of them has no end
     * @param notices  how many notices in effect target the place
     */
    public record Closure(long noticeId, int year, int number, Instant since, Instant until, int notices) {
    }

    /** True while a notice in effect closes, cancels or suspends it. */
    public boolean closed() {
        return closure != null;
    }
}
