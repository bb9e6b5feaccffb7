package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One twice-daily check.
 *
 * @param date     null = today (city time)
 * @param slot     MORNING or EVENING; null = the current slot
 * @param clientId UUID made on the device; a repeated request with the same id stores nothing new and is answered
 *                 with the check stored the first time (observation checks; an isolation ward's checks do not use it)
 */
public record CheckRequest(LocalDate date,
                           @Schema(allowableValues = {"MORNING", "EVENING"}) String slot,
                           @Schema(type = "number", example = "36.6") String temperature,
                           @Schema(description = "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH") List<String> symptoms,
                           String note,
                           @Schema(description = "UUID made on the device; makes the POST idempotent",
                                   example = "3f2a9c1e-7b4d-4e8a-9d0c-1a2b3c4d5e6f") UUID clientId) {

    /** A check without a device's id (entered on a page without the offline queue, the demo data). */
    public CheckRequest(LocalDate date, String slot, String temperature, List<String> symptoms, String note) {
        this(date, slot, temperature, symptoms, note, null);
    }
}
