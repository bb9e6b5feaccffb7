package org.cordon.mobilization;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;

/** Checks of the module's input fields: each adds its problem to the list, and {@link #failIfAny} refuses them all at once. */
final class FormFields {

    private FormFields() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** @throws ValidationFailedException listing every problem, unless there are none */
    static void failIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }

    /** The stripped text (null when blank), at most {@code max} characters. */
    static String text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        String v = blankToNull(value);
        if (v == null) {
            if (required) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            problems.add(FieldProblem.tooLong(field, max, v));
        }
        return v;
    }

    /** The phone number in its normal form, or null when invalid. */
    static String phone(List<FieldProblem> problems, String field, String value) {
        try {
            return PhoneNumber.parse(value).value();
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(field, e.messageCode(), e.args()));
            return null;
        }
    }

    /** The constant named (in any case); a blank value is {@code defaultValue}, or required when that is null. */
    static <E extends Enum<E>> E enumValue(List<FieldProblem> problems, String field, String value, Class<E> type, E defaultValue) {
        String v = blankToNull(value);
        if (v == null) {
            if (defaultValue == null) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            problems.add(new FieldProblem(field, "validation.enum", v, allowed));
            return null;
        }
    }
}
