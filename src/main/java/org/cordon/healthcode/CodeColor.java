package org.cordon.healthcode;

import java.util.Locale;

/** The colour of a health code, from the least to the most restrictive. */
public enum CodeColor {
    GREEN, YELLOW, RED;

    /** The value in the signed code ({@code "green"}). */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour of a claim value; null when it is none. */
    public static CodeColor ofClaim(Object claim) {
        if (claim instanceof String s) {
            for (CodeColor c : values()) {
                if (c.claim().equals(s)) {
                    return c;
                }
            }
        }
        return null;
    }

    CodeColor worse(CodeColor other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
