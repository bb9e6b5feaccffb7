package org.cordon.command;

/** An addressee accepted its part of a directive. */
record DirectiveAccepted(long directiveId, long assignmentId) {
}
