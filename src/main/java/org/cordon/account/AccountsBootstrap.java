package org.cordon.account;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure someone can sign in. In the demo profile: the demo accounts with password "demo".
 * Otherwise, when no administrator exists: the first administrator from {@code CORDON_ADMIN_USERNAME}
 * / {@code CORDON_ADMIN_PASSWORD}, or with a one-time password printed once to the log.
 */
@Component
@Order(0)
class AccountsBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountsBootstrap.class);

    private final AccountManagement accounts;
    private final boolean demo;
    private final String adminUsername;
    private final String adminPassword;

    AccountsBootstrap(AccountManagement accounts,
                      @Value("${cordon.demo.enabled:false}") boolean demo,
                      @Value("${CORDON_ADMIN_USERNAME:}") String adminUsername,
                      @Value("${CORDON_ADMIN_PASSWORD:}") String adminPassword) {
        this.accounts = accounts;
        this.demo = demo;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo) {
            createDemoAccounts();
        } else if (!accounts.anyAdministrator()) {
            createFirstAdministrator();
        }
    }

    private void createDemoAccounts() {
        demo("admin", "系统管理员（演示）", Role.ADMIN, "610881", Set.of());
        demo("commander", "指挥部值班员（演示）", Role.COMMANDER, "610881", Set.of());
        demo("officer1", "后鸡检查点执勤员（演示）", Role.OFFICER, null, Set.of("KK01"));
        demo("officer2", "大柳塔检查点执勤员（演示）", Role.OFFICER, null, Set.of("KK02"));
        demo("medic", "市疾控医生（演示）", Role.MEDIC, "610881", Set.of());
        demo("grid1", "中鸡一村网格员（演示）", Role.GRID_WORKER, "610881106201", Set.of());
        demo("town1", "中鸡镇值班员（演示）", Role.GRID_WORKER, "610881106", Set.of());
        demo("wg1", "疫情防控组工作人员（演示）", Role.WORKING_GROUP, "610881", Set.of());
        demo("coordinator", "志愿者协调员（演示）", Role.VOLUNTEER_COORDINATOR, "610881", Set.of());
        demo("clerk", "物资保障组库管员（演示）", Role.SUPPLIES_CLERK, "610881", Set.of());
    }

    private void demo(String username, String name, Role role, String area, Set<String> checkpoints) {
        if (!accounts.exists(username)) {
            accounts.createAccount(new NewAccount(username, "demo-password-placeholder", name, role, area, checkpoints));
            accounts.setDemoPassword(accounts.loadUserByUsername(username).id(), "demo");
            log.info("Demo account {} ({}) created with password 'demo'", username, role);
        }
    }

    private void createFirstAdministrator() {
        String username = StringUtils.hasText(adminUsername) ? adminUsername : "admin";
        String password = adminPassword;
        boolean generated = !StringUtils.hasText(password);
        if (generated) {
            password = oneTimePassword();
        }
        long id;
        try {
            id = accounts.createAccount(new NewAccount(username, password, "系统管理员", Role.ADMIN, "610881", Set.of()));
        } catch (org.cordon.shared.ValidationFailedException e) {
            throw new IllegalStateException("Cannot create the first administrator from CORDON_ADMIN_USERNAME/CORDON_ADMIN_PASSWORD: "
                    + e.problems().stream().map(p -> p.field() + " " + p.code()).toList()
                    + " (passwords: at least 12 characters, at most 72 bytes, not a common one, not containing the user name)");
        }
        if (generated) {
            accounts.requirePasswordChange(id);
            log.warn("""

                    ============================================================
                    First administrator created: {}
                    One-time password (shown only now): {}
                    Sign in with it: the platform then asks for a new password.
                    ============================================================""", username, password);
        } else {
            log.info("First administrator {} created from CORDON_ADMIN_USERNAME/CORDON_ADMIN_PASSWORD", username);
        }
    }

    private static String oneTimePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
