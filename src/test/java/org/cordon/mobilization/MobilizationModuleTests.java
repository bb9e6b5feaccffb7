package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * Party and volunteer mobilisation with its dependencies: a Party member of a branch signs a pledge (请战书), which is
 * announced; assigning it a post moves it from OPEN to ASSIGNED.
 */
// the portal (sign-ups) needs the registry, which takes screened occupants over from the checkpoint module: both included
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"registry", "checkpoint", "healthcode", "observation"})
@ActiveProfiles("test")
class MobilizationModuleTests {

    @Autowired
    PartyManagement party;

    @Autowired
    AccountManagement accounts;

    @Test
    void aMembersPledgeIsAnnouncedAndAssignedAPost(Scenario scenario) {
        CordonUser coordinator = (CordonUser) accounts.loadUserByUsername("coordinator");
        Branch branch = party.branches(coordinator).get(0);
        String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        Member member = party.createMember(coordinator, new MemberRequest("模块测试党员", phone, "神木市某单位", branch.id(), true, null, null));

        scenario.stimulate(() -> party.signPledge(coordinator, new PledgeRequest(member.id(), LocalDate.now(), "疫情就是命令，防控就是责任。")))
                .andWaitForEventOfType(PledgeSigned.class)
                .matching(e -> e.memberId() == member.id())
                .toArriveAndVerify(e -> {
                    Pledge assigned = party.assignPledge(coordinator, e.pledgeId(), "338国道卡口值守");
                    assertThat(assigned.status()).isEqualTo(PledgeStatus.ASSIGNED);
                    assertThat(assigned.assignedPost()).isEqualTo("338国道卡口值守");
                });
    }
}
