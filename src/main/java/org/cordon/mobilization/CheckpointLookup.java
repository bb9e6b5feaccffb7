package org.cordon.mobilization;

import java.util.List;
import java.util.Optional;

import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.springframework.stereotype.Component;

/** The checkpoints as branches and rosters need them, from the checkpoint module's API (never its table). */
@Component
class CheckpointLookup {

    private final CheckpointManagement checkpoints;
    /** Checkpoints are reference data written only by migrations: read once, on first use. */
    private volatile List<Checkpoint> all;

    CheckpointLookup(CheckpointManagement checkpoints) {
        this.checkpoints = checkpoints;
    }

    private List<Checkpoint> all() {
        List<Checkpoint> loaded = all;
        if (loaded == null) {
            loaded = List.copyOf(checkpoints.allCheckpoints());
            all = loaded;
        }
        return loaded;
    }

    /** Every active checkpoint, by code. */
    List<CheckpointRef> active() {
        return all().stream().filter(Checkpoint::active)
                .map(c -> new CheckpointRef(c.code(), c.name(), c.townCode())).toList();
    }

    Optional<CheckpointRef> find(String code) {
        return active().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The active checkpoints in the manager's area. */
    List<CheckpointRef> managed(MobilizationScope scope) {
        return active().stream().filter(c -> scope.covers(c.townCode())).toList();
    }

    /** The town of an active checkpoint, or null. */
    String townOf(String code) {
        return find(code).map(CheckpointRef::townCode).orElse(null);
    }

    /** The name of a checkpoint, active or not; null for null or an unknown code. */
    String name(String code) {
        return code == null ? null : names().get(code);
    }

    /** The names of all checkpoints, active or not, by code (one call for a whole list). */
    java.util.Map<String, String> names() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        all().forEach(c -> names.put(c.code(), c.name()));
        return names;
    }
}
