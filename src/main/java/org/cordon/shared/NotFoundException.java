package org.cordon.shared;

/** The requested record does not exist (API: 404 problem). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
