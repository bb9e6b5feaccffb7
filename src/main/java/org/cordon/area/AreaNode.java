package org.cordon.area;

import java.util.List;

/**
 * A node of the area tree as shown on the grid page and in the tree API: the node's own figures,
 * the figures of its subtree and the temporary-branch flag.
 *
 * <p>The subtree totals never count a household twice: a child contributes its own figure when it
 * has one, and the total of its own subtree only when it has none (a village with 143 households
 * counts 143, not 143 plus the households of its villager groups).
 *
 * @param households           the node's own figure; null where not recorded
 * @param residents            the node's own figure; null where not recorded
 * @param totalHouseholds      sum over the subtree as described above; null for a node without children or
 *                             when no node below records the figure
 * @param totalResidents       as {@code totalHouseholds}, for residents
 * @param childCount           number of direct children
 * @param needsTemporaryBranch true for a compound at or above the thresholds of {@link AreaSettings}
 * @param children             the children when they were loaded (tree API); null otherwise
 */
public record AreaNode(String code, String name, AreaKind kind, String parentCode, Integer households, Integer residents,
                       boolean sample, Long totalHouseholds, Long totalResidents, int childCount,
                       boolean needsTemporaryBranch, List<AreaNode> children) {

    /** The stored node without the figures of its subtree. */
    public Area area() {
        return new Area(code, name, kind, parentCode, households, residents, sample);
    }

    /** True when the node has children (the page offers to expand it). */
    public boolean hasChildren() {
        return childCount > 0;
    }

    /** The node's own figure, or its subtree total when it records none (what it adds to its parent). */
    public Long effectiveHouseholds() {
        return households != null ? Long.valueOf(households) : totalHouseholds;
    }

    /** The node's own figure, or its subtree total when it records none (what it adds to its parent). */
    public Long effectiveResidents() {
        return residents != null ? Long.valueOf(residents) : totalResidents;
    }

    AreaNode withChildren(List<AreaNode> list) {
        return new AreaNode(code, name, kind, parentCode, households, residents, sample, totalHouseholds, totalResidents,
                childCount, needsTemporaryBranch, list);
    }
}
