package org.cordon.checkpoint;

/** Kind of vehicle; {@link #PEDESTRIAN} passages carry no plate. */
public enum VehicleType {
    CAR, BUS, TRUCK, VAN, MOTORCYCLE, PEDESTRIAN, OTHER;

    public boolean needsPlate() {
        return this != PEDESTRIAN && this != OTHER;
    }
}
