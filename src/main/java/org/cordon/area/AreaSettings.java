package org.cordon.area;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the area grid ({@code cordon.area.*}).
 *
 * @param branchHouseholds a compound with at least this many households needs a temporary Party branch
 * @param branchResidents  a compound with at least this many residents needs a temporary Party branch
 * @param importBatchSize  rows written per JDBC batch during an import
 * @param importMaxErrors  rejected rows kept for the report (and its CSV download); further rejected rows
 *                         are only counted
 */
@ConfigurationProperties("cordon.area")
public record AreaSettings(@DefaultValue("300") int branchHouseholds,
                           @DefaultValue("1000") int branchResidents,
                           @DefaultValue("500") int importBatchSize,
                           @DefaultValue("5000") int importMaxErrors) {
}
