package org.cordon.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Remembered answers of a lookup by code (areas, divisions, grid workers) for the length of one roster import
 * or export: rows repeat the same few codes. At most {@link #MAX_MEMO} answers are kept; then they are forgotten
 * and collected again, so memory stays flat.
 */
final class RosterMemo {

    static final int MAX_MEMO = 20_000;

    private RosterMemo() {
    }

    static Predicate<String> predicate(Predicate<String> lookup) {
        Function<String, Boolean> memo = function(lookup::test);
        return memo::apply;
    }

    static <T> Function<String, T> function(Function<String, T> lookup) {
        Map<String, T> known = new HashMap<>();
        return code -> {
            if (known.size() > MAX_MEMO) {
                known.clear();
            }
            return known.computeIfAbsent(code, lookup);
        };
    }
}
