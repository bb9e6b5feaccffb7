package org.cordon.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passwords and sign-in beyond the first check: one's own password change, the second sign-in step for
 * accounts with a second factor, and what administrators do about sign-in — reset a password (a
 * temporary one that must be changed at the next sign-in), lift a lock, see who is locked. Everything
 * that changes an account is audited in the same transaction.
 */
@Service
public class SignInManagement {

    /** What the administrator's list shows of an account's sign-in. */
    public record AccountSignIn(boolean twoFactor, boolean passwordChangeRequired, SignInThrottle.Entry throttle) {

        public boolean locked() {
            return throttle != null && throttle.locked();
        }
    }

    private static final String TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AccountRepository accounts;
    private final AccountManagement accountManagement;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;
    private final TwoFactorManagement twoFactor;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    SignInManagement(AccountRepository accounts, AccountManagement accountManagement, PasswordEncoder passwords,
                     PasswordPolicy policy, SignInThrottle throttle, TwoFactorManagement twoFactor, AuditLog audit,
                     JdbcClient jdbc, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.accountManagement = accountManagement;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    // ------------------------------------------------------------------ one's own password

    /**
     * Changes the caller's password: the current one must be right (a wrong one counts as a failed sign-in),
     * the new one must follow the {@link PasswordPolicy} and differ from the current one. Clears a required
     * change; audited ({@code PASSWORD_CHANGED}). Other sessions and remembered HTTP Basic checks of the old
     * password stop working (the hash changed).
     *
     * @param address the client address (for the sign-in throttle), may be null
     * @throws ValidationFailedException a field is missing or wrong; nothing changed
     * @throws RateLimitedException      the account or the address is delayed or locked after failures
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public void changeOwnPassword(CordonUser user, String currentPassword, String newPassword, String address) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean currentGiven = currentPassword != null && !currentPassword.isEmpty();
        if (!currentGiven) {
            problems.add(new FieldProblem("currentPassword", "validation.required"));
        }
        problems.addAll(policy.check("newPassword", user.getUsername(), newPassword));
        if (currentGiven && Objects.equals(currentPassword, newPassword)) {
            problems.add(new FieldProblem("newPassword", "validation.password.unchanged"));
        }
        if (currentGiven) {
            SignInThrottle.Check check = throttle.check(user.getUsername(), address);
            check.refusal().ifPresent(r -> {
                throw new RateLimitedException("Password checks of " + user.getUsername(), r.retryAfterSeconds());
            });
            if (!passwordMatches(user.id(), currentPassword)) {
                throttle.failed(user.getUsername(), address, "wrong current password (password change)");
                problems.add(0, new FieldProblem("currentPassword", "validation.password.currentWrong"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        transactions.executeWithoutResult(tx -> {
            accounts.setPassword(user.id(), passwords.encode(newPassword), false);
            audit.record(user.getUsername(), AuditLog.Action.PASSWORD_CHANGED, "account", String.valueOf(user.id()),
                    "password changed by its owner");
        });
    }

    /** Whether the account must change its password before anything else (read now, not from the session). */
    @SystemOperation
    public boolean passwordChangeRequired(long accountId) {
        return accounts.passwordChangeRequired(accountId);
    }

    // ------------------------------------------------------------------ the second sign-in step

    /**
     * The second step of a sign-in whose password was right: checks {@code code} (TOTP or recovery code) for
     * {@code username} and returns the account, freshly read, to sign in. A wrong code counts as a failed
     * sign-in; during a delay or a lock nothing is checked.
     *
     * @throws ValidationFailedException the code is missing or wrong (field {@code code})
     * @throws SignInThrottledException  the account or the address is delayed or locked after failures
     */
    @SystemOperation
    public CordonUser completeSecondFactor(String username, String code, String address) {
        if (TwoFactorManagement.normalise(code).isEmpty()) {
            throw new ValidationFailedException("code", "validation.required");
        }
        SignInThrottle.Check check = throttle.check(username, address);
        if (check.refusal().isPresent()) {
            throw new SignInThrottledException(check.refusal().get());
        }
        CordonUser user = accountManagement.loadUserByUsername(username);
        if (!user.isEnabled() || !twoFactor.verifySignInCode(user.id(), username, code)) {
            throttle.failed(username, address, "wrong second-factor code (sign-in form)");
            throw new ValidationFailedException("code", "validation.twoFactor.codeWrong");
        }
        throttle.succeeded(username, check);
        return user;
    }

    // ------------------------------------------------------------------ administrators

    /**
     * Sets a random temporary password on an account, to be changed at its next sign-in (pages lead only to
     * the change page, the API answers 403 until then), and lifts a lock of its name. Audited
     * ({@code PASSWORD_RESET}). Returns the temporary password, which is shown once and stored only hashed.
     *
     * @throws NotFoundException no such account
     */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public String resetPassword(CordonUser admin, long accountId) {
        String username = accounts.usernameOf(accountId).orElseThrow(() -> new NotFoundException("Account " + accountId));
        String temporary = temporaryPassword(username);
        transactions.executeWithoutResult(tx -> {
            accounts.setPassword(accountId, passwords.encode(temporary), true);
            audit.record(admin.getUsername(), AuditLog.Action.PASSWORD_RESET, "account", String.valueOf(accountId),
                    "temporary password set for " + username + "; to be changed at the next sign-in");
            throttle.unlock(admin.getUsername(), SignInThrottle.ACCOUNT, username);
        });
        return temporary;
    }

    /**
     * Lifts the lock (and forgets the failures) of an account's name; audited ({@code SIGN_IN_UNLOCKED}).
     * Returns false when it had none.
     *
     * @throws NotFoundException no such account
     */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public boolean unlockAccount(CordonUser admin, long accountId) {
        String username = accounts.usernameOf(accountId).orElseThrow(() -> new NotFoundException("Account " + accountId));
        return throttle.unlock(admin.getUsername(), SignInThrottle.ACCOUNT, username);
    }

    /**
     * Lifts the lock of an account name (also one no account has) or of a client address; audited.
     *
     * @param kind {@code ACCOUNT} or {@code ADDRESS}
     * @throws ValidationFailedException the kind is neither
     * @throws NotFoundException         nothing is locked or counted under that name or address
     */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public void unlock(CordonUser admin, String kind, String subject) {
        if (!SignInThrottle.ACCOUNT.equals(kind) && !SignInThrottle.ADDRESS.equals(kind)) {
            throw new ValidationFailedException("kind", "validation.signin.kind", String.valueOf(kind));
        }
        if (subject == null || subject.isBlank() || !throttle.unlock(admin.getUsername(), kind, subject.trim())) {
            throw new NotFoundException("Sign-in lock of " + kind + " " + subject);
        }
    }

    /** Names and addresses locked now or being delayed after failures, most recent first (at most 500). */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public List<SignInThrottle.Entry> throttled(CordonUser admin) {
        return throttle.entries();
    }

    /** Every account's sign-in state by account id: second factor, a required change, a lock or delay. */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public Map<Long, AccountSignIn> signInStates(CordonUser admin) {
        Map<String, SignInThrottle.Entry> byName = new HashMap<>();
        for (SignInThrottle.Entry e : throttle.entries()) {
            if (SignInThrottle.ACCOUNT.equals(e.kind())) {
                byName.put(e.subject(), e);
            }
        }
        Map<Long, AccountSignIn> states = new HashMap<>();
        jdbc.sql("""
                        select a.id, a.username, a.password_change_required,
                               exists(select 1 from account_totp t where t.account_id = a.id) as two_factor
                        from account a""")
                .query(rs -> {
                    states.put(rs.getLong(1), new AccountSignIn(rs.getBoolean(4), rs.getBoolean(3),
                            byName.get(SignInThrottle.subject(rs.getString(2)))));
                });
        return states;
    }

    private boolean passwordMatches(long accountId, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            return false;
        }
        String hash = jdbc.sql("select password_hash from account where id = ?").param(accountId).query(String.class).single();
        return passwords.matches(password, hash);
    }

    /** Four groups of four characters without look-alikes (no 0/O, 1/l/I), checked against the policy. */
    private String temporaryPassword(String username) {
        while (true) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i > 0 && i % 4 == 0) {
                    sb.append('-');
                }
                sb.append(TEMPORARY_ALPHABET.charAt(random.nextInt(TEMPORARY_ALPHABET.length())));
            }
            String candidate = sb.toString();
            if (policy.check("password", username, candidate).isEmpty()) {
                return candidate;
            }
        }
    }
}
