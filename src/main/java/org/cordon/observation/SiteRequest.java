package org.cordon.observation;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A designated site as entered by an administrator.
 *
 * @param areaCode where the site is (area-tree code); fixed once created
 * @param purpose  OBSERVATION (centralised observation) or ISOLATION (suspected cases); fixed once created
 * @param capacity beds, 0–10000; not below the beds taken
 * @param active   null keeps the site as it is (new sites are active)
 */
public record SiteRequest(String name, String areaCode, String address, Integer capacity,
                          @Schema(allowableValues = {"OBSERVATION", "ISOLATION"}) String purpose, Boolean active) {
}
