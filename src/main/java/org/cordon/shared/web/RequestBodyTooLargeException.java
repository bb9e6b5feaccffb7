package org.cordon.shared.web;

import java.io.IOException;

/** A request body passed {@code cordon.http.max-body-size} while it was read (a body whose length was not declared). */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
