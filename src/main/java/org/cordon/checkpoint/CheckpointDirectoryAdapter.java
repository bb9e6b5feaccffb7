package org.cordon.checkpoint;

import org.cordon.account.CheckpointDirectory;
import org.springframework.stereotype.Component;

/** The checkpoints as the account module needs them (posting officers). */
@Component
class CheckpointDirectoryAdapter implements CheckpointDirectory {

    private final CheckpointRepository checkpoints;

    CheckpointDirectoryAdapter(CheckpointRepository checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public boolean exists(String code) {
        return checkpoints.findByCode(code).isPresent();
    }

    @Override
    public java.util.Map<String, String> names() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        checkpoints.findAll().stream().sorted(java.util.Comparator.comparing(Checkpoint::code))
                .forEach(c -> names.put(c.code(), c.name()));
        return names;
    }
}
