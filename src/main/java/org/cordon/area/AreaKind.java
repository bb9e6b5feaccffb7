package org.cordon.area;

/** Kinds of node in the city's area tree. */
public enum AreaKind { CITY, TOWN, STREET, VILLAGE, COMMUNITY, GROUP, COMPOUND, ENTERPRISE }
