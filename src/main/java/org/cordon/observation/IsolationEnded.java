package org.cordon.observation;

import java.time.LocalDate;

/** An isolation ended: released (suspicion excluded) or confirmed (a case). */
public record IsolationEnded(long isolationId, long personId, String areaCode, IsolationStatus status, LocalDate endedOn) {
}
