package org.cordon.shared;

import java.text.Normalizer;

/**
 * The one normaliser of typed identifiers: what Chinese input methods, office suites and copy-and-paste put into an
 * ID number, a phone, a division or area code or a plate, taken out before the value is validated. Every path goes
 * through it — forms, the API and every import — because the value types ({@link IdNumber#parse},
 * {@link PhoneNumber#parse}, {@link PlateNumber#parse}, {@link Temperature#parse(String)}) and the code checks call
 * {@link #identifier} / {@link #code} first.
 *
 * <p>{@link #identifier}:
 * <ol>
 *   <li>Unicode NFKC: full-width digits and letters ({@code １２３}, {@code ｘ}, {@code Ｘ}) become ASCII, the
 *       ideographic space U+3000 and the no-break spaces U+00A0, U+2007, U+202F become plain spaces, the full-width
 *       hyphen {@code －} a hyphen;</li>
 *   <li>format characters (Unicode category Cf) are removed: the zero-width space U+200B, zero-width (non-)joiner
 *       U+200C/U+200D, word joiner U+2060, byte-order mark U+FEFF, soft hyphen U+00AD and the direction marks;</li>
 *   <li>every white space is removed (an identifier has none; a space inside is a keying or copying artefact).</li>
 * </ol>
 * Letters keep their case (the value types upper-case where the value's rules say so). Names and free text are not
 * normalised: NFKC would change what a person wrote, and their invisible characters are refused by
 * {@link TextRules}, never stripped.
 */
public final class TypedInput {

    private TypedInput() {
    }

    /**
     * The identifier without full-width forms, spaces of any kind or invisible characters; {@code ""} when nothing
     * is left; null for null.
     */
    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String text = isPlain(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (invisible(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(c);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /**
     * A code (division, area, checkpoint) as {@link #identifier}, or null when nothing is left (a blank field).
     */
    public static String code(String raw) {
        String code = identifier(raw);
        return code == null || code.isEmpty() ? null : code;
    }

    /**
     * The text without white space of any kind (also no-break, figure and ideographic spaces) at its ends, otherwise
     * unchanged (no NFKC, format characters kept: for names and free text, whose invisible characters
     * {@link TextRules} refuses rather than strips); null when nothing but white space is left.
     */
    public static String trim(String raw) {
        if (raw == null) {
            return null;
        }
        int start = 0;
        int end = raw.length();
        while (start < end) {
            int c = raw.codePointAt(start);
            if (!space(c)) {
                break;
            }
            start += Character.charCount(c);
        }
        while (end > start) {
            int c = raw.codePointBefore(end);
            if (!space(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return start == end ? null : raw.substring(start, end);
    }

    private static boolean space(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean invisible(int c) {
        return Character.getType(c) == Character.FORMAT || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * True when the text holds nothing but white space of any kind (also no-break and ideographic spaces) and
     * invisible format characters: a field left empty, though {@link String#isBlank()} says otherwise for U+00A0 or
     * U+200B.
     */
    public static boolean blank(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (!invisible(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** Printable ASCII only: NFKC leaves it as it is, so the normalisation is skipped (the common case). */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
