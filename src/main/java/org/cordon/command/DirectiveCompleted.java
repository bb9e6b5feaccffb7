package org.cordon.command;

/** An addressee marked its part of a directive done. */
public record DirectiveCompleted(long directiveId, long assignmentId) {
}
