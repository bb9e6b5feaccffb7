package org.cordon.notice;

/** Kinds of transport service. */
public enum ServiceKind { CITY_BUS, SHUTTLE, OTHER }
