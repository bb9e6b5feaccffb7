package org.cordon.notice;

/** Workflow of a notice: a draft is edited, publication assigns its number, revocation ends it early. */
public enum NoticeStatus {
    /** Being written; not public, no number. */
    DRAFT,
    /** Public and numbered; immutable except for revocation. */
    PUBLISHED,
    /** Withdrawn: its closures end at once; still public as revoked. */
    REVOKED
}
