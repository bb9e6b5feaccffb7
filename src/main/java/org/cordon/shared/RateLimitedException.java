package org.cordon.shared;

/**
 * The caller has used up an allowance (e.g. exact searches by ID or phone per account) and may try
 * again after {@link #retryAfterSeconds()} (API: {@code 429} problem {@code urn:cordon:problem:rate-limited}
 * with {@code Retry-After}; pages: a message next to the field, or a 429 page).
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS)
public class RateLimitedException extends RuntimeException {

    /** Message key of the field message on pages; argument {0} is {@link #retryAfterSeconds()}. */
    public static final String FIELD_MESSAGE = "validation.rateLimited";

    private final long retryAfterSeconds;

    /**
     * @param what              what was limited, for logs (never a personal value)
     * @param retryAfterSeconds seconds until the next attempt may succeed (at least 1)
     */
    public RateLimitedException(String what, long retryAfterSeconds) {
        super(what + ": over the limit, retry after " + Math.max(1, retryAfterSeconds) + " s");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The field problem pages show (the field is the search box, e.g. {@code q}). */
    public FieldProblem fieldProblem(String field) {
        return new FieldProblem(field, FIELD_MESSAGE, retryAfterSeconds);
    }
}
