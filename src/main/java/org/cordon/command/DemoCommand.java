package org.cordon.command;

import java.time.LocalDateTime;
import java.util.List;

import org.cordon.account.CordonUser;
import org.cordon.account.Jurisdiction;
import org.cordon.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only ({@code cordon.demo.command=true}): puts the demo account {@code wg1} into the
 * 疫情防控组 (WG02) and, on a first start, issues one sample directive to that group and to 中鸡镇
 * (whose duty account is {@code town1}), so that the directive workflow can be tried at once.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "cordon.demo.command", havingValue = "true")
class DemoCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    private final CommandManagement command;
    private final org.cordon.command.GroupManagement groups;

    DemoCommand(CommandManagement command, org.cordon.command.GroupManagement groups) {
        this.groups = groups;
        this.command = command;
    }

    @Override
    public void run(ApplicationArguments args) {
        CordonUser admin = new CordonUser(0, "demo-data", null, "演示数据", Role.ADMIN, Jurisdiction.area("610881"), true);
        boolean member = groups.workingGroups().stream().filter(g -> g.code().equals("WG02"))
                .flatMap(g -> g.members().stream()).anyMatch(m -> m.username().equals("wg1"));
        if (member) {
            return;
        }
        groups.addGroupMember(admin, "WG02", "wg1");
        CordonUser commander = new CordonUser(0, "commander", null, "指挥部值班员（演示）", Role.COMMANDER, Jurisdiction.area("610881"), true);
        command.issue(commander, new NewDirective("全面落实返乡人员逐人造册登记〔示例〕",
                "各镇、各专项工作组对近14天内来自湖北的人员逐人造册登记，落实居家医学观察，每日18时前报告进展。", "URGENT",
                LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).withNano(0).toString(),
                List.of(Assignee.group("WG02"), Assignee.area("610881106"))));
        log.info("Demo data: wg1 joined 疫情防控组, one sample directive issued");
    }
}
