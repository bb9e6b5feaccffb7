package org.cordon.shared;

/**
 * One invalid field of a request: its path ({@code occupants[1].idNumber}), a message code of the
 * message bundles and the code's arguments.
 */
public record FieldProblem(String field, String code, Object... args) {
}
