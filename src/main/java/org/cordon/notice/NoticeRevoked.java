package org.cordon.notice;

/** A published notice was revoked; its closures ended at once. */
public record NoticeRevoked(long noticeId) {
}
