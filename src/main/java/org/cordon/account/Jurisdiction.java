package org.cordon.account;

import java.util.Set;

/**
 * What an account may see: a node of the area tree (the code prefix of its subtree) and/or a set of
 * checkpoints. Area codes are hierarchical (city 610881 → town 610881106 → village
 * 610881106201 → group 610881106201001), so "inside the subtree" is a prefix test.
 *
 * @param areaCode        root of the visible subtree, or null
 * @param checkpointCodes checkpoints the account is posted to; never null
 */
public record Jurisdiction(String areaCode, Set<String> checkpointCodes) implements java.io.Serializable {

    public Jurisdiction {
        checkpointCodes = checkpointCodes == null ? Set.of() : Set.copyOf(checkpointCodes);
    }

    public static Jurisdiction area(String areaCode) {
        return new Jurisdiction(areaCode, Set.of());
    }

    public static Jurisdiction checkpoints(Set<String> codes) {
        return new Jurisdiction(null, codes);
    }

    /** True when the area with this code lies inside the jurisdiction's subtree. */
    public boolean coversArea(String code) {
        return scope().covers(code);
    }

    /** The area scope of this jurisdiction: the records it covers, and the SQL that filters them. */
    public AreaScope scope() {
        return AreaScope.of(this);
    }

    /** True when the checkpoint is one of the account's, or lies in its area (by the checkpoint's town). */
    public boolean coversCheckpoint(String checkpointCode, String checkpointTownCode) {
        return scope().coversCheckpoint(checkpointCode, checkpointTownCode);
    }
}
