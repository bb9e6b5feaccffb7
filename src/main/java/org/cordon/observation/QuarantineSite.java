package org.cordon.observation;

import org.cordon.shared.ValidationFailedException;

/**
 * A designated site with its capacity and current occupancy: open centralised episodes placed there and open
 * isolations. A site serves one {@link SitePurpose}.
 */
public record QuarantineSite(long id, String name, String areaCode, String address, int capacity, int occupancy, boolean active,
                             SitePurpose purpose) {

    public int free() {
        return Math.max(0, capacity - occupancy);
    }

    /** True when the site takes nobody more (inactive or every bed taken). */
    public boolean full() {
        return !active || occupancy >= capacity;
    }

    /**
     * A placement needs an active site of the purpose with a free bed: a site of the other purpose is refused
     * ({@code validation.site.wrongPurpose}), a full or closed one too ({@code validation.site.full}).
     */
    void requireRoom(SitePurpose needed) {
        if (purpose != needed) {
            throw new ValidationFailedException("siteId", "validation.site.wrongPurpose." + needed, name);
        }
        if (full()) {
            throw new ValidationFailedException("siteId", "validation.site.full", name);
        }
    }
}
