package org.cordon.notice;

/** A published notice was revoked; its closures ended at once. */
record NoticeRevoked(long noticeId) {
}
