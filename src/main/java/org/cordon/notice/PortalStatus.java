package org.cordon.notice;

import java.time.Instant;
import java.util.List;

/**
 * What the public portal shows: current notices (in effect or announced) and what they close.
 *
 * @param at                the moment the status was computed
 * @param notices           published notices in effect now or starting later, newest first
 * @param closedVenues      venues closed now
 * @param cancelledEvents   events cancelled now
 * @param suspendedServices transport services suspended now
 * @param hotlines          hotlines
 */
public record PortalStatus(Instant at, List<PublicNotice> notices, List<Place> closedVenues, List<Place> cancelledEvents,
                           List<Place> suspendedServices, List<Hotline> hotlines) {
}
