package org.cordon.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated mainland China vehicle plate number of one of the {@link PlateKind kinds}: ordinary
 * ({@code 陕K12345}), new-energy ({@code 陕KD12345}, {@code 陕K12345D}), trailer, learner, police, Hong Kong and
 * Macao cross-border ({@code 粤Z1234港}), consulate ({@code 沪A1234领}), embassy ({@code 使224001}), military
 * ({@code KA12345}), armed police ({@code WJ京12345}), fire and rescue ({@code 川X1234应急}) and tractors
 * ({@code 陕08·12345}); {@link PlateKind} gives each format.
 *
 * <p>Instances are always valid: the canonical constructor normalises and validates exactly like
 * {@link #parse(String)}.
 *
 * @param value the normalised plate number, without separators, upper case
 */
public record PlateNumber(String value) {

    /** Message code: the plate number is missing or blank. */
    public static final String REQUIRED = "validation.plate.required";
    /** Message code: the plate number has an invalid format. */
    public static final String FORMAT = "validation.plate.format";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s·•・-]+");

    /**
     * Canonical constructor: normalises and validates the value.
     *
     * @throws InvalidValueException if the value is not a valid plate number
     */
    public PlateNumber {
        value = normalise(value);
    }

    /**
     * Parses a plate number. The input is normalised by {@link TypedInput#identifier} (full-width letters and
     * digits, spaces of any kind, zero-width characters), the separators {@code ·}, {@code •}, {@code ・} and
     * {@code -} are removed and letters are upper-cased, so {@code 蒙ａ·１2345} becomes {@code 蒙A12345}.
     *
     * @param raw the raw input
     * @return the validated, normalised plate number
     * @throws InvalidValueException with code {@code validation.plate.required} (blank) or
     *                               {@code validation.plate.format}
     */
    public static PlateNumber parse(String raw) {
        return new PlateNumber(raw);
    }

    private static String normalise(String raw) {
        String typed = TypedInput.identifier(raw);
        if (typed == null || typed.isEmpty()) {
            throw new InvalidValueException(REQUIRED);
        }
        String plate = SEPARATORS.matcher(typed).replaceAll("").toUpperCase(Locale.ROOT);
        if (PlateKind.of(plate) == null) {
            throw new InvalidValueException(FORMAT);
        }
        return plate;
    }

    /** The kind of plate, told from its format; never null. */
    public PlateKind kind() {
        return PlateKind.of(value);
    }
}
