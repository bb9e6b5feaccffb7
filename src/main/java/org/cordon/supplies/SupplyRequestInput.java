package org.cordon.supplies;

import java.util.List;

/**
 * A post's request for items. CHECKPOINT: {@code postRef} is the checkpoint code (name taken from it);
 * COMPOUND/HOSPITAL/OTHER: {@code postRef} is an area code inside the requester's jurisdiction and {@code postName}
 * names the compound, hospital or post (defaults to the area's name).
 */
public record SupplyRequestInput(PostType postType, String postRef, String postName, String note, List<QuantityLine> lines) {
}
