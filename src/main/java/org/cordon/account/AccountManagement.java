package org.cordon.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.cordon.shared.ValidationFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Staff accounts: creation with a role and a jurisdiction, enabling and disabling, password
 * changes, and sign-in (as the {@link UserDetailsService}). Passwords are stored only as adaptive
 * hashes (bcrypt through Spring Security's delegating encoder).
 */
@Service
public class AccountManagement implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_.-]{3,64}");
    /** Longest display name of an account. */
    static final int MAX_DISPLAY_NAME = 100;

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ObjectProvider<CheckpointDirectory> checkpointDirectory;
    private final PasswordPolicy passwordPolicy;

    AccountManagement(AccountRepository accounts, PasswordEncoder passwordEncoder, JdbcClient jdbc, AuditLog audit,
                      ObjectProvider<CheckpointDirectory> checkpointDirectory, PasswordPolicy passwordPolicy) {
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
        this.checkpointDirectory = checkpointDirectory;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    @Override
    @SystemOperation
    public CordonUser loadUserByUsername(String username) {
        return accounts.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @SystemOperation
    public List<AccountSummary> findAll() {
        return accounts.findAll();
    }

    /**
     * Accounts by id (user name, display name, role, area, enabled; no checkpoints or area names), in one query:
     * how other modules show the accounts their records link to without reading the account table.
     */
    @SystemOperation
    public Map<Long, AccountSummary> summaries(java.util.Collection<Long> accountIds) {
        Map<Long, AccountSummary> result = new java.util.HashMap<>();
        accounts.findAllById(new java.util.HashSet<>(accountIds)).forEach(a -> result.put(a.id(), a));
        return result;
    }

    /** The id of the account with this user name, if any. */
    @SystemOperation
    public java.util.Optional<Long> idOf(String username) {
        return accounts.findByUsername(username).map(CordonUser::id);
    }

    @SystemOperation
    public boolean exists(String username) {
        return accounts.exists(username);
    }

    /**
     * Creates an account after validating every field; throws {@link ValidationFailedException}
     * and stores nothing when any is invalid.
     */
    @Transactional
    @SystemOperation
    public long createAccount(NewAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        if (account.username() == null || !USERNAME.matcher(account.username()).matches()) {
            problems.add(new FieldProblem("username", "validation.account.username"));
        } else if (accounts.exists(account.username())) {
            problems.add(new FieldProblem("username", "validation.account.usernameTaken", account.username()));
        }
        boolean validName = account.username() != null && USERNAME.matcher(account.username()).matches();
        problems.addAll(passwordPolicy.check("password", validName ? account.username() : null, account.password()));
        if (!StringUtils.hasText(account.displayName())) {
            problems.add(new FieldProblem("displayName", "validation.required"));
        } else if (account.displayName().strip().codePointCount(0, account.displayName().strip().length()) > MAX_DISPLAY_NAME) {
            problems.add(FieldProblem.tooLong("displayName", MAX_DISPLAY_NAME, account.displayName().strip()));
        } else {
            TextRules.checkName("displayName", account.displayName().strip(), problems);
        }
        if (account.role() == null) {
            problems.add(new FieldProblem("role", "validation.required"));
        }
        Set<String> checkpoints = account.checkpointCodes() == null ? Set.of() : account.checkpointCodes();
        if (account.role() == Role.OFFICER) {
            if (checkpoints.isEmpty()) {
                problems.add(new FieldProblem("checkpointCodes", "validation.account.checkpoints"));
            }
            for (String code : checkpoints) {
                // in a module test without the checkpoint module there is no directory to ask: nothing to check against
                CheckpointDirectory directory = checkpointDirectory.getIfAvailable();
                if (directory != null && !directory.exists(code)) {
                    problems.add(new FieldProblem("checkpointCodes", "validation.checkpoint.unknown", code));
                }
            }
        } else if (account.role() != null) {
            if (!StringUtils.hasText(account.areaCode())) {
                problems.add(new FieldProblem("areaCode", "validation.account.area"));
            } else if (jdbc.sql("select count(*) from area where code = ?").param(account.areaCode()).query(Integer.class).single() == 0) {
                problems.add(new FieldProblem("areaCode", "validation.area.unknown", account.areaCode()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        String area = account.role() == Role.OFFICER && !StringUtils.hasText(account.areaCode()) ? null : account.areaCode();
        return accounts.insert(account.username(), passwordEncoder.encode(account.password()), account.displayName().trim(),
                account.role(), area, checkpoints);
    }

    @Transactional
    @SystemOperation
    public void setEnabled(long accountId, boolean enabled) {
        accounts.setEnabled(accountId, enabled);
    }

    // ------------------------------------------------------------------ administration (the accounts pages)

    /** Every account, for the administrator's list. */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public List<AccountSummary> accounts(CordonUser admin) {
        return findAll();
    }

    /** Creates an account and its audit entry ({@code ACCOUNT_CREATED}) in one transaction. */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public long createAccount(CordonUser admin, NewAccount account) {
        long id = createAccount(account);
        audit.record(admin.getUsername(), AuditLog.Action.ACCOUNT_CREATED, "account", String.valueOf(id),
                account.username() + " " + account.role());
        return id;
    }

    /** Enables or disables an account, audited ({@code ACCOUNT_CHANGED}) in the same transaction. */
    @Transactional
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public void setEnabled(CordonUser admin, long accountId, boolean enabled) {
        if (accounts.setEnabled(accountId, enabled) == 0) {
            throw new org.cordon.shared.NotFoundException("Account " + accountId);
        }
        audit.record(admin.getUsername(), AuditLog.Action.ACCOUNT_CHANGED, "account", String.valueOf(accountId),
                enabled ? "enabled" : "disabled");
    }

    /** A page of the audit log, newest first, optionally one user's entries only. */
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    public List<AuditLog.Entry> auditLog(CordonUser admin, String username, int page, int size) {
        return audit.page(username, Math.max(0, page), size);
    }

    /**
     * Sets a password that follows the {@link PasswordPolicy} (else {@link ValidationFailedException}, nothing
     * changed); it need not be changed at the next sign-in. Not audited: callers that act for someone audit.
     */
    @Transactional
    @SystemOperation
    public void changePassword(long accountId, String newPassword) {
        String username = accounts.usernameOf(accountId).orElseThrow(() -> new org.cordon.shared.NotFoundException("Account " + accountId));
        List<FieldProblem> problems = passwordPolicy.check("password", username, newPassword);
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        accounts.setPassword(accountId, passwordEncoder.encode(newPassword), false);
    }

    /** The first administrator's generated password: must be changed at the first sign-in. */
    @Transactional
    void requirePasswordChange(long accountId) {
        accounts.requirePasswordChange(accountId);
    }

    /** Demo profile only: the well-known demo password is shorter than the policy allows. */
    @Transactional
    void setDemoPassword(long accountId, String password) {
        accounts.setPassword(accountId, passwordEncoder.encode(password));
    }

    /**
     * The grid worker responsible for an area: the enabled GRID_WORKER account whose area is the most
     * specific ancestor (or the node itself) of {@code areaCode}, the longest-standing one when several share it; empty when none.
     */
    @SystemOperation
    public java.util.Optional<String> gridWorkerFor(String areaCode) {
        if (areaCode == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("""
                        select username from account
                        where role = 'GRID_WORKER' and enabled and area_code is not null and\s""" + AreaScope.containsCondition("area_code")
                         + " order by length(area_code) desc, id limit 1")
                .param(areaCode).query(String.class).optional();
    }

    boolean anyAdministrator() {
        return accounts.anyWithRole(Role.ADMIN);
    }
}
