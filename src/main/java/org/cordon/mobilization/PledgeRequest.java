package org.cordon.mobilization;

import java.time.LocalDate;

/** A signed pledge: the member, the date signed (not in the future) and the statement (≤ 2000 characters). */
public record PledgeRequest(Long memberId, LocalDate signedOn, String statement) {
}
