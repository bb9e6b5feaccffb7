package org.cordon.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated mainland China vehicle plate number, e.g. {@code 陕K12345}, {@code 陕KD12345}
 * (new-energy small car) or {@code 陕K12345D} (new-energy large vehicle).
 *
 * <p>Format: a province abbreviation, an issuing-authority letter ({@code A}&ndash;{@code Z} without
 * {@code I} and {@code O}) followed by either
 * <ul>
 *   <li>5 letters/digits (letters without {@code I} and {@code O}); the last one may also be
 *       {@code 挂}, {@code 学}, {@code 警}, {@code 港} or {@code 澳}; or</li>
 *   <li>6 characters of a new-energy plate: {@code [DF]} + letter/digit + 4 digits (small car), or
 *       5 digits + {@code [DF]} (large vehicle).</li>
 * </ul>
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

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static final String CHAR = "[A-HJ-NP-Z0-9]";
    private static final Pattern PLATE = Pattern.compile(
            "[" + PROVINCES + "][A-HJ-NP-Z]"
                    + "(?:" + CHAR + "{4}(?:" + CHAR + "|[挂学警港澳])"   // ordinary
                    + "|[DF]" + CHAR + "\\d{4}"                           // new-energy, small car
                    + "|\\d{5}[DF])");                                    // new-energy, large vehicle
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
        if (!PLATE.matcher(plate).matches()) {
            throw new InvalidValueException(FORMAT);
        }
        return plate;
    }
}
