package org.cordon.checkpoint;

import java.util.List;

/** One page of a passage list, newest first. */
public record PassagePage(List<PassageView> items, int page, int size, long total) {

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
