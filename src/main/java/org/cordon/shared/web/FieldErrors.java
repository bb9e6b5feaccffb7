package org.cordon.shared.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.MessageSource;

/** Turns a rejected request's problems into messages per field, for pages that show them next to the fields. */
public final class FieldErrors {

    private FieldErrors() {
    }

    /** Field path → message in the locale (several problems of one field joined). */
    public static Map<String, String> of(ValidationFailedException e, MessageSource messages, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem p : e.problems()) {
            errors.merge(p.field(), messages.getMessage(p.code(), p.args(), p.code(), locale), (a, b) -> a + " " + b);
        }
        return errors;
    }
}
