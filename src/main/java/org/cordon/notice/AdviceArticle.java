package org.cordon.notice;

import java.time.Instant;

/** A prevention advice article of the portal; {@code published = false} hides it from the public. */
public record AdviceArticle(long id, String title, String body, boolean published, int sort, Instant updatedAt, String updatedBy) {
}
