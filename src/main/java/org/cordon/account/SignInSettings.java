package org.cordon.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in protection ({@code cordon.signin.*}). Failed sign-ins (a wrong password or a wrong second-factor
 * code, on the form or with HTTP Basic) are counted per account name and per client address. From
 * {@code delayAfter} failures on, the next attempt is refused until a delay has passed since the last
 * failure ({@code delay}, doubling with each further failure up to {@code maxDelay}); at {@code lockAfter}
 * failures the account name (or address) is locked for {@code lockDuration}, the right password included.
 * Failures are forgotten {@code forgetAfter} after the last one, or at a successful sign-in (the account's
 * count; an address's count only ages).
 *
 * @param accountDelayAfter  failures of one account name before delays start (5)
 * @param accountLockAfter   failures of one account name that lock it (10)
 * @param addressDelayAfter  failures from one client address (any names) before delays start (20)
 * @param addressLockAfter   failures from one client address that lock it (50)
 * @param delay              the first delay (2 s), doubled with each further failure
 * @param maxDelay           the longest delay (5 min)
 * @param lockDuration       how long a lock lasts (15 min); one more failure after it locks again
 * @param forgetAfter        failures are forgotten this long after the last one (1 h; at least {@code lockDuration})
 * @param passwordMinLength  the shortest password accepted when an account is created or a password set (12)
 * @param totpIssuer         the issuer shown in authenticator apps ("Cordon")
 */
@ConfigurationProperties("cordon.signin")
public record SignInSettings(@DefaultValue("5") int accountDelayAfter,
                             @DefaultValue("10") int accountLockAfter,
                             @DefaultValue("20") int addressDelayAfter,
                             @DefaultValue("50") int addressLockAfter,
                             @DefaultValue("2s") Duration delay,
                             @DefaultValue("5m") Duration maxDelay,
                             @DefaultValue("15m") Duration lockDuration,
                             @DefaultValue("1h") Duration forgetAfter,
                             @DefaultValue("12") int passwordMinLength,
                             @DefaultValue("Cordon") String totpIssuer) {

    public SignInSettings {
        if (accountDelayAfter < 1 || accountLockAfter < accountDelayAfter) {
            throw new IllegalArgumentException("cordon.signin.account-delay-after must be at least 1 and account-lock-after "
                    + "at least account-delay-after, not " + accountDelayAfter + " and " + accountLockAfter);
        }
        if (addressDelayAfter < 1 || addressLockAfter < addressDelayAfter) {
            throw new IllegalArgumentException("cordon.signin.address-delay-after must be at least 1 and address-lock-after "
                    + "at least address-delay-after, not " + addressDelayAfter + " and " + addressLockAfter);
        }
        for (Duration d : new Duration[] {delay, maxDelay, lockDuration, forgetAfter}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("cordon.signin delays and durations must be positive, not " + d);
            }
        }
        if (forgetAfter.compareTo(lockDuration) < 0) {
            throw new IllegalArgumentException("cordon.signin.forget-after (" + forgetAfter + ") must be at least lock-duration ("
                    + lockDuration + ")");
        }
        if (passwordMinLength < 8 || passwordMinLength > 64) {
            throw new IllegalArgumentException("cordon.signin.password-min-length must be between 8 and 64, not " + passwordMinLength);
        }
    }
}
