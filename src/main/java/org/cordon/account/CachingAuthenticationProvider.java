package org.cordon.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.cordon.shared.web.DatabaseUnavailable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in with a short-lived memory of successful checks. API clients send HTTP Basic on
 * every request; verifying the adaptive (bcrypt) hash each time would cost ~100 ms per call, which
 * a checkpoint queue feels. After one full verification, the same user name and password are
 * accepted for a few minutes by comparing a keyed hash (HMAC with a per-process random key) — as
 * long as the account is still enabled and its stored password hash is unchanged, both re-read
 * from the database on every request, so disabling an account or changing a password takes
 * effect at once. Nothing that could be reversed to a password is kept.
 *
 * <p>Every attempt, remembered or not, first passes the {@link SignInThrottle}: while the account name or
 * the client address is delayed or locked it is refused before any password is compared (so neither the
 * memory nor the right password gets through a lock), and every wrong password counts. A right password forgets
 * the name's failures, except for an account with a second factor, whose failures include wrong codes.
 */
class CachingAuthenticationProvider implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Verified(byte[] mac, String passwordHash, Instant until) {
    }

    private final AccountManagement accounts;
    private final SignInThrottle throttle;
    private final DaoAuthenticationProvider delegate;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    CachingAuthenticationProvider(AccountManagement accounts, PasswordEncoder encoder, Clock clock, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.delegate = new DaoAuthenticationProvider(accounts);
        this.delegate.setPasswordEncoder(encoder);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (username == null || credentials == null) {
            return verify(authentication);
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        SignInThrottle.Check check = throttle.check(username, address);
        if (check.refusal().isPresent()) {
            verified.remove(username);
            throw new SignInThrottledException(check.refusal().get());
        }
        if (credentials.toString().getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            // no password this long can be set (bcrypt reads 72 bytes): wrong, without asking bcrypt, which refuses it
            throttle.failed(username, address, "wrong password (" + channel() + ")");
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication result = authenticateChecked(authentication, username, credentials.toString());
        if (!(result != null && result.getPrincipal() instanceof CordonUser user && user.twoFactor())) {
            // with a second factor the password is only half of the sign-in: its failures (wrong codes) are forgotten
            // once the code is right (SignInManagement.completeSecondFactor), or each right password would grant
            // further code guesses
            throttle.succeeded(username, check);
        }
        return result;
    }

    private Authentication authenticateChecked(Authentication authentication, String username, String password) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        byte[] mac = mac(username, password);
        Verified entry = verified.get(username);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.until()) && MessageDigest.isEqual(entry.mac(), mac)) {
            CordonUser user;
            try {
                user = accounts.loadUserByUsername(username);
            } catch (UsernameNotFoundException e) {
                verified.remove(username);
                throw new BadCredentialsException("Bad credentials");
            }
            if (!user.isEnabled()) {
                verified.remove(username);
                throw new DisabledException("Account disabled");
            }
            if (entry.passwordHash().equals(user.getPassword())) {
                user.eraseCredentials();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            }
            verified.remove(username);
        }
        Authentication result;
        try {
            result = verify(authentication);
        } catch (BadCredentialsException e) {
            throttle.failed(username, address, "wrong password (" + channel() + ")");
            throw e;
        }
        if (result != null && result.getPrincipal() instanceof CordonUser) {
            // re-read: the delegate erased the credentials of the principal it returned
            String hash = accounts.loadUserByUsername(username).getPassword();
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(username, new Verified(mac, hash, now.plus(TTL)));
        }
        return result;
    }

    /**
     * The full check. DaoAuthenticationProvider turns any failure to load the user into an
     * authentication failure, so a database outage would read as "wrong password" (401, or the sign-in
     * form's error); rethrown as the database failure it is, it is answered with 503 instead.
     */
    private Authentication verify(Authentication authentication) {
        try {
            return delegate.authenticate(authentication);
        } catch (InternalAuthenticationServiceException e) {
            if (e.getCause() instanceof RuntimeException cause && DatabaseUnavailable.isCause(cause)) {
                throw cause;
            }
            throw e;
        }
    }

    /** How the attempt came, for the audit log: the sign-in form or HTTP Basic. */
    static String channel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String path = attributes.getRequest().getRequestURI().substring(attributes.getRequest().getContextPath().length());
            return path.startsWith("/api/") ? "HTTP Basic" : "sign-in form";
        }
        return "direct";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
