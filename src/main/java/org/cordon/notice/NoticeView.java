package org.cordon.notice;

import java.time.Instant;
import java.util.List;

/**
 * A notice as staff see it.
 *
 * @param year     year of the number; null for drafts
 * @param number   number within the year (第N号); null for drafts
 * @param inEffect true when published and its effective period contains now
 * @param targets  what it closes, cancels or suspends
 */
public record NoticeView(long id, Integer year, Integer number, String title, String body, String issuer,
                         List<NoticeCategory> categories, Instant effectiveFrom, Instant effectiveTo, NoticeStatus status,
                         Instant publishedAt, String publishedBy, Instant revokedAt, String revokedBy, String revokeReason,
                         Instant createdAt, String createdBy, List<TargetSummary> targets, boolean inEffect) {

    /** A target of a notice by type, id and name. */
    public record TargetSummary(TargetType type, long id, String name) {
    }

    /** True while the notice may still be edited. */
    public boolean draft() {
        return status == NoticeStatus.DRAFT;
    }

    /** The public form: no staff account names. */
    public PublicNotice toPublic() {
        return new PublicNotice(id, year, number, title, body, issuer, categories, effectiveFrom, effectiveTo, status, publishedAt,
                revokedAt, revokeReason, targets, inEffect);
    }
}
