package org.cordon.shared.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateTimeDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * What every JSON request body is held to while it is read, whichever endpoint it is for: no text with a control
 * character other than tab, line feed and carriage return, or with a lone surrogate ({@link TextRules}), no
 * decimal number beyond {@value #MAX_INTEGER_DIGITS} integer digits or {@value #MAX_FRACTION_DIGITS} decimals
 * ({@code 1e999999999} would make any arithmetic on it run out of memory), and no date outside the years
 * {@value #MIN_YEAR}–{@value #MAX_YEAR}, whether typed as a date or sent as a text that is one ({@link #implausibleDate}). A refused value is a
 * {@link RefusedValueException}; {@link ApiExceptionHandler} answers it with a 400 naming the field.
 */
public final class RequestJson {

    /** Most digits before the decimal point of a number in a request. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Most digits after the decimal point of a number in a request. */
    public static final int MAX_FRACTION_DIGITS = 6;
    /** Message code of a number out of range; arguments: the most integer digits, the most decimals. */
    public static final String NUMBER_RANGE = "validation.number.range";
    /**
     * Earliest year of a date in a request: dates are written with four-digit years. Beyond them a date needs the
     * expanded form ({@code +999999999-12-31}), overflows the first days added to it and reaches PostgreSQL as
     * {@code infinity}; within them each use case judges what is plausible (an arrival not in the future, an
     * exposure within the observation period) and reports it with the form's other problems.
     */
    public static final int MIN_YEAR = 1;
    /** Latest year of a date in a request. */
    public static final int MAX_YEAR = 9999;
    /** Message code of a date out of range; arguments: the earliest and the latest year. */
    public static final String DATE_RANGE = FieldChecks.DATE_RANGE;

    private RequestJson() {
    }

    /** The Jackson module with these checks; a bean of it is registered with Spring Boot's JSON mapper. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("cordon-request-json");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addDeserializer(BigDecimal.class, new CheckedDecimals());
        module.addDeserializer(LocalDate.class, checkedDates(LocalDateDeserializer.INSTANCE));
        module.addDeserializer(LocalDateTime.class, checkedDates(LocalDateTimeDeserializer.INSTANCE));
        module.addDeserializer(OffsetDateTime.class, checkedDates(InstantDeserializer.OFFSET_DATE_TIME));
        return module;
    }

    /** A value of a JSON body that was refused: the field's path is prepended by Jackson as it unwinds. */
    public static final class RefusedValueException extends InvalidFormatException {

        private final transient FieldProblem problem;

        RefusedValueException(JsonParser p, String message, Object value, Class<?> type, FieldProblem problem) {
            super(p, message, value, type);
            this.problem = problem;
        }

        /** The problem, with the field still blank: the caller knows the path. */
        public FieldProblem problemAt(String field) {
            return new FieldProblem(field, problem.code(), problem.args());
        }
    }

    static final class CheckedStrings extends StdScalarDeserializer<String> {

        CheckedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            var problem = TextRules.controlProblem("", value);
            if (problem.isPresent()) {
                // the message names the character, never the text (it may be personal)
                throw new RefusedValueException(p, "Text with a control character " + problem.get().args()[1], null, String.class,
                        problem.get());
            }
            if (implausibleDate(value)) {
                // dates sent as text (a deadline) are parsed later, by hand: the same bounds as for typed dates
                throw new RefusedValueException(p, "Date out of range", null, String.class, dateRangeProblem(""));
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }

    static final class CheckedDecimals extends StdScalarDeserializer<BigDecimal> {

        CheckedDecimals() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !withinRange(value)) {
                throw new RefusedValueException(p, "Number out of range", null, BigDecimal.class,
                        new FieldProblem("", NUMBER_RANGE, MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS));
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** Whether a date or time of a request lies in the years {@value #MIN_YEAR}–{@value #MAX_YEAR} (null: no date, fine). */
    public static boolean plausibleYear(Object value) {
        int year;
        if (value instanceof LocalDate d) {
            year = d.getYear();
        } else if (value instanceof LocalDateTime t) {
            year = t.getYear();
        } else if (value instanceof OffsetDateTime t) {
            year = t.getYear();
        } else {
            return true;
        }
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    private static final Pattern DATE_TEXT = Pattern.compile("\\s*([+-]?\\d{4,10})-\\d{1,2}-\\d{1,2}(?:[T ].*)?", Pattern.DOTALL);

    /**
     * Whether a text is an ISO date or date and time ({@code 2020-01-25}, {@code +999999999-12-31T00:00}) of a year
     * outside {@value #MIN_YEAR}–{@value #MAX_YEAR}. Forms and some JSON fields carry dates as text that the
     * handlers parse themselves; such a year would overflow date arithmetic or reach PostgreSQL as {@code infinity}
     * (the driver's form of {@code LocalDate.MAX}), where a series of days never ends.
     */
    public static boolean implausibleDate(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return false;
        }
        char first = text.strip().isEmpty() ? ' ' : text.strip().charAt(0);
        if (first != '+' && first != '-' && (first < '0' || first > '9')) {
            return false;
        }
        Matcher m = DATE_TEXT.matcher(text);
        if (!m.matches()) {
            return false;
        }
        long year = Long.parseLong(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1));
        return year < MIN_YEAR || year > MAX_YEAR;
    }

    /** The problem of a date outside the years {@value #MIN_YEAR}–{@value #MAX_YEAR}. */
    static FieldProblem dateRangeProblem(String field) {
        return new FieldProblem(field, DATE_RANGE, String.valueOf(MIN_YEAR), String.valueOf(MAX_YEAR));
    }

    @SuppressWarnings("unchecked")
    static <T> ValueDeserializer<T> checkedDates(ValueDeserializer<? extends T> dates) {
        return (ValueDeserializer<T>) new CheckedDates(dates);
    }

    /**
     * Dates and times of the years {@value #MIN_YEAR}–{@value #MAX_YEAR} only: {@code +999999999-12-31} is a valid
     * {@code LocalDate} that PostgreSQL cannot store and that overflows the first day added to it.
     */
    static final class CheckedDates extends DelegatingDeserializer {

        CheckedDates(ValueDeserializer<?> dates) {
            super(dates);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> dates) {
            return new CheckedDates(dates);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            if (!plausibleYear(value)) {
                throw new RefusedValueException(p, "Date out of range", null, handledType(), dateRangeProblem(""));
            }
            return value;
        }
    }

    /** At most {@value #MAX_INTEGER_DIGITS} integer digits and {@value #MAX_FRACTION_DIGITS} decimals (trailing zeros aside). */
    static boolean withinRange(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        // precision and scale without computing the plain value, which for 1e999999999 would not fit in memory
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return false;
        }
        if (value.scale() <= MAX_FRACTION_DIGITS) {
            return true;
        }
        if (value.scale() > 1000) {
            return false;
        }
        return value.stripTrailingZeros().scale() <= MAX_FRACTION_DIGITS;
    }
}
