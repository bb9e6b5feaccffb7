package org.cordon.account;

import java.util.List;
import java.util.Set;

/**
 * Which records a caller may see by area, and the one place that writes the SQL for it.
 *
 * <p>Area codes are hierarchical (city 610881 → town 610881106 → village 610881106201 → group
 * 610881106201001), so "inside the subtree" is a prefix test: {@link #covers(String)} in Java and
 * {@link #condition(String)} / {@link #condition(String, String)} with {@link #pattern()} in SQL. The
 * prefix is always escaped ({@code \}, {@code %} and {@code _} are literal) and the condition names
 * its escape character, so a code can never widen the match.
 *
 * <p>A scope without an area (a checkpoint-only account, or {@link #none()}) covers no area: its
 * condition still takes its parameter (so positional parameters stay in place) but is always false.
 * The checkpoints an account is posted to travel with the scope ({@link #checkpointCodes()}); queries
 * that also admit records of those checkpoints combine them with the area condition themselves.
 *
 * <p>Make it from the signed-in user ({@link #of(CordonUser)}) or, for trusted internal use (an area
 * the code has already checked, a report of a given node, the area tree itself), from an area code
 * ({@link #subtree(String)}).
 */
public final class AreaScope {

    /** The escape character the conditions declare (a single backslash in SQL). */
    private static final String ESCAPE = " escape '\\'";

    private static final AreaScope NONE = new AreaScope(null, Set.of());

    private final String areaCode;
    private final Set<String> checkpointCodes;

    private AreaScope(String areaCode, Set<String> checkpointCodes) {
        this.areaCode = areaCode;
        this.checkpointCodes = checkpointCodes == null ? Set.of() : Set.copyOf(checkpointCodes);
    }

    /** The records the user's jurisdiction covers (its area subtree and its checkpoints). */
    public static AreaScope of(CordonUser user) {
        return user == null ? NONE : of(user.jurisdiction());
    }

    /** The records the jurisdiction covers (its area subtree and its checkpoints). */
    public static AreaScope of(Jurisdiction jurisdiction) {
        return jurisdiction == null ? NONE : new AreaScope(jurisdiction.areaCode(), jurisdiction.checkpointCodes());
    }

    /**
     * Trusted internal use: the subtree rooted at this code (the code and every code below it);
     * {@code null} covers nothing, the empty string covers every code.
     */
    public static AreaScope subtree(String areaCode) {
        return areaCode == null ? NONE : new AreaScope(areaCode, Set.of());
    }

    /** Covers no area and no checkpoint. */
    public static AreaScope none() {
        return NONE;
    }

    /** Root of the visible subtree, or null when the scope covers no area. */
    public String areaCode() {
        return areaCode;
    }

    /** True when the scope covers an area subtree (it may still cover checkpoints when false). */
    public boolean hasArea() {
        return areaCode != null;
    }

    /** Checkpoints the scope covers by assignment (besides those lying in its area); never null. */
    public Set<String> checkpointCodes() {
        return checkpointCodes;
    }

    /**
     * The checkpoint codes as a parameter for {@code in (:codes)}: a list that matches no checkpoint
     * when there are none (an empty list is not valid SQL there).
     */
    public List<String> checkpointCodesParam() {
        return checkpointCodes.isEmpty() ? List.of("") : List.copyOf(checkpointCodes);
    }

    /** True when the area with this code lies inside the scope's subtree. */
    public boolean covers(String code) {
        return areaCode != null && code != null && code.startsWith(areaCode);
    }

    /** True when the checkpoint is one of the scope's, or lies in its area (by the checkpoint's town). */
    public boolean coversCheckpoint(String checkpointCode, String checkpointTownCode) {
        return checkpointCodes.contains(checkpointCode) || covers(checkpointTownCode);
    }

    /**
     * SQL condition, with one positional parameter bound to {@link #pattern()}, that holds when the
     * column's code lies in the subtree: {@code column like ? escape '\'}.
     */
    public String condition(String column) {
        return wrap(column + " like ?" + ESCAPE);
    }

    /**
     * SQL condition with the named parameter {@code :parameter} bound to {@link #pattern()}:
     * {@code column like :parameter escape '\'}.
     */
    public String condition(String column, String parameter) {
        return wrap(column + " like :" + parameter + ESCAPE);
    }

    /** The value to bind to the condition's parameter: the escaped prefix followed by {@code %}. */
    public String pattern() {
        return areaCode == null ? "" : subtreePattern(areaCode);
    }

    private String wrap(String condition) {
        return areaCode == null ? "(" + condition + " and false)" : condition;
    }

    /**
     * The escaped {@code LIKE} pattern of the subtree rooted at the code (the code and every code below
     * it), for conditions written with {@link #condition}; same as {@code subtree(code).pattern()}.
     */
    public static String subtreePattern(String code) {
        return escape(code) + "%";
    }

    /**
     * SQL condition, with one positional parameter bound to an area code, that holds when the code
     * lies in the subtree rooted at the column's value (the reverse test: which rows' areas contain
     * the given code, e.g. the accounts responsible for it); null columns never match.
     */
    public static String containsCondition(String column) {
        return "starts_with(?, " + column + ")";
    }

    /** The code with {@code \}, {@code %} and {@code _} escaped for {@code LIKE ... escape '\'}. */
    static String escape(String code) {
        return code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public String toString() {
        return "AreaScope[" + (areaCode == null ? "no area" : areaCode + "*") + (checkpointCodes.isEmpty() ? "" : ", checkpoints " + checkpointCodes) + "]";
    }
}
