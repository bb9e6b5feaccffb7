package org.cordon.notice;

/** A notice was published and got its number; its closures apply from its effective start. */
record NoticePublished(long noticeId) {
}
