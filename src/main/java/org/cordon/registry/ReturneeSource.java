package org.cordon.registry;

/** How a returnee came to be registered. */
public enum ReturneeSource { CHECKPOINT, DOOR_TO_DOOR, SELF_REPORT, IMPORTED }
