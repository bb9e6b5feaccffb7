package org.cordon.healthcode;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A health declaration (健康申报) as typed on the portal.
 *
 * @param clientId      UUID made by the page; a repeated request with the same id stores nothing new
 * @param residenceCode area-tree code of the village, community, villager group or compound where the person stays
 * @param stays         division codes (province, city, county; 71/81/82; ISO:XX) of places stayed outside the city in
 *                      the last 14 days; empty when none
 * @param arrivedOn     when the person came to the city after those stays (required with stays)
 * @param symptoms      FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH; any raises a fever referral
 */
public record HealthDeclarationRequest(UUID clientId, @Schema(example = "张三") String name,
                                       @Schema(allowableValues = {"RESIDENT_ID", "PASSPORT", "OTHER"}) String idType,
                                       @Schema(example = "11010519491231002X") String idNumber,
                                       @Schema(example = "13800138000") String phone,
                                       @Schema(example = "610881106201") String residenceCode,
                                       @Schema(example = "[\"110105\"]") List<String> stays, LocalDate arrivedOn,
                                       List<String> symptoms) {
}
