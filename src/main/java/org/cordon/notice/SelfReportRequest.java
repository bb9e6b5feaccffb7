package org.cordon.notice;

import java.time.LocalDate;

/**
 * A self-report (自主申报) of a return from a risk area, as typed on the portal.
 *
 * @param originCode      division code of where the person came from (province, city or county)
 * @param destinationCode area-tree code of the village, community, villager group or compound where they stay
 */
public record SelfReportRequest(String name, String idType, String idNumber, String nationality, String phone, String originCode,
                                LocalDate leftRiskAreaOn, LocalDate arrivedOn, String transportMode, String transportDetail,
                                String destinationCode, String destinationAddress) {
}
