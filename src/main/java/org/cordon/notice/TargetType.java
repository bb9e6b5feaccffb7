package org.cordon.notice;

/** What a notice can close, cancel or suspend. */
public enum TargetType {
    /** A venue (scenic area, museum, cinema …): closed. */
    VENUE,
    /** A public event: cancelled. */
    EVENT,
    /** A transport service (city bus line, shuttle): suspended. */
    SERVICE
}
