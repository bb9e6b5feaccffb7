package org.cordon.checkpoint;

/** A road checkpoint. {@code townCode} is the area-tree code of its town. */
public record Checkpoint(String code, String name, String townCode, String townName, String road, CheckpointKind kind,
                         boolean active, boolean sample) {
}
