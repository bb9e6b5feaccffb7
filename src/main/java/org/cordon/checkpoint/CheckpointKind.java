package org.cordon.checkpoint;

/** Where a checkpoint stands. */
public enum CheckpointKind { PROVINCE_BORDER, CITY_BORDER, HIGHWAY_EXIT, TOWN_ENTRANCE }
