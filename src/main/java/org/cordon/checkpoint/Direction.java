package org.cordon.checkpoint;

/** Entering or leaving the city. */
public enum Direction { ENTERING, LEAVING }
