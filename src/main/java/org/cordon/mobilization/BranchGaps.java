package org.cordon.mobilization;

import java.util.List;

/**
 * Where a temporary Party branch is missing: compounds that need one (≥ 300 households or ≥ 1,000 residents)
 * and active checkpoints without a checkpoint branch.
 */
public record BranchGaps(List<Compound> compoundsWithoutBranch, List<CheckpointRef> checkpointsWithoutBranch) {

    /** A compound needing a temporary branch. */
    public record Compound(String code, String name, Integer households, Integer residents) {
    }
}
