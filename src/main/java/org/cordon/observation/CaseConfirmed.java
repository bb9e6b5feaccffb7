package org.cordon.observation;

import java.time.LocalDate;

/** A person was confirmed a case (确诊病例); its contact tracing begins. */
public record CaseConfirmed(long caseId, long personId, String areaCode, LocalDate confirmedOn) {
}
