package org.cordon.area;

/**
 * An administrative division of China (GB/T 2260 / NBS codes): level 1 province (2 digits),
 * 2 city (4 digits), 3 county (6 digits).
 */
public record Division(String code, String name, int level, String parentCode) {
}
