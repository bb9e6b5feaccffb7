package org.cordon.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A body temperature in degrees Celsius, between 34.0 and 43.0 inclusive, with at most one decimal
 * place. The stored value always has scale 1 (e.g. {@code 37} is stored as {@code 37.0}).
 *
 * <p>Instances are always valid: the canonical constructor validates exactly like
 * {@link #parse(BigDecimal)}.
 *
 * @param celsius the temperature in degrees Celsius, scale 1
 */
public record Temperature(BigDecimal celsius) {

    /** Message code: the temperature is missing or blank. */
    public static final String REQUIRED = "validation.temperature.required";
    /** Message code: the input is not a number. */
    public static final String FORMAT = "validation.temperature.format";
    /** Message code: outside the plausible range; args 0 and 1 are the minimum and maximum. */
    public static final String RANGE = "validation.temperature.range";
    /** Message code: more than one decimal place. */
    public static final String PRECISION = "validation.temperature.precision";

    /** Lowest accepted temperature, 34.0 °C. */
    public static final BigDecimal MIN = new BigDecimal("34.0");
    /** Highest accepted temperature, 43.0 °C. */
    public static final BigDecimal MAX = new BigDecimal("43.0");

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");

    /**
     * Canonical constructor: validates the value and sets its scale to 1.
     *
     * @throws InvalidValueException if the value is missing, out of range or too precise
     */
    public Temperature {
        if (celsius == null) {
            throw new InvalidValueException(REQUIRED);
        }
        if (celsius.compareTo(MIN) < 0 || celsius.compareTo(MAX) > 0) {
            throw new InvalidValueException(RANGE, MIN.toPlainString(), MAX.toPlainString());
        }
        if (celsius.stripTrailingZeros().scale() > 1) {
            throw new InvalidValueException(PRECISION);
        }
        celsius = celsius.setScale(1, RoundingMode.UNNECESSARY);
    }

    /**
     * Validates a temperature value.
     *
     * @param raw the temperature in degrees Celsius; trailing zeros are ignored ({@code 37.30} is
     *            accepted as {@code 37.3})
     * @return the validated temperature
     * @throws InvalidValueException with code {@code validation.temperature.required},
     *                               {@code validation.temperature.range} (args {@code "34.0"},
     *                               {@code "43.0"}) or {@code validation.temperature.precision}
     */
    public static Temperature parse(BigDecimal raw) {
        return new Temperature(raw);
    }

    /**
     * Parses a temperature typed by a user, e.g. {@code "37.3"}, {@code " 37,3 "} (a comma is
     * accepted as decimal separator) or {@code "３７．３"} (normalised by {@link TypedInput#identifier}).
     *
     * @param raw the raw input
     * @return the validated temperature
     * @throws InvalidValueException with code {@code validation.temperature.required},
     *                               {@code validation.temperature.format},
     *                               {@code validation.temperature.range} or
     *                               {@code validation.temperature.precision}
     */
    public static Temperature parse(String raw) {
        String text = TypedInput.identifier(raw);
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(REQUIRED);
        }
        text = text.replace(',', '.');
        if (!NUMBER.matcher(text).matches()) {
            throw new InvalidValueException(FORMAT);
        }
        return new Temperature(new BigDecimal(text));
    }

    /**
     * Whether this temperature is at or above a threshold (e.g. the fever threshold).
     *
     * @param threshold the threshold in degrees Celsius, not null
     * @return {@code true} if {@code celsius >= threshold}
     */
    public boolean atLeast(BigDecimal threshold) {
        return celsius.compareTo(Objects.requireNonNull(threshold, "threshold")) >= 0;
    }
}
