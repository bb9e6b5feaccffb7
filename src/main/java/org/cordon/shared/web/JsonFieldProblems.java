package org.cordon.shared.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.cordon.shared.FieldProblem;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The field problem of a JSON body Jackson could not read, where it knows the field: a refused text or number
 * ({@link RequestJson}), a number beyond its type, a value of the wrong JSON type or format. Paths are written as
 * the validators write them: {@code occupants[0].name}.
 */
final class JsonFieldProblems {

    /** Message code of a value of the wrong type; argument: what was expected ({@code validation.type.*}). */
    static final String WRONG_TYPE = "validation.field.type";

    private JsonFieldProblems() {
    }

    /** The problem, or null when the exception names no field (a broken document, the wrong type of the whole body). */
    static FieldProblem of(JacksonException e) {
        if (e == null || e.getPath().isEmpty()) {
            return null;
        }
        String field = path(e);
        if (e instanceof RequestJson.RefusedValueException refused) {
            return refused.problemAt(field);
        }
        if (e instanceof InputCoercionException) {
            return new FieldProblem(field, RequestJson.NUMBER_RANGE, RequestJson.MAX_INTEGER_DIGITS, RequestJson.MAX_FRACTION_DIGITS);
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            if (target != null && target.isEnum() && e instanceof InvalidFormatException invalid) {
                String choices = Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
                return new FieldProblem(field, "validation.enum", String.valueOf(invalid.getValue()), choices);
            }
            return new FieldProblem(field, WRONG_TYPE, new DefaultMessageSourceResolvable("validation.type." + typeName(target)));
        }
        return null;
    }

    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** text, integer, number, boolean, date, dateTime, uuid, list, object or value: the {@code validation.type.*} messages. */
    static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
                || type == short.class || type == BigInteger.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.time.LocalDate.class) {
            return "date";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "dateTime";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (type == java.util.UUID.class) {
            return "uuid";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "object";
        }
        return "value";
    }
}
