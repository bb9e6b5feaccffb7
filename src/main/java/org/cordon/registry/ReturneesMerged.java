package org.cordon.registry;

import java.util.List;

/**
 * Duplicate returnee records of the same person and arrival were merged into one ({@link SameArrival}; one event
 * per batch): each merged record stays as a tombstone that points to the kept one, and whatever another module keeps
 * about a merged record (e.g. an observation episode) now belongs to the kept record. Carries ids only.
 */
public record ReturneesMerged(List<Merge> merges) {

    /** One duplicate: the record kept, the one merged into it, and their person. */
    public record Merge(long keptReturneeId, long mergedReturneeId, long personId) {
    }
}
