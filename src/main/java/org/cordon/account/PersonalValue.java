package org.cordon.account;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

import org.cordon.shared.Masking;

/**
 * A name, ID number or phone as it travels in a view: masked unless revealed. A masked value holds
 * only the masked text — what the mask hides is not in the object at all — so no template, JSON
 * writer or log line can show more than the view is allowed to. A revealed value can only be made by
 * a {@link Disclosure} from {@link PersonalDataManagement}, the one audited reveal path; everyone else
 * can only mask ({@link #name(String)}, {@link #idNumber(String)}, {@link #phone(String)}).
 *
 * <p>It is written as its text: in JSON ({@link JsonValue}), in templates and in logs ({@link #toString()}).
 */
public final class PersonalValue {

    /** The kinds of personal value a view carries. */
    public enum Kind { NAME, ID_NUMBER, PHONE }

    private final Kind kind;
    private final String text;
    private final boolean revealed;

    private PersonalValue(Kind kind, String text, boolean revealed) {
        this.kind = kind;
        this.text = text;
        this.revealed = revealed;
    }

    /** The name, masked ({@code 张*明}); null for null. */
    public static PersonalValue name(String value) {
        return masked(Kind.NAME, value);
    }

    /** The ID number, masked ({@code 610881********0015}); null for null. */
    public static PersonalValue idNumber(String value) {
        return masked(Kind.ID_NUMBER, value);
    }

    /** The phone, masked ({@code 138****5678}); null for null. */
    public static PersonalValue phone(String value) {
        return masked(Kind.PHONE, value);
    }

    /** The value masked as its kind is; null for null. */
    public static PersonalValue masked(Kind kind, String value) {
        if (value == null) {
            return null;
        }
        String masked = switch (kind) {
            case NAME -> Masking.name(value);
            case ID_NUMBER -> Masking.idNumber(value);
            case PHONE -> Masking.phone(value);
        };
        return new PersonalValue(kind, masked, false);
    }

    /** Only for {@link Disclosure}: the value in full. */
    static PersonalValue revealed(Kind kind, String value) {
        return value == null ? null : new PersonalValue(kind, value, true);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the value is shown in full (an audited reveal). */
    public boolean isRevealed() {
        return revealed;
    }

    /** The value as shown: in full when revealed, masked otherwise. */
    @JsonValue
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalValue v && v.kind == kind && v.revealed == revealed && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, revealed);
    }
}
