package org.cordon.checkpoint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A passage as sent by a device or the registration page. Values are strings where a wrong value
 * must produce a per-field message rather than an unreadable request.
 *
 * @param clientId    UUID made on the device; a repeated request with the same id stores nothing new
 * @param recordedAt  when the passage happened (devices that were offline send the original time);
 *                    null = now
 */
public record PassageRequest(
        @Schema(description = "UUID made on the device; makes the POST idempotent", example = "3f2a9c1e-7b4d-4e8a-9d0c-1a2b3c4d5e6f") UUID clientId,
        @Schema(allowableValues = {"ENTERING", "LEAVING"}, example = "ENTERING") String direction,
        @Schema(description = "Required except for pedestrians. Ordinary, new-energy, trailer (挂), learner (学), police (警), "
                + "Hong Kong/Macao (粤Z…港/澳), consulate (…领), embassy (使…), military (KA12345), armed police (WJ…), "
                + "fire and rescue (…应急) and tractor plates; the kind is recorded (plateKind)", example = "鄂A12345") String plateNumber,
        @Schema(allowableValues = {"CAR", "BUS", "TRUCK", "VAN", "MOTORCYCLE", "PEDESTRIAN", "OTHER"}, example = "CAR") String vehicleType,
        @Schema(description = "Origin: province (2), city (4) or county (6 digits) code, 71/81/82 for Taiwan, Hong Kong, Macao, "
                + "ISO:XX for a country (ISO 3166-1 alpha-2; US and USA are accepted too). Old division codes "
                + "(610821) and the six-digit form (420100) are accepted and stored as the current code (610881, 4201)",
                example = "420102") String originAreaCode,
        @Schema(description = "Area-tree code of the destination in the city; required when entering", example = "610881106201") String destinationAreaCode,
        Boolean disinfected,
        OffsetDateTime recordedAt,
        List<OccupantRequest> occupants) {

    /**
     * One occupant.
     *
     * @param name        may be left empty for a person already registered with this ID number
     * @param idType      RESIDENT_ID (default), PASSPORT or OTHER
     * @param temperature °C with one decimal, 34.0–43.0
     * @param symptoms    FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH
     * @param turnedBack  the officer turns the person back (劝返); ignored for a fever
     * @param healthCode  a health-code token (JWS) read by the scanner, in place of name, ID and phone; null when the
     *                    details were typed
     */
    public record OccupantRequest(
            @Schema(example = "张三") String name,
            @Schema(allowableValues = {"RESIDENT_ID", "PASSPORT", "OTHER"}, example = "RESIDENT_ID") String idType,
            @Schema(example = "11010519491231002X") String idNumber,
            @Schema(example = "13800138000") String phone,
            @Schema(type = "number", example = "36.6") String temperature,
            List<String> symptoms,
            Boolean riskAreaStay,
            Boolean caseContact,
            Boolean turnedBack,
            @Schema(description = "a health-code token (JWS) read by the scanner, in place of name, ID and phone") String healthCode) {
    }
}
