package org.cordon.shared;

/** Kind of identity document a person registered with. */
public enum IdType {
    /** Mainland China resident identity card (居民身份证), 18 characters, GB 11643-1999. */
    RESIDENT_ID,
    /** Passport (护照). */
    PASSPORT,
    /** Any other identity document (e.g. travel permits, 港澳台通行证, 军官证). */
    OTHER
}
