package org.cordon.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second sign-in factor: TOTP codes (RFC 6238) from an authenticator app, for the roles holding
 * {@link Permission#TWO_FACTOR} (administrators and commanders), each deciding for their own account.
 * Enrolment shows a secret and its QR code and takes effect once a code from the app confirms it; it hands
 * out {@value #RECOVERY_CODES} one-time recovery codes, shown once and stored only as keyed hashes. The secret
 * is stored encrypted ({@link PersonalDataCipher}). A code is accepted once: a code of the same or an earlier
 * 30-second step than the last one accepted is refused. Disabling takes the password and a code.
 */
@Service
public class TwoFactorManagement {

    static final int RECOVERY_CODES = 10;
    static final String SECRET_FIELD = "account_totp.secret";
    static final String RECOVERY_FIELD = "account_recovery_code";
    private static final Pattern SPACES = Pattern.compile("[\\s-]+");

    /** A secret offered for enrolment: what the app needs, as text and as a QR code. */
    public record Enrolment(String secret, String otpauthUri, String qrDataUri) implements java.io.Serializable {
    }

    /** Whether an account has the second factor, since when, and how many recovery codes are left. */
    public record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft) {
    }

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final SignInSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Totp totp = new Totp();

    TwoFactorManagement(JdbcClient jdbc, PersonalDataCipher cipher, PasswordEncoder passwords, SignInThrottle throttle,
                        AuditLog audit, SignInSettings settings, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The caller's second factor. */
    @RequiresPermission(Permission.TWO_FACTOR)
    public Status status(CordonUser user) {
        return jdbc.sql("""
                        select t.enabled_at,
                               (select count(*) from account_recovery_code r where r.account_id = t.account_id and r.used_at is null)
                        from account_totp t where t.account_id = ?""")
                .param(user.id())
                .query((rs, n) -> new Status(true, rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2)))
                .optional().orElse(new Status(false, null, 0));
    }

    /**
     * A fresh secret for the caller to enrol (nothing is stored: the caller keeps it, e.g. in the session,
     * until {@link #confirmEnrolment}).
     */
    @RequiresPermission(Permission.TWO_FACTOR)
    public Enrolment newEnrolment(CordonUser user) {
        String secret = totp.newSecret();
        QrData data = Totp.qrData(secret, settings.totpIssuer(), user.getUsername());
        return new Enrolment(secret, data.getUri(), Totp.qrDataUri(data));
    }

    /**
     * Turns the second factor on with {@code secret} (from {@link #newEnrolment}) once {@code code} shows that
     * the app has it; returns the recovery codes, which are not shown again. Audited ({@code TWO_FACTOR_ENABLED}).
     *
     * @throws ValidationFailedException the code is missing or wrong, or the second factor is already on
     */
    @RequiresPermission(Permission.TWO_FACTOR)
    public List<String> confirmEnrolment(CordonUser user, String secret, String code) {
        if (secret == null || secret.isBlank()) {
            throw new ValidationFailedException("code", "validation.twoFactor.noEnrolment");
        }
        String typed = normalise(code);
        if (typed.isEmpty()) {
            throw new ValidationFailedException("code", "validation.required");
        }
        if (status(user).enabled()) {
            throw new ValidationFailedException("code", "validation.twoFactor.alreadyOn");
        }
        OptionalLong step = totp.matchingStep(secret, typed, clock.instant());
        if (step.isEmpty()) {
            throw new ValidationFailedException("code", "validation.twoFactor.codeWrong");
        }
        String[] codes = new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES);
        transactions.executeWithoutResult(tx -> {
            int inserted = jdbc.sql("""
                            insert into account_totp(account_id, secret, last_used_step) values (?, ?, ?)
                            on conflict (account_id) do nothing""")
                    .params(user.id(), cipher.encrypt(SECRET_FIELD, secret), step.getAsLong()).update();
            if (inserted == 0) {
                throw new ValidationFailedException("code", "validation.twoFactor.alreadyOn");
            }
            jdbc.sql("delete from account_recovery_code where account_id = ?").param(user.id()).update();
            for (String c : codes) {
                jdbc.sql("insert into account_recovery_code(account_id, code_hash) values (?, ?)")
                        .params(user.id(), recoveryHash(c)).update();
            }
            audit.record(user.getUsername(), AuditLog.Action.TWO_FACTOR_ENABLED, "account", String.valueOf(user.id()),
                    "TOTP second factor enabled with " + RECOVERY_CODES + " recovery codes");
        });
        return List.of(codes);
    }

    /**
     * Turns the caller's second factor off: needs the password and a current code (or a recovery code).
     * A wrong password or code counts as a failed sign-in. Audited ({@code TWO_FACTOR_DISABLED}).
     *
     * @param address the client address (for the sign-in throttle), may be null
     * @throws ValidationFailedException a field is missing or wrong, or the second factor is off
     * @throws RateLimitedException      the account or the address is delayed or locked after failures
     */
    @RequiresPermission(Permission.TWO_FACTOR)
    public void disable(CordonUser user, String password, String code, String address) {
        List<org.cordon.shared.FieldProblem> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(new org.cordon.shared.FieldProblem("password", "validation.required"));
        }
        if (normalise(code).isEmpty()) {
            problems.add(new org.cordon.shared.FieldProblem("code", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        if (!status(user).enabled()) {
            throw new ValidationFailedException("code", "validation.twoFactor.off");
        }
        SignInThrottle.Check check = throttle.check(user.getUsername(), address);
        check.refusal().ifPresent(r -> {
            throw new RateLimitedException("Sign-in checks of " + user.getUsername(), r.retryAfterSeconds());
        });
        if (!passwordMatches(user.id(), password)) {
            throttle.failed(user.getUsername(), address, "wrong password (turning the second factor off)");
            throw new ValidationFailedException("password", "validation.password.currentWrong");
        }
        if (!verify(user.id(), user.getUsername(), code)) {
            throttle.failed(user.getUsername(), address, "wrong second-factor code (turning the second factor off)");
            throw new ValidationFailedException("code", "validation.twoFactor.codeWrong");
        }
        transactions.executeWithoutResult(tx -> {
            remove(user.id());
            audit.record(user.getUsername(), AuditLog.Action.TWO_FACTOR_DISABLED, "account", String.valueOf(user.id()),
                    "TOTP second factor disabled by its owner");
        });
    }

    /**
     * An administrator turns an account's second factor off (its owner lost the phone and the recovery
     * codes); audited ({@code TWO_FACTOR_DISABLED}). The owner may enrol again after signing in with the password.
     *
     * @throws NotFoundException no such account
     */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public void removeByAdministrator(CordonUser admin, long accountId) {
        transactions.executeWithoutResult(tx -> {
            if (jdbc.sql("select count(*) from account where id = ?").param(accountId).query(Integer.class).single() == 0) {
                throw new NotFoundException("Account " + accountId);
            }
            boolean had = remove(accountId);
            audit.record(admin.getUsername(), AuditLog.Action.TWO_FACTOR_DISABLED, "account", String.valueOf(accountId),
                    had ? "TOTP second factor removed by an administrator" : "no second factor to remove");
        });
    }

    /**
     * Checks a second-factor code at sign-in: a TOTP code not used before (its step later than the last
     * accepted), or an unused recovery code, which is then spent (audited {@code RECOVERY_CODE_USED}).
     * Counts nothing: the caller counts a false answer as a failed sign-in.
     */
    @SystemOperation
    public boolean verifySignInCode(long accountId, String username, String code) {
        return verify(accountId, username, code);
    }

    private boolean verify(long accountId, String username, String code) {
        String typed = normalise(code);
        if (typed.isEmpty()) {
            return false;
        }
        if (Totp.looksLikeCode(typed)) {
            byte[] sealed = jdbc.sql("select secret from account_totp where account_id = ?").param(accountId)
                    .query(byte[].class).optional().orElse(null);
            if (sealed == null) {
                return false;
            }
            OptionalLong step = totp.matchingStep(cipher.decrypt(SECRET_FIELD, sealed), typed, clock.instant());
            // atomic: of two requests with the same code, one wins
            return step.isPresent() && jdbc.sql("update account_totp set last_used_step = ? where account_id = ? and last_used_step < ?")
                    .params(step.getAsLong(), accountId, step.getAsLong()).update() == 1;
        }
        boolean spent = transactions.execute(tx -> {
            int used = jdbc.sql("update account_recovery_code set used_at = now() where account_id = ? and code_hash = ? and used_at is null")
                    .params(accountId, recoveryHash(typed)).update();
            if (used == 1) {
                int left = jdbc.sql("select count(*) from account_recovery_code where account_id = ? and used_at is null")
                        .param(accountId).query(Integer.class).single();
                audit.record(username, AuditLog.Action.RECOVERY_CODE_USED, "account", String.valueOf(accountId),
                        "recovery code used; " + left + " left");
            }
            return used == 1;
        });
        return spent;
    }

    /** Accounts that have the second factor on, among all (for the administrator's list). */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public Set<Long> accountsWithSecondFactor(CordonUser admin) {
        return Set.copyOf(jdbc.sql("select account_id from account_totp").query(Long.class).list());
    }

    private boolean remove(long accountId) {
        jdbc.sql("delete from account_recovery_code where account_id = ?").param(accountId).update();
        return jdbc.sql("delete from account_totp where account_id = ?").param(accountId).update() > 0;
    }

    private boolean passwordMatches(long accountId, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            return false;
        }
        String hash = jdbc.sql("select password_hash from account where id = ?").param(accountId).query(String.class).single();
        return passwords.matches(password, hash);
    }

    private byte[] recoveryHash(String code) {
        return cipher.hash(RECOVERY_FIELD, normalise(code));
    }

    /** Codes as typed: spaces and dashes dropped, lower case (recovery codes are shown as xxxx-xxxx-xxxx-xxxx). */
    static String normalise(String code) {
        return code == null ? "" : SPACES.matcher(code).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
