package org.cordon.command;

/** An addressee marked its part of a directive done. */
record DirectiveCompleted(long directiveId, long assignmentId) {
}
