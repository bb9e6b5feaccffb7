package org.cordon.mobilization;

import java.time.Instant;
import java.time.LocalDate;

/** A pledge (请战书) of a Party member to serve on the front line, and the post assigned. */
public record Pledge(long id, long memberId, String memberName, String branchName, LocalDate signedOn, String statement,
                     PledgeStatus status, String assignedPost, String assignedBy, Instant assignedAt) {
}
