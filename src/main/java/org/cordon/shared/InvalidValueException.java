package org.cordon.shared;

import java.util.Objects;

/**
 * Thrown when a raw input cannot be turned into a value type (ID number, phone number, plate number,
 * temperature, ...).
 *
 * <p>The exception carries an i18n {@linkplain #messageCode() message code} and optional
 * {@linkplain #args() arguments} so that the web layer can resolve a user-facing message through a
 * {@code MessageSource}. The exception message itself is the message code, which keeps logs free of
 * the (possibly personal) rejected input.
 */
public class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageCode;
    private final transient Object[] args;

    /**
     * Creates a new exception.
     *
     * @param messageCode i18n message code, e.g. {@code validation.idNumber.checksum}; must not be null
     * @param args        message arguments referenced as {@code {0}}, {@code {1}}, ... in the message
     */
    public InvalidValueException(String messageCode, Object... args) {
        super(Objects.requireNonNull(messageCode, "messageCode"));
        this.messageCode = messageCode;
        this.args = args == null ? new Object[0] : args.clone();
    }

    /**
     * Returns the i18n message code describing what is wrong.
     *
     * @return the message code, never null
     */
    public String messageCode() {
        return messageCode;
    }

    /**
     * Returns the message arguments (a defensive copy).
     *
     * @return the arguments, never null, possibly empty
     */
    public Object[] args() {
        return args.clone();
    }
}
