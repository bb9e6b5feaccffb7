package org.cordon.observation;

/** A centralised observation site with its capacity and current occupancy (open centralised episodes). */
public record QuarantineSite(long id, String name, String areaCode, String address, int capacity, int occupancy, boolean active) {

    public int free() {
        return Math.max(0, capacity - occupancy);
    }
}
