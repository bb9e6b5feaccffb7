package org.cordon.registry;

import java.util.List;

/**
 * Returnees were registered together: the new records of one stored chunk of a roster import, published once for the
 * chunk (in the chunk's transaction) instead of one {@link ReturneeRegistered} per record. Listeners treat each entry as
 * they treat a {@link ReturneeRegistered}, for the whole chunk in a few statements. Carries ids and what listeners need;
 * never empty.
 */
public record ReturneesRegistered(List<ReturneeRegistered> returnees) {

    public ReturneesRegistered {
        returnees = List.copyOf(returnees);
        if (returnees.isEmpty()) {
            throw new IllegalArgumentException("a chunk of registered returnees is never empty");
        }
    }
}
