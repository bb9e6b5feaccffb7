package org.cordon.mobilization;

/** A Party member signed a pledge (请战书) to serve on the front line. Ids only. */
record PledgeSigned(long pledgeId, long memberId) {
}
