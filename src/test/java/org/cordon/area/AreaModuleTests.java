package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

/**
 * The area grid alone (with the shared kernel and the access model only): an administrator adds a compound under a
 * village; the village's grid worker sees it in the grid, a worker of another village is refused it.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class AreaModuleTests {

    @Autowired
    AreaManagement areas;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationContext context;

    private CordonUser user(String name) {
        return (CordonUser) accounts.loadUserByUsername(name);
    }

    @Test
    void aNewCompoundIsInItsVillagesGridAndOnlyThere() {
        assertThat(context.getBeanNamesForType(org.cordon.checkpoint.CheckpointManagement.class)).as("no other business module").isEmpty();
        String code = "610881106201" + (800 + (int) (Math.random() * 199));
        Area created = areas.createArea(user("admin"), new NewArea(code, "模块测试小区", "COMPOUND", "610881106201", "120", "360"));
        assertThat(created.code()).isEqualTo(code);

        assertThat(areas.gridNode(user("grid1"), "610881106201").children()).extracting(AreaNode::code).contains(code);
        assertThat(areas.visibleArea(user("grid1"), code).name()).isEqualTo("模块测试小区");
        String other = "grid" + java.util.UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new org.cordon.account.NewAccount(other, "password12-for-tests", "二村网格员", org.cordon.account.Role.GRID_WORKER,
                "610881106202", java.util.Set.of()));
        assertThatThrownBy(() -> areas.visibleArea(user(other), code)).isInstanceOf(AccessDeniedException.class);
    }
}
