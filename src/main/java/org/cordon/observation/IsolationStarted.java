package org.cordon.observation;

import java.time.LocalDate;

/** A suspected case was isolated at a designated site. */
public record IsolationStarted(long isolationId, long personId, String areaCode, long siteId, LocalDate startedOn) {
}
