package org.cordon.account;

import java.time.LocalDate;

/**
 * How much of the people of one record a view shows, and the only maker of revealed
 * {@link PersonalValue}s. {@link #masked()} is free to use; {@link Level#CONTACT} and {@link Level#FULL}
 * disclosures come only from {@link PersonalDataManagement}, after its permission and jurisdiction
 * checks and its audit entry.
 */
public final class Disclosure {

    /** What a view shows. */
    public enum Level {
        /** Everything masked; no birth date (it is exactly the digits an ID mask hides). */
        MASKED,
        /** Name and phone in full (to call the person); the ID number masked, no birth date. */
        CONTACT,
        /** Everything in full. */
        FULL
    }

    private static final Disclosure MASKED = new Disclosure(Level.MASKED);

    private final Level level;

    private Disclosure(Level level) {
        this.level = level;
    }

    /** Only for {@link PersonalDataManagement}. */
    static Disclosure of(Level level) {
        return level == Level.MASKED ? MASKED : new Disclosure(level);
    }

    /** Shows nothing in full: lists, ordinary views, records copied from ones the caller may not see. */
    public static Disclosure masked() {
        return MASKED;
    }

    public Level level() {
        return level;
    }

    /** True when every value is shown in full. */
    public boolean full() {
        return level == Level.FULL;
    }

    /** True when at least name and phone are shown in full. */
    public boolean contact() {
        return level != Level.MASKED;
    }

    public PersonalValue name(String value) {
        return contact() ? PersonalValue.revealed(PersonalValue.Kind.NAME, value) : PersonalValue.name(value);
    }

    public PersonalValue idNumber(String value) {
        return full() ? PersonalValue.revealed(PersonalValue.Kind.ID_NUMBER, value) : PersonalValue.idNumber(value);
    }

    public PersonalValue phone(String value) {
        return contact() ? PersonalValue.revealed(PersonalValue.Kind.PHONE, value) : PersonalValue.phone(value);
    }

    /** The birth date in a full view only: next to a masked ID number it would give the hidden digits away. */
    public LocalDate birthDate(LocalDate value) {
        return full() ? value : null;
    }

    @Override
    public String toString() {
        return "Disclosure[" + level + "]";
    }
}
