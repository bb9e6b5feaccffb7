package org.cordon.observation;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One twice-daily check.
 *
 * @param date null = today (city time)
 * @param slot MORNING or EVENING; null = the current slot
 */
public record CheckRequest(LocalDate date,
                           @Schema(allowableValues = {"MORNING", "EVENING"}) String slot,
                           @Schema(type = "number", example = "36.6") String temperature,
                           @Schema(description = "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH") List<String> symptoms,
                           String note) {
}
