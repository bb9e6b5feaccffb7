package org.cordon.shared;

/**
 * One invalid field of a request: its path ({@code occupants[1].idNumber}), a message code of the
 * message bundles and the code's arguments.
 */
public record FieldProblem(String field, String code, Object... args) implements java.io.Serializable {

    /** The one message code of a text that is too long; arguments: the most characters allowed, the characters sent. */
    public static final String TOO_LONG = "validation.tooLong";

    /** {@code value} has more than {@code max} characters (counted as code points, as the checks do). */
    public static FieldProblem tooLong(String field, int max, String value) {
        return new FieldProblem(field, TOO_LONG, max, value == null ? 0 : value.codePointCount(0, value.length()));
    }
}
