package org.cordon.mobilization;

/** A pledge is open until a coordinator assigns the member to a post. */
public enum PledgeStatus { OPEN, ASSIGNED }
