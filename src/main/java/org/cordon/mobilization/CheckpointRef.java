package org.cordon.mobilization;

/** A checkpoint as the rosters need it: code, name and the area-tree code of its town. */
public record CheckpointRef(String code, String name, String townCode) {
}
