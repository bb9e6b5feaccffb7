package org.cordon.shared;

import java.util.List;

/**
 * A request was rejected because one or more fields are invalid; nothing was changed. The API
 * turns it into an RFC 9457 problem (400) with per-field messages, pages show the messages next to
 * the fields.
 */
public class ValidationFailedException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ValidationFailedException(List<FieldProblem> problems) {
        super("Invalid request: " + problems.stream().map(p -> p.field() + " " + p.code()).toList());
        this.problems = List.copyOf(problems);
    }

    public ValidationFailedException(String field, String code, Object... args) {
        this(List.of(new FieldProblem(field, code, args)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
