package org.cordon.notice;

import java.time.LocalDate;

/**
 * A venue, public event or transport service to add or change.
 *
 * @param kind     venues: a {@link VenueKind}; services: a {@link ServiceKind}; ignored for events
 * @param areaCode venues: area-tree code, optional
 * @param address  venues: address; events: place; ignored for services
 * @param startsOn events only, optional
 * @param endsOn   events only, optional, not before {@code startsOn}
 */
public record PlaceRequest(String kind, String name, String areaCode, String address, LocalDate startsOn, LocalDate endsOn) {
}
