package org.cordon.shared;

import java.util.regex.Pattern;

/**
 * A validated mainland China mobile phone number: 11 digits matching {@code 1[3-9]\d{9}}.
 *
 * <p>Instances are always valid: the canonical constructor normalises and validates exactly like
 * {@link #parse(String)}. {@link #toString()} returns the {@linkplain #masked() masked} form so that
 * the number does not leak into logs; use {@link #value()} for the full number.
 *
 * @param value the normalised 11-digit number
 */
public record PhoneNumber(String value) {

    /** Message code: the phone number is missing or blank. */
    public static final String REQUIRED = "validation.phone.required";
    /** Message code: the phone number is not an 11-digit mainland mobile number. */
    public static final String FORMAT = "validation.phone.format";

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern PREFIXED = Pattern.compile("(?:\\+86|86)(\\d{11})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    /**
     * Canonical constructor: normalises and validates the value.
     *
     * @throws InvalidValueException if the value is not a valid mobile number
     */
    public PhoneNumber {
        value = normalise(value);
    }

    /**
     * Parses a mobile phone number. The input is normalised by {@link TypedInput#identifier} (full-width digits,
     * spaces of any kind, zero-width characters), {@code -} is removed, and a leading {@code +86} or {@code 86}
     * country code is dropped when 11 digits follow it.
     *
     * @param raw the raw input, e.g. {@code +86 138-1234-5678}
     * @return the validated number, e.g. {@code 13812345678}
     * @throws InvalidValueException with code {@code validation.phone.required} or
     *                               {@code validation.phone.format}
     */
    public static PhoneNumber parse(String raw) {
        return new PhoneNumber(raw);
    }

    /**
     * The number masked for display, see {@link Masking#phone(String)}.
     *
     * @return e.g. {@code 138****5678}
     */
    public String masked() {
        return Masking.phone(value);
    }

    /**
     * Returns the masked number so that full phone numbers never end up in logs by accident.
     *
     * @return the {@linkplain #masked() masked} number
     */
    @Override
    public String toString() {
        return masked();
    }

    private static String normalise(String raw) {
        String typed = TypedInput.identifier(raw);
        if (typed == null || typed.isEmpty()) {
            throw new InvalidValueException(REQUIRED);
        }
        String digits = SEPARATORS.matcher(typed).replaceAll("");
        var prefixed = PREFIXED.matcher(digits);
        if (prefixed.matches()) {
            digits = prefixed.group(1);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw new InvalidValueException(FORMAT);
        }
        return digits;
    }
}
