package org.cordon.account;

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
}
