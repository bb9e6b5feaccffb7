package org.cordon.area;

/**
 * A node to add to the area tree, as typed by the user or read from an import file (validated by
 * {@link AreaManagement#createArea} and the import).
 *
 * @param code       9, 12 or 15 digits: the parent's code plus three digits
 * @param name       required, at most 100 characters
 * @param kind       an {@link AreaKind} name (or its label in either language) valid for the code's length
 * @param parentCode code of an existing node one level up
 * @param households empty/null for "not recorded", otherwise a non-negative integer
 * @param residents  empty/null for "not recorded", otherwise a non-negative integer
 */
public record NewArea(String code, String name, String kind, String parentCode, String households, String residents) {
}
