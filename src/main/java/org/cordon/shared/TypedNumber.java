package org.cordon.shared;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A number as a person types it into a page form, in the page's language: with thousands separators ("3,500",
 * "3 500", "1,234.5" in Chinese and English; "3.500" and "1.234,5" where the language groups with dots, such as
 * German), full-width digits and signs (NFKC), surrounding and no-break spaces. Groups must have three digits
 * ("3,50" is no number: a typo of 3.50 or 350), so that a misplaced separator is never read as another number.
 * The JSON API does not use this: its numbers stay JSON numbers.
 */
public final class TypedNumber {

    /** The message of a field whose text is no number: {@code {0}} is the text as typed. */
    public static final String NOT_A_NUMBER = "validation.number.format";

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2009\\u200B-\\u200D\\uFEFF']+");

    private TypedNumber() {
    }

    /**
     * The number typed, or null for blank input.
     *
     * @param locale the page's language (null: Chinese)
     * @throws InvalidValueException ({@link #NOT_A_NUMBER}, the text) when the text is no number
     */
    public static BigDecimal parse(String raw, Locale locale) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > 40) {
            throw new InvalidValueException(NOT_A_NUMBER, shorten(raw));
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale == null ? Locale.SIMPLIFIED_CHINESE : locale);
        char decimal = symbols.getDecimalSeparator();
        char grouping = decimal == ',' ? '.' : ',';
        // spaces (and apostrophes) group thousands in every language: "3 500"
        String compact = SPACES.matcher(text).replaceAll(" ").replace("－", "-").replace("−", "-");
        String g = Pattern.quote(String.valueOf(grouping));
        String d = Pattern.quote(String.valueOf(decimal));
        Pattern grouped = Pattern.compile("[+-]?\\d{1,3}((" + g + "|\\s)\\d{3})+(" + d + "\\d+)?");
        Pattern plain = Pattern.compile("[+-]?(\\d+(" + d + "\\d*)?|" + d + "\\d+)");
        if (!grouped.matcher(compact).matches() && !plain.matcher(compact).matches()) {
            throw new InvalidValueException(NOT_A_NUMBER, shorten(raw));
        }
        String canonical = compact.replace(" ", "").replace(String.valueOf(grouping), "").replace(decimal, '.');
        if (canonical.endsWith(".")) {
            canonical = canonical.substring(0, canonical.length() - 1);
        }
        return new BigDecimal(canonical);
    }

    /**
     * The number typed as plain digits ("3,500" → "3500", "1,234.5" → "1234.5"), for checks that read text; the text
     * unchanged when it is blank or no number, so that the check's own message names what was typed.
     */
    public static String canonical(String raw, Locale locale) {
        try {
            BigDecimal value = parse(raw, locale);
            return value == null ? raw : value.toPlainString();
        } catch (InvalidValueException e) {
            return raw;
        }
    }

    private static String shorten(String raw) {
        String s = raw.strip();
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
