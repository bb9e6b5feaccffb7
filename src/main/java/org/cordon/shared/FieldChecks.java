package org.cordon.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks every module's use cases apply to the fields of a request: each adds its {@link FieldProblem} to the
 * list, and {@link #failIfAny} refuses them all at once, so a form shows every problem together. Lengths are counted
 * as PostgreSQL counts them (code points).
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    /** The stripped text, or null when null or blank. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Code points, as PostgreSQL counts a text's length. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /**
     * The stripped text, null when blank (a {@code validation.required} problem when {@code required}); a
     * {@code validation.tooLong} problem when longer than {@code max}.
     */
    public static String text(String value, String field, int max, boolean required, List<FieldProblem> problems) {
        String v = blankToNull(value);
        if (v == null) {
            if (required) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return null;
        }
        if (length(v) > max) {
            problems.add(FieldProblem.tooLong(field, max, v));
        }
        return v;
    }

    /** A required text: as {@link #text} but the empty string (never null) when blank. */
    public static String required(String value, String field, int max, List<FieldProblem> problems) {
        String v = text(value, field, max, true, problems);
        return v == null ? "" : v;
    }

    /** An optional text: as {@link #text}, null when blank. */
    public static String optional(String value, String field, int max, List<FieldProblem> problems) {
        return text(value, field, max, false, problems);
    }

    /**
     * A name of a person, Party branch, place, group or organisation: as {@link #text}, and none of the characters
     * no name may hold — invisible, direction-changing or control characters, line breaks
     * ({@link TextRules#nameProblem}, refused, never stripped).
     */
    public static String name(String value, String field, int max, boolean required, List<FieldProblem> problems) {
        String v = text(value, field, max, required, problems);
        TextRules.checkName(field, v, problems);
        return v;
    }

    /** A required name: as {@link #name} but the empty string (never null) when blank. */
    public static String requiredName(String value, String field, int max, List<FieldProblem> problems) {
        String v = name(value, field, max, true, problems);
        return v == null ? "" : v;
    }

    /**
     * Earliest year of a plausible date, for dates no use case bounds otherwise (a roster row's dates). Requests
     * are held to four-digit years at the edge ({@code shared.web.RequestJson}).
     */
    public static final int MIN_YEAR = 1900;
    /** Latest year of a plausible date. */
    public static final int MAX_YEAR = 2100;
    /** Message code of a date outside {@link #MIN_YEAR}–{@link #MAX_YEAR}; arguments: both years. */
    public static final String DATE_RANGE = "validation.date.range";

    /**
     * Whether a date lies in the years {@value #MIN_YEAR}–{@value #MAX_YEAR} (null: no date, fine).
     */
    public static boolean plausibleDate(java.time.LocalDate date) {
        return date == null || date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }

    /** Adds a {@value #DATE_RANGE} problem unless the date is {@linkplain #plausibleDate plausible}; true when it is. */
    public static boolean checkDate(java.time.LocalDate date, String field, List<FieldProblem> problems) {
        if (plausibleDate(date)) {
            return true;
        }
        problems.add(new FieldProblem(field, DATE_RANGE, String.valueOf(MIN_YEAR), String.valueOf(MAX_YEAR)));
        return false;
    }

    /** The phone number in its normal form, or null (with the number's own problem) when invalid. */
    public static String phone(String value, String field, List<FieldProblem> problems) {
        try {
            return PhoneNumber.parse(value).value();
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(field, e.messageCode(), e.args()));
            return null;
        }
    }

    /**
     * The constant named (in any case); a blank value is {@code defaultValue}, or a {@code validation.required}
     * problem when that is null; an unknown name is a {@code validation.enum} problem listing the allowed ones.
     */
    public static <E extends Enum<E>> E enumValue(String value, String field, Class<E> type, E defaultValue,
                                                  List<FieldProblem> problems) {
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

    /** @throws ValidationFailedException listing every problem, unless there are none */
    public static void failIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }
}
