package org.cordon.account;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without checking its password, because the account name or the client address
 * failed too often lately ({@link SignInThrottle}): the API answers {@code 429} with {@code Retry-After},
 * the sign-in form says how long to wait.
 */
public class SignInThrottledException extends AuthenticationException {

    private final transient SignInThrottle.Refusal refusal;

    SignInThrottledException(SignInThrottle.Refusal refusal) {
        super("Sign-in refused for " + refusal.retryAfterSeconds() + " s after repeated failures (" + refusal.kind()
                + (refusal.locked() ? " locked)" : " delayed)"));
        this.refusal = refusal;
    }

    /** Seconds until an attempt is checked again (at least 1). */
    public long retryAfterSeconds() {
        return refusal.retryAfterSeconds();
    }

    /** True for a lock (many failures), false for a delay. */
    public boolean locked() {
        return refusal.locked();
    }

    /**
     * The API's answer: {@code 429} with {@code Retry-After} and a problem {@code urn:cordon:problem:sign-in-throttled}
     * ({@code retryAfter} in seconds), titled for a lock or a delay in the caller's language.
     */
    void writeProblem(HttpServletRequest request, HttpServletResponse response, MessageSource messages, Locale locale)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds()));
        ProblemDetail problem = Problems.problem(messages, locale, HttpStatus.TOO_MANY_REQUESTS, "urn:cordon:problem:sign-in-throttled",
                locked() ? "problem.signInLocked" : "problem.signInDelayed", retryAfterSeconds());
        problem.setProperty("retryAfter", retryAfterSeconds());
        Problems.write(problem, request, response);
    }
}
