package org.cordon.command;

/** An addressee reported progress on its part of a directive. */
public record DirectiveProgressReported(long directiveId, long assignmentId) {
}
