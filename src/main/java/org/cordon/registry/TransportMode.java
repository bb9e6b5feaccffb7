package org.cordon.registry;

/** How a returnee travelled. */
public enum TransportMode { SELF_DRIVE, TRAIN, FLIGHT, BUS, OTHER }
