package org.cordon.notice;

/** Kinds of venue named in the closure notices. */
public enum VenueKind { SCENIC_AREA, MUSEUM, MEMORIAL_HALL, EXHIBITION_HALL, CINEMA, THEATRE, OTHER }
