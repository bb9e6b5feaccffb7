package org.cordon.command;

import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/** Text checks of the command module's forms (lengths as PostgreSQL counts them: code points). */
final class CommandInput {

    private CommandInput() {
    }

    static String required(String value, String field, int max, List<FieldProblem> problems) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            problems.add(new FieldProblem(field, "validation.required"));
        } else if (length(v) > max) {
            problems.add(FieldProblem.tooLong(field, max, v));
        }
        return v;
    }

    static String optional(String value, String field, int max, List<FieldProblem> problems) {
        String v = value == null ? "" : value.strip();
        if (length(v) > max) {
            problems.add(FieldProblem.tooLong(field, max, v));
        }
        return v.isEmpty() ? null : v;
    }

    static int length(String v) {
        return v.codePointCount(0, v.length());
    }

    static void failOn(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }
}
