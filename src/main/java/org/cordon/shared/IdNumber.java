package org.cordon.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated identity document number.
 *
 * <p>For {@link IdType#RESIDENT_ID} the value is an 18-character mainland resident ID number
 * (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence number and a check
 * character (digit or upper-case {@code X}). The province prefix, the birth date and the check
 * character are verified; the full 6-digit area code is deliberately <em>not</em> checked, since
 * numbers issued under historical (since abolished) area codes are still valid.
 *
 * <p>For {@link IdType#PASSPORT} and {@link IdType#OTHER} the value is 5&ndash;20 characters of
 * letters, digits and {@code -}, normalised to upper case.
 *
 * <p>Instances are always valid: the canonical constructor normalises and validates just like
 * {@link #parse(IdType, String)}, except that it cannot know "today" and therefore does not reject
 * birth dates in the future. {@link #toString()} returns the {@linkplain #masked() masked} form so
 * that the number does not leak into logs; use {@link #value()} for the full number.
 *
 * @param type  the document type, never null ({@code null} is treated as {@link IdType#RESIDENT_ID})
 * @param value the normalised document number
 */
public record IdNumber(IdType type, String value) {

    /** Sex encoded in a resident ID number (17th digit: odd = male, even = female). */
    public enum Sex {
        /** Male (odd 17th digit). */
        MALE,
        /** Female (even 17th digit). */
        FEMALE
    }

    /** Message code: the number is missing or blank. */
    public static final String REQUIRED = "validation.idNumber.required";
    /** Message code: a resident ID number has the wrong length or characters. */
    public static final String FORMAT = "validation.idNumber.format";
    /** Message code: a resident ID number starts with an unknown province code. */
    public static final String PROVINCE = "validation.idNumber.province";
    /** Message code: impossible, pre-1800 or future birth date; arg 0 is the 8-digit date text. */
    public static final String BIRTH_DATE = "validation.idNumber.birthDate";
    /**
     * Message code: the check character does not match the other 17 (no arguments: naming the expected character
     * would invite "fixing" the last character instead of the digit that was mistyped, and so storing a wrong
     * number).
     */
    public static final String CHECKSUM = "validation.idNumber.checksum";
    /** Message code: a passport / other document number has the wrong length or characters. */
    public static final String DOCUMENT = "validation.idNumber.document";

    /**
     * Earliest accepted birth year. GB 11643-1999's own example number {@code 440524188001010014}
     * encodes a birth in 1880, so the bound is 1800 rather than 1900.
     */
    private static final int MIN_BIRTH_YEAR = 1800;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern RESIDENT_FORMAT = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern DOCUMENT_FORMAT = Pattern.compile("[A-Z0-9-]{5,20}");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final DateTimeFormatter BIRTH_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * Canonical constructor: normalises and validates the value.
     *
     * @throws InvalidValueException if the value is not a valid number of the given type
     */
    public IdNumber {
        type = type == null ? IdType.RESIDENT_ID : type;
        value = normalise(type, value);
        validate(type, value, null);
    }

    /**
     * Parses an identity document number, using today's date in {@code Asia/Shanghai} to reject
     * birth dates in the future.
     *
     * @param type the document type; {@code null} is treated as {@link IdType#RESIDENT_ID}
     * @param raw  the raw input, normalised by {@link TypedInput#identifier} (full-width digits and {@code ｘ},
     *             spaces of any kind and zero-width characters); a lower-case {@code x} check character is
     *             accepted
     * @return the validated, normalised number
     * @throws InvalidValueException with one of the {@code validation.idNumber.*} codes
     */
    public static IdNumber parse(IdType type, String raw) {
        return parse(type, raw, LocalDate.now(DEFAULT_ZONE));
    }

    /**
     * Parses an identity document number against an explicit "today" (e.g. from
     * {@code CordonSettings.today(clock)}).
     *
     * @param type  the document type; {@code null} is treated as {@link IdType#RESIDENT_ID}
     * @param raw   the raw input
     * @param today the current date; birth dates after it are rejected
     * @return the validated, normalised number
     * @throws InvalidValueException with one of the {@code validation.idNumber.*} codes
     */
    public static IdNumber parse(IdType type, String raw, LocalDate today) {
        IdType t = type == null ? IdType.RESIDENT_ID : type;
        String v = normalise(t, raw);
        validate(t, v, today);
        return new IdNumber(t, v);
    }

    /**
     * Birth date encoded in a resident ID number.
     *
     * @return the birth date, or empty for passports and other documents
     */
    public Optional<LocalDate> birthDate() {
        if (type != IdType.RESIDENT_ID) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.parse(value.substring(6, 14), BIRTH_FORMAT));
    }

    /**
     * Sex encoded in a resident ID number (17th digit odd = male).
     *
     * @return the sex, or empty for passports and other documents
     */
    public Optional<Sex> sex() {
        if (type != IdType.RESIDENT_ID) {
            return Optional.empty();
        }
        return Optional.of((value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    }

    /**
     * The number masked for display, see {@link Masking#idNumber(String)}.
     *
     * @return e.g. {@code 610881********0015}
     */
    public String masked() {
        return Masking.idNumber(value);
    }

    /**
     * Returns the masked number so that full ID numbers never end up in logs by accident.
     *
     * @return the {@linkplain #masked() masked} number
     */
    @Override
    public String toString() {
        return masked();
    }

    private static String normalise(IdType type, String raw) {
        String v = TypedInput.identifier(raw);
        if (v == null || v.isEmpty()) {
            throw new InvalidValueException(REQUIRED);
        }
        return v.toUpperCase(Locale.ROOT);
    }

    private static void validate(IdType type, String value, LocalDate today) {
        if (type != IdType.RESIDENT_ID) {
            if (!DOCUMENT_FORMAT.matcher(value).matches()) {
                throw new InvalidValueException(DOCUMENT);
            }
            return;
        }
        if (!RESIDENT_FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT);
        }
        if (!isProvince(Integer.parseInt(value.substring(0, 2)))) {
            throw new InvalidValueException(PROVINCE);
        }
        String dateText = value.substring(6, 14);
        LocalDate birth;
        try {
            birth = LocalDate.parse(dateText, BIRTH_FORMAT);
        } catch (DateTimeException e) {
            throw new InvalidValueException(BIRTH_DATE, dateText);
        }
        if (birth.getYear() < MIN_BIRTH_YEAR || (today != null && birth.isAfter(today))) {
            throw new InvalidValueException(BIRTH_DATE, dateText);
        }
        char expected = checkChar(value);
        if (value.charAt(17) != expected) {
            throw new InvalidValueException(CHECKSUM);
        }
    }

    /** Computes the GB 11643-1999 check character over the first 17 digits. */
    private static char checkChar(String value) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** Province-level division codes (GB/T 2260 first two digits), including HK, Macao and Taiwan. */
    private static boolean isProvince(int code) {
        return (code >= 11 && code <= 15)
                || (code >= 21 && code <= 23)
                || (code >= 31 && code <= 37)
                || (code >= 41 && code <= 46)
                || (code >= 50 && code <= 54)
                || (code >= 61 && code <= 65)
                || code == 71 || code == 81 || code == 82 || code == 83;
    }
}
