package org.cordon.observation;

/** What a designated site is for: centralised medical observation (集中医学观察点) or isolation of suspected cases (隔离点). */
public enum SitePurpose { OBSERVATION, ISOLATION }
