package org.cordon.checkpoint;

import java.time.LocalDate;

/**
 * A risk area: every origin whose division code starts with {@code codePrefix} counts as a risk
 * origin on the days from {@code validFrom} to {@code validTo} (inclusive; null = open-ended).
 */
record RiskArea(long id, String codePrefix, String name, LocalDate validFrom, LocalDate validTo) {

    public boolean covers(String divisionCode, LocalDate day) {
        return divisionCode != null && divisionCode.startsWith(codePrefix)
                && !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
