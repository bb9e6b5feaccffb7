package org.cordon.account;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The account with its checkpoints, in one statement: sign-in runs on every API request, and a
     * second query from inside the row mapper would hold two pool connections per request (a burst
     * of sign-ins then exhausts the pool and every request waits for the others).
     */
    Optional<CordonUser> findByUsername(String username) {
        return jdbc.sql("""
                        select a.id, a.username, a.password_hash, a.display_name, a.role, a.area_code, a.enabled,
                               a.password_change_required, exists(select 1 from account_totp t where t.account_id = a.id) as two_factor,
                               array(select c.checkpoint_code from account_checkpoint c where c.account_id = a.id) as checkpoints
                        from account a where a.username = ?""")
                .param(username)
                .query((rs, n) -> new CordonUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                        new Jurisdiction(rs.getString("area_code"), Set.copyOf(List.of((String[]) rs.getArray("checkpoints").getArray()))),
                        rs.getBoolean("enabled"), rs.getBoolean("password_change_required"), rs.getBoolean("two_factor")))
                .optional();
    }

    List<AccountSummary> findAll() {
        Map<Long, Set<String>> checkpoints = new HashMap<>();
        jdbc.sql("select account_id, checkpoint_code from account_checkpoint order by checkpoint_code")
                .query(rs -> {
                    checkpoints.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        return jdbc.sql("""
                        select a.id, a.username, a.display_name, a.role, a.area_code, ar.name as area_name, a.enabled
                        from account a left join area ar on ar.code = a.area_code order by a.username""")
                .query((rs, n) -> new AccountSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getString("area_code"), rs.getString("area_name"),
                        Set.copyOf(checkpoints.getOrDefault(rs.getLong("id"), Set.of())), rs.getBoolean("enabled")))
                .list();
    }

    /** Accounts by id, in one statement (no checkpoints, no area name): for other modules' lists of members. */
    List<AccountSummary> findAllById(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, username, display_name, role, area_code, enabled from account where id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> new AccountSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getString("area_code"), null, Set.of(), rs.getBoolean("enabled")))
                .list();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from account where username = ?").param(username).query(Integer.class).single() > 0;
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from account where role = ? and enabled").param(role.name()).query(Integer.class).single() > 0;
    }

    long insert(String username, String passwordHash, String displayName, Role role, String areaCode, Set<String> checkpointCodes) {
        long id = jdbc.sql("""
                        insert into account(username, password_hash, display_name, role, area_code)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(username, passwordHash, displayName, role.name(), areaCode)
                .query(Long.class).single();
        for (String code : checkpointCodes) {
            jdbc.sql("insert into account_checkpoint(account_id, checkpoint_code) values (?, ?)").params(id, code).update();
        }
        return id;
    }

    /** Returns the number of accounts changed (0: no such account). */
    int setEnabled(long id, boolean enabled) {
        return jdbc.sql("update account set enabled = ? where id = ?").params(enabled, id).update();
    }

    void setPassword(long id, String passwordHash) {
        setPassword(id, passwordHash, false);
    }

    /** Sets the password hash and whether it must be changed at the next sign-in; returns the accounts changed (0 or 1). */
    int setPassword(long id, String passwordHash, boolean changeRequired) {
        return jdbc.sql("update account set password_hash = ?, password_change_required = ? where id = ?")
                .params(passwordHash, changeRequired, id).update();
    }

    /** The password must be changed at the next sign-in (the first administrator's generated one). */
    void requirePasswordChange(long id) {
        jdbc.sql("update account set password_change_required = true where id = ?").param(id).update();
    }

    /** Whether the account's password must be changed before anything else (false for no such account). */
    boolean passwordChangeRequired(long id) {
        return jdbc.sql("select password_change_required from account where id = ?").param(id).query(Boolean.class)
                .optional().orElse(false);
    }

    /** The user name of an account, if it exists. */
    Optional<String> usernameOf(long id) {
        return jdbc.sql("select username from account where id = ?").param(id).query(String.class).optional();
    }
}
