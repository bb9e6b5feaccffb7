package org.cordon.shared;

/**
 * Masking of personal data for display and logging.
 *
 * <p>All methods work on Unicode code points rather than {@code char}s, so supplementary characters
 * (e.g. rare CJK characters in names) are never split in half. All methods return {@code null} for a
 * {@code null} input.
 */
public final class Masking {

    private static final String STAR = "*";

    private Masking() {
    }

    /**
     * Masks an identity document number.
     *
     * <ul>
     *   <li>18 characters (resident ID): keeps the first 6 and last 4, e.g. {@code 610881********0015};</li>
     *   <li>other lengths above 4: keeps the first 2 and last 2;</li>
     *   <li>4 or fewer characters: every character is replaced by a star.</li>
     * </ul>
     *
     * @param value the document number, may be null
     * @return the masked value, or null when {@code value} is null
     */
    public static String idNumber(String value) {
        if (value == null) {
            return null;
        }
        int[] cp = value.codePoints().toArray();
        if (cp.length == 18) {
            return keep(cp, 6, 4);
        }
        if (cp.length > 4) {
            return keep(cp, 2, 2);
        }
        return STAR.repeat(cp.length);
    }

    /**
     * Masks a phone number.
     *
     * <ul>
     *   <li>11 characters (mainland mobile): keeps the first 3 and last 4, e.g. {@code 138****5678};</li>
     *   <li>other lengths above 2: keeps only the last 2;</li>
     *   <li>2 or fewer characters: every character is replaced by a star.</li>
     * </ul>
     *
     * @param value the phone number, may be null
     * @return the masked value, or null when {@code value} is null
     */
    public static String phone(String value) {
        if (value == null) {
            return null;
        }
        int[] cp = value.codePoints().toArray();
        if (cp.length == 11) {
            return keep(cp, 3, 4);
        }
        if (cp.length > 2) {
            return keep(cp, 0, 2);
        }
        return STAR.repeat(cp.length);
    }

    /**
     * Masks a person's name.
     *
     * <ul>
     *   <li>1 character: {@code *};</li>
     *   <li>2 characters: first character and a star, e.g. {@code 张*};</li>
     *   <li>3 or more characters: first and last character with stars between, e.g. {@code 张*明},
     *       {@code 欧**明};</li>
     *   <li>empty string: returned unchanged.</li>
     * </ul>
     *
     * @param value the name, may be null
     * @return the masked value, or null when {@code value} is null
     */
    public static String name(String value) {
        if (value == null) {
            return null;
        }
        int[] cp = value.codePoints().toArray();
        return switch (cp.length) {
            case 0 -> value;
            case 1 -> STAR;
            case 2 -> keep(cp, 1, 0);
            default -> keep(cp, 1, 1);
        };
    }

    /** Keeps {@code head} leading and {@code tail} trailing code points and stars the rest. */
    private static String keep(int[] cp, int head, int tail) {
        StringBuilder sb = new StringBuilder(cp.length + 8);
        for (int i = 0; i < cp.length; i++) {
            if (i < head || i >= cp.length - tail) {
                sb.appendCodePoint(cp[i]);
            } else {
                sb.append('*');
            }
        }
        return sb.toString();
    }
}
