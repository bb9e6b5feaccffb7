package org.cordon.command;

/** An addressee reported progress on its part of a directive. */
record DirectiveProgressReported(long directiveId, long assignmentId) {
}
