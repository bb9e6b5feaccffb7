package org.cordon.observation;

/** Why a person is observed. */
public enum EpisodeReason { RISK_ARRIVAL, CLOSE_CONTACT, OTHER }
