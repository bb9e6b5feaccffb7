package org.cordon.notice;

/** What a notice is about (a notice may have several categories). */
public enum NoticeCategory {
    /** Cancels events and gatherings (取消活动). */
    EVENT_CANCELLATION,
    /** Closes venues (关闭场所). */
    VENUE_CLOSURE,
    /** Suspends transport services (停运). */
    TRANSPORT_SUSPENSION,
    /** Health advice to the public (健康提示). */
    HEALTH_ADVICE
}
