package org.cordon.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for checkpoint phones and integrations: an administrator issues one for an account, and a
 * request with {@code Authorization: Bearer <token>} on the API then acts as that account — its role and
 * jurisdiction — without its password. The value ({@code cdn_} and 43 characters, 256 random bits) is
 * returned once by {@link #issue} and never stored: only its SHA-256 is kept (enough for a value that
 * cannot be guessed, and cheap on every request). A token is refused once revoked, past its expiry, or
 * while its account is disabled — each checked on every request, so a revocation takes effect at once.
 */
@Service
public class ApiTokenManagement {

    /** Prefix of every token: tells a leaked token apart in logs and secret scanners. */
    public static final String PREFIX = "cdn_";
    static final Pattern FORMAT = Pattern.compile("cdn_[A-Za-z0-9_-]{43}");
    static final int NAME_MAX = 100;
    /** Tokens accepted at the same time for one account: a bound, not a policy (a phone per post). */
    static final int MAX_ACTIVE_PER_ACCOUNT = 50;
    /** Longest validity one can ask for: also keeps the expiry within what the database stores. */
    static final int MAX_YEARS = 5;
    /** Rows of the administrator's list. */
    static final int LIST_LIMIT = 1000;
    private static final int SHOWN_PREFIX = 12;

    private final ApiTokenRepository repository;
    private final AccountManagement accounts;
    private final AuditLog audit;
    private final CordonSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenManagement(ApiTokenRepository tokens, AccountManagement accounts, AuditLog audit, CordonSettings settings, Clock clock) {
        this.repository = tokens;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues a token for an enabled account, audited ({@code TOKEN_ISSUED}). Throws
     * {@link ValidationFailedException} and stores nothing when a field is invalid (unknown or disabled
     * account, no name, a name over 100 characters, no kind, an expiry in the past or more than five years
     * ahead, or 50 tokens of the account already accepted).
     */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public IssuedApiToken issue(CordonUser admin, NewApiToken request) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant now = clock.instant();
        CordonUser account = null;
        String username = request.username() == null ? "" : request.username().trim();
        if (username.isEmpty()) {
            problems.add(new FieldProblem("username", "validation.required"));
        } else {
            try {
                account = accounts.loadUserByUsername(username);
                if (!account.isEnabled()) {
                    problems.add(new FieldProblem("username", "validation.token.accountDisabled", username));
                } else if (repository.countActive(account.id(), now) >= MAX_ACTIVE_PER_ACCOUNT) {
                    problems.add(new FieldProblem("username", "validation.token.tooMany", username, MAX_ACTIVE_PER_ACCOUNT));
                }
            } catch (UsernameNotFoundException e) {
                problems.add(new FieldProblem("username", "validation.token.accountUnknown", username));
            }
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "validation.required"));
        } else if (name.length() > NAME_MAX) {
            problems.add(new FieldProblem("name", "validation.tooLong", NAME_MAX, name.length()));
        }
        if (request.kind() == null) {
            problems.add(new FieldProblem("kind", "validation.required"));
        }
        Instant expiresAt = null;
        if (request.expiresOn() != null) {
            LocalDate today = settings.today(clock);
            if (request.expiresOn().isBefore(today)) {
                problems.add(new FieldProblem("expiresOn", "validation.token.expiresPast", today));
            } else if (request.expiresOn().isAfter(today.plusYears(MAX_YEARS))) {
                problems.add(new FieldProblem("expiresOn", "validation.token.expiresTooLate", MAX_YEARS));
            } else {
                // accepted through the whole of its last day, city time
                expiresAt = request.expiresOn().plusDays(1).atStartOfDay(settings.timeZone()).toInstant();
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        String token = newToken();
        long id = repository.insert(account.id(), name, request.kind(), hash(token), token.substring(0, SHOWN_PREFIX),
                admin.getUsername(), expiresAt);
        audit.record(admin.getUsername(), AuditLog.Action.TOKEN_ISSUED, "api_token", String.valueOf(id),
                account.getUsername() + " " + request.kind() + " " + token.substring(0, SHOWN_PREFIX) + " " + name);
        return new IssuedApiToken(token, repository.find(id, now).orElseThrow());
    }

    /** Every token (at most the newest 1,000), newest first, with its status now. */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public List<ApiTokenSummary> tokens(CordonUser admin) {
        return repository.findAll(clock.instant(), LIST_LIMIT);
    }

    /**
     * Revokes a token, effective for the next request, audited ({@code TOKEN_REVOKED}); revoking a revoked
     * token again changes nothing. Throws {@link NotFoundException} for an unknown id.
     */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public ApiTokenSummary revoke(CordonUser admin, long tokenId) {
        Instant now = clock.instant();
        if (repository.revoke(tokenId, admin.getUsername(), now) == 1) {
            ApiTokenSummary revoked = repository.find(tokenId, now).orElseThrow();
            audit.record(admin.getUsername(), AuditLog.Action.TOKEN_REVOKED, "api_token", String.valueOf(tokenId),
                    revoked.username() + " " + revoked.prefix() + " " + revoked.name());
            return revoked;
        }
        return repository.find(tokenId, now).orElseThrow(() -> new NotFoundException("API token " + tokenId));
    }

    /**
     * The account a presented token acts as, or empty when the token is malformed, unknown, revoked, expired
     * or its account is disabled (callers answer all alike, so nothing tells them apart). Records the use at
     * most once a minute per token.
     */
    Optional<CordonUser> authenticate(String token, String clientAddress) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<ApiTokenRepository.Stored> found = repository.findByHash(hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiTokenRepository.Stored stored = found.get();
        Instant now = clock.instant();
        if (stored.revokedAt() != null || (stored.expiresAt() != null && !now.isBefore(stored.expiresAt()))) {
            return Optional.empty();
        }
        CordonUser user;
        try {
            user = accounts.loadUserByUsername(stored.username());
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
        if (!user.isEnabled()) {
            return Optional.empty();
        }
        if (stored.lastUsedAt() == null || stored.lastUsedAt().isBefore(now.minusSeconds(60))) {
            repository.touch(stored.id(), now, clientAddress);
        }
        user.eraseCredentials();
        return Optional.of(user);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
