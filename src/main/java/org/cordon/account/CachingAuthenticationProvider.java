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

/**
 * Password sign-in with a short-lived memory of successful checks. API clients send HTTP Basic on
 * every request; verifying the adaptive (bcrypt) hash each time would cost ~100 ms per call, which
 * a checkpoint queue feels. After one full verification, the same user name and password are
 * accepted for a few minutes by comparing a keyed hash (HMAC with a per-process random key) — as
 * long as the account is still enabled and its stored password hash is unchanged, both re-read
 * from the database on every request, so disabling an account or changing a password takes
 * effect at once. Nothing that could be reversed to a password is kept.
 */
class CachingAuthenticationProvider implements AuthenticationProvider {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Verified(byte[] mac, String passwordHash, Instant until) {
    }

    private final AccountManagement accounts;
    private final DaoAuthenticationProvider delegate;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    CachingAuthenticationProvider(AccountManagement accounts, PasswordEncoder encoder, Clock clock) {
        this.accounts = accounts;
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
        byte[] mac = mac(username, credentials.toString());
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
        Authentication result = verify(authentication);
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
