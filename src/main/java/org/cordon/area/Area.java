package org.cordon.area;

/**
 * A node of the area tree. Codes are hierarchical: a node's code starts with its parent's code.
 *
 * @param households null where not recorded
 * @param residents  null where not recorded
 * @param sample     true for sample data shipped with the product (to be replaced by an import)
 */
public record Area(String code, String name, AreaKind kind, String parentCode, Integer households, Integer residents,
                   boolean sample) {
}
