package org.cordon.command;

import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;

/** Fresh accounts for the command tests: working-group staff (made members of a group) and town staff. */
final class CommandFixtures {

    static final String PASSWORD = "password1-for-tests";
    /** 中鸡镇. */
    static final String TOWN = "610881106";
    /** 大柳塔镇. */
    static final String OTHER_TOWN = "610881104";

    private final AccountManagement accounts;
    private final GroupManagement groups;

    CommandFixtures(AccountManagement accounts, GroupManagement groups) {
        this.groups = groups;
        this.accounts = accounts;
    }

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A new WORKING_GROUP account (city-wide area) that the administrator adds to the group. */
    String groupMember(String groupCode) {
        String username = fresh("wg");
        accounts.createAccount(new NewAccount(username, PASSWORD, "工作组成员" + username, Role.WORKING_GROUP, "610881", Set.of()));
        groups.addGroupMember(user("admin"), groupCode, username);
        return username;
    }

    /** A new account of a town's staff (area = the town). */
    String townStaff(String townCode) {
        String username = fresh("town");
        accounts.createAccount(new NewAccount(username, PASSWORD, "镇值班员" + username, Role.GRID_WORKER, townCode, Set.of()));
        return username;
    }

    CordonUser user(String username) {
        return accounts.loadUserByUsername(username);
    }
}
