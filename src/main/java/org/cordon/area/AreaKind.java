package org.cordon.area;

import java.util.EnumSet;
import java.util.Set;

/**
 * Kinds of node in the city's area tree. The kind goes with the length of the node's code: the
 * city has 6 digits, towns and street offices 9, villages, communities and enterprises 12,
 * villager groups and compounds 15.
 */
public enum AreaKind {
    CITY(6), TOWN(9), STREET(9), VILLAGE(12), COMMUNITY(12), GROUP(15), COMPOUND(15), ENTERPRISE(12);

    private final int codeLength;

    AreaKind(int codeLength) {
        this.codeLength = codeLength;
    }

    /** Number of digits of the code of a node of this kind. */
    public int codeLength() {
        return codeLength;
    }

    /** The kinds a node with a code of this length may have; empty for lengths that are not a level. */
    public static Set<AreaKind> forCodeLength(int length) {
        Set<AreaKind> kinds = EnumSet.noneOf(AreaKind.class);
        for (AreaKind k : values()) {
            if (k.codeLength == length) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /** Kinds that aggregate their subtree (city, towns and street offices) on the grid page. */
    public boolean showsSubtreeTotals() {
        return this == CITY || this == TOWN || this == STREET;
    }
}
