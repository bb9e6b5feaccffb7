package org.cordon.area;

/**
 * New values of a node's editable fields, as typed by the user (validated by
 * {@link AreaManagement#updateArea}).
 *
 * @param name       required, at most 100 characters
 * @param households empty/null for "not recorded", otherwise a non-negative integer
 * @param residents  empty/null for "not recorded", otherwise a non-negative integer
 */
public record AreaChange(String name, String households, String residents) {
}
