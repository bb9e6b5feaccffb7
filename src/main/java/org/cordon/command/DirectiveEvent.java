package org.cordon.command;

import java.time.Instant;

/**
 * One entry of a directive's history.
 *
 * @param assignmentId the addressee's assignment, or null for directive-wide entries (issued, comment, cancelled)
 * @param assigneeName the addressee's name for assignment entries, otherwise null
 * @param text         report, comment or reason; may be null
 * @param percent      for progress reports, otherwise null
 * @param actor        user name of the person who acted
 * @param directiveTitle the directive's title in lists of recent entries across directives, otherwise null
 */
record DirectiveEvent(long id, long directiveId, Long assignmentId, String assigneeName, DirectiveEventKind kind,
                             String text, Integer percent, String actor, String actorName, Instant at,
                             String directiveTitle) {
}
