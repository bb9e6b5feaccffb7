package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/** Notices with only their dependencies: a draft is published, announced once, and then on the public portal. */
// the registry (a dependency of the portal) takes screened occupants over from the checkpoint module: included with it;
// the portal's health-code pages need the health code, which assesses colours from observation
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"checkpoint", "healthcode", "observation"})
@ActiveProfiles("test")
class NoticeModuleTests {

    @Autowired
    NoticeManagement notices;

    @Autowired
    AccountManagement accounts;

    @Test
    void aPublishedNoticeIsAnnouncedAndPublic(Scenario scenario) {
        CordonUser commander = (CordonUser) accounts.loadUserByUsername("commander");
        NoticeView draft = notices.createDraft(commander, new NoticeRequest("模块测试：关于暂停公共活动的通告",
                "为做好疫情防控工作，自即日起暂停各类公共活动。", "神木市疫情防控工作领导小组", List.of("HEALTH_ADVICE"), java.time.LocalDateTime.now().withNano(0), null, List.of()));

        scenario.stimulate(() -> notices.publish(commander, draft.id()))
                .andWaitForEventOfType(NoticePublished.class)
                .matching(e -> e.noticeId() == draft.id())
                .toArriveAndVerify(e -> assertThat(notices.notice(commander, e.noticeId()).status()).isEqualTo(NoticeStatus.PUBLISHED));
    }
}
