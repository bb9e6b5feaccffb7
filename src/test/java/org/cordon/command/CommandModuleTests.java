package org.cordon.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The command module with its direct dependencies (area, account): a directive issued to a town is announced with its assignment,
 * and the town's acceptance is announced in turn; the dashboard, which counts them, is not in this context.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
class CommandModuleTests {

    @Autowired
    CommandManagement commands;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationContext context;

    private CordonUser user(String name) {
        return (CordonUser) accounts.loadUserByUsername(name);
    }

    @Test
    void aDirectiveToATownIsIssuedAndAccepted(Scenario scenario) {
        assertThat(context.getBeanNamesForType(org.cordon.dashboard.DashboardManagement.class)).as("dashboard not started").isEmpty();
        NewDirective directive = new NewDirective("模块测试：加强村口值守", "各村口落实24小时值守，每日18时前报告。", "URGENT",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withNano(0).toString(), List.of(Assignee.area("610881106")));

        java.util.concurrent.atomic.AtomicReference<DirectiveIssued> event = new java.util.concurrent.atomic.AtomicReference<>();
        scenario.stimulate(() -> commands.issue(user("commander"), directive))
                .andWaitForEventOfType(DirectiveIssued.class)
                .toArriveAndVerify(e -> {
                    assertThat(e.assignmentIds()).hasSize(1);
                    event.set(e);
                });
        DirectiveIssued issued = event.get();
        long assignment = issued.assignmentIds().get(0);

        scenario.stimulate(() -> commands.accept(user("town1"), assignment))
                .andWaitForEventOfType(DirectiveAccepted.class)
                .matching(e -> e.assignmentId() == assignment)
                .toArriveAndVerify(e -> assertThat(e.directiveId()).isEqualTo(issued.directiveId()));
    }
}
