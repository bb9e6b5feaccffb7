package org.cordon.observation;

/** Home (居家) or centralised (集中) observation. */
public enum EpisodeKind { HOME, CENTRALISED }
