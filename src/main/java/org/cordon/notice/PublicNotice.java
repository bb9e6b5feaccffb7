package org.cordon.notice;

import java.time.Instant;
import java.util.List;

/** A published or revoked notice as the public sees it (no staff names, no personal data). */
record PublicNotice(long id, Integer year, Integer number, String title, String body, String issuer,
                           List<NoticeCategory> categories, Instant effectiveFrom, Instant effectiveTo, NoticeStatus status,
                           Instant publishedAt, Instant revokedAt, String revokeReason,
                           List<NoticeView.TargetSummary> targets, boolean inEffect) {
}
