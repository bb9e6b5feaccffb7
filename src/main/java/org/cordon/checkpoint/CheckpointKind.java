package org.cordon.checkpoint;

/** Where a checkpoint stands. */
enum CheckpointKind { PROVINCE_BORDER, CITY_BORDER, HIGHWAY_EXIT, TOWN_ENTRANCE }
