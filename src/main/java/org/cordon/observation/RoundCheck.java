package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of a round's checks ({@link EpisodeManagement#recordChecks}): a {@link CheckRequest} for an episode.
 *
 * @param date     null = today (city time)
 * @param slot     MORNING or EVENING; null = the current slot
 * @param clientId UUID made on the device; a row sent again with it stores nothing new and is answered "already saved"
 */
public record RoundCheck(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "17") Long episodeId, LocalDate date,
                         @Schema(allowableValues = {"MORNING", "EVENING"}) String slot,
                         @Schema(type = "number", example = "36.6") String temperature,
                         @Schema(description = "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH") List<String> symptoms,
                         String note,
                         @Schema(example = "3f2a9c1e-7b4d-4e8a-9d0c-1a2b3c4d5e6f") UUID clientId) {

    CheckRequest check() {
        return new CheckRequest(date, slot, temperature, symptoms, note, clientId);
    }
}
