package org.cordon.shared;

import java.util.List;
import java.util.Optional;

/**
 * The platform's rules for the characters of text typed or sent by anyone, in one place.
 *
 * <ul>
 * <li><b>Every text</b> (every string of a JSON body, every form, query and path parameter, checked at the edge
 *     by {@code shared.web}): no control characters other than tab, line feed and carriage return — C0 controls
 *     such as NUL (which PostgreSQL cannot store), DEL and the C1 controls U+0080–U+009F — and no lone surrogate
 *     (half of a character, which cannot be stored as UTF-8). Refused with {@value #CONTROL}.</li>
 * <li><b>Names</b> of people, Party branches, places, groups and organisations ({@link #nameProblem}): besides,
 *     no character that is invisible or changes how the text around it is shown — Unicode format characters
 *     (category Cf: the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the direction
 *     marks U+200E/U+200F/U+061C, the zero-width space, joiners and word joiner U+200B–U+200D and U+2060, the
 *     byte-order mark U+FEFF, the soft hyphen ...), no line or paragraph separators, no tab or line break, and no
 *     U+FFFD (a character lost to a wrong encoding). Such a name is refused with {@value #NAME_INVISIBLE} and the
 *     position and code of the character, never silently stripped: a name is compared with ID documents and
 *     searched for, so what is stored must be exactly what the user sees.</li>
 * </ul>
 */
public final class TextRules {

    /** Message code of a forbidden control character; arguments: its position (from 1), its code ({@code U+0000}). */
    public static final String CONTROL = "validation.text.control";
    /** Message code of an invisible or formatting character in a name; arguments as {@link #CONTROL}. */
    public static final String NAME_INVISIBLE = "validation.name.invisible";

    private TextRules() {
    }

    /** The index of the first character no text may hold (see the class comment), or -1. */
    public static int forbiddenControl(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first character a name may not hold (see the class comment), or -1. */
    public static int forbiddenInName(CharSequence name) {
        int control = forbiddenControl(name);
        if (control >= 0 || name == null) {
            return control;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = Character.codePointAt(name, i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || cp == 0xFFFD) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** The problem of a text with a control character, if it has one. */
    public static Optional<FieldProblem> controlProblem(String field, CharSequence text) {
        int at = forbiddenControl(text);
        return at < 0 ? Optional.empty() : Optional.of(new FieldProblem(field, CONTROL, position(text, at), codeOf(text, at)));
    }

    /**
     * The problem of a name (of a person, branch, place, group or organisation) with a character no name may hold,
     * if it has one: a control character gives {@value #CONTROL}, an invisible or formatting one
     * {@value #NAME_INVISIBLE}. Null and blank names have no problem here (whether a name is required is the
     * caller's rule).
     */
    public static Optional<FieldProblem> nameProblem(String field, CharSequence name) {
        Optional<FieldProblem> control = controlProblem(field, name);
        if (control.isPresent()) {
            return control;
        }
        int at = forbiddenInName(name);
        return at < 0 ? Optional.empty() : Optional.of(new FieldProblem(field, NAME_INVISIBLE, position(name, at), codeOf(name, at)));
    }

    /** Adds the problem of a name to {@code problems} (see {@link #nameProblem}); true when it had none. */
    public static boolean checkName(String field, CharSequence name, List<FieldProblem> problems) {
        Optional<FieldProblem> problem = nameProblem(field, name);
        problem.ifPresent(problems::add);
        return problem.isEmpty();
    }

    /** The character's position counted in characters as a user sees them (code points), from 1 (text: no digit grouping). */
    static String position(CharSequence text, int index) {
        return String.valueOf(Character.codePointCount(text, 0, index) + 1);
    }

    /** {@code U+202E}, the way a user can look the character up. */
    public static String codeOf(CharSequence text, int index) {
        int cp = Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1)) ? Character.codePointAt(text, index) : text.charAt(index);
        return String.format("U+%04X", cp);
    }
}
