package org.cordon.supplies;

import java.time.Instant;
import java.util.List;

/** A supply request with its lines and dispatches. */
public record SupplyRequestView(long id, PostType postType, String postRef, String postName, String note, RequestStatus status,
                                Instant requestedAt, String requestedBy, Instant decidedAt, String decidedBy,
                                String rejectReason, List<RequestLineView> lines, List<DispatchView> dispatches) {
}
