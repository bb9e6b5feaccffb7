package org.cordon.observation;

import org.cordon.shared.ValidationFailedException;

/** A centralised observation site with its capacity and current occupancy (open centralised episodes). */
public record QuarantineSite(long id, String name, String areaCode, String address, int capacity, int occupancy, boolean active) {

    public int free() {
        return Math.max(0, capacity - occupancy);
    }

    /** A centralised placement needs an active site with a free bed. */
    void requireRoom() {
        if (!active || occupancy >= capacity) {
            throw new ValidationFailedException("siteId", "validation.site.full", name);
        }
    }
}
