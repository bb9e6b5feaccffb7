package org.cordon.registry;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A returnee to register by hand (door to door) or from a roster row. Strings where a wrong value
 * must produce a per-field message.
 *
 * @param sourceRef a caller-chosen key that makes the registration idempotent (a device's UUID, a
 *                  roster's row key); null makes one up
 */
public record ReturneeRequest(
        String sourceRef,
        @Schema(example = "张三") String name,
        @Schema(allowableValues = {"RESIDENT_ID", "PASSPORT", "OTHER"}, example = "RESIDENT_ID") String idType,
        @Schema(example = "11010519491231002X") String idNumber,
        @Schema(description = "ISO 3166 alpha-3, passports only", example = "USA") String nationality,
        @Schema(example = "13800138000") String phone,
        @Schema(description = "Where the person came from: division code (province 2, city 4, county 6 digits), 71/81/82 "
                + "for Taiwan, Hong Kong, Macao, ISO:XX for a country (US and USA accepted too); old division codes "
                + "(610821) are stored as the current one (610881)", example = "420102") String originCode,
        LocalDate leftRiskAreaOn,
        LocalDate arrivedOn,
        @Schema(allowableValues = {"SELF_DRIVE", "TRAIN", "FLIGHT", "BUS", "OTHER"}) String transportMode,
        @Schema(description = "Plate, train or flight number", example = "G1234") String transportDetail,
        String companions,
        @Schema(description = "Area-tree code of the compound, group or village where the person stays", example = "610881106201") String destinationCode,
        String destinationAddress) {
}
