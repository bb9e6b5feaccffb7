package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.notice.NoticeFixtures.COMMANDER;
import static org.cordon.notice.NoticeFixtures.cityNow;
import static org.cordon.notice.NoticeFixtures.closing;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The staff pages of notices, places, advice and hotlines: they render, validate next to the fields and store nothing on error. */
class NoticePagesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    NoticeManagement notices;

    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    @Test
    void everyStaffPageRenders() throws Exception {
        long draft = notices.createDraft(COMMANDER, closing("页面测试草稿", cityNow(), null)).id();
        long venue = notices.places(COMMANDER, TargetType.VENUE).get(0).id();
        long event = notices.places(COMMANDER, TargetType.EVENT).get(0).id();
        long advice = notices.allAdvice(COMMANDER).get(0).id();
        for (String page : new String[] {"/notices", "/notices?status=DRAFT", "/notices/new", "/notices/" + draft, "/notices/" + draft + "/edit",
                "/notices/places", "/notices/places/venues/new", "/notices/places/venues/" + venue + "/edit",
                "/notices/places/events/new", "/notices/places/events/" + event + "/edit", "/notices/places/services/new",
                "/notices/advice", "/notices/advice/new", "/notices/advice/" + advice + "/edit", "/notices/hotlines",
                "/volunteer-signups"}) {
            mvc.perform(get(page).with(signedIn("commander")).param("lang", "en")).andExpect(status().isOk());
            mvc.perform(get(page).with(signedIn("admin"))).andExpect(status().isOk());
        }
        mvc.perform(get("/notices/places").with(signedIn("grid1"))).andExpect(status().isOk());
        mvc.perform(get("/notices/places/venues/new").with(signedIn("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/notices/advice").with(signedIn("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/notices/places/nonsense/new").with(signedIn("commander"))).andExpect(status().isNotFound());
    }

    @Test
    void theDraftFormShowsMessagesNextToTheFieldsAndStoresNothing() throws Exception {
        long before = count("select count(*) from notice");
        String page = body(mvc.perform(post("/notices").with(signedIn("commander")).with(csrf())
                        .param("title", "").param("body", "正文").param("issuer", "领导小组")
                        .param("effectiveFrom", "2020-01-25T12:00").param("effectiveTo", "2020-01-25T11:00")
                        .param("targets", "VENUE:987654321"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"title-error\"").contains("id=\"categories-error\"").contains("id=\"effectiveTo-error\"")
                .contains("id=\"targets-error\"").contains("截止时间必须晚于生效时间").contains("value=\"领导小组\"");
        String garbled = body(mvc.perform(post("/notices").with(signedIn("commander")).with(csrf())
                        .param("title", "标题").param("effectiveFrom", "not a date"))
                .andExpect(status().isOk()).andReturn());
        assertThat(garbled).contains("id=\"effectiveFrom-error\"");
        assertThat(count("select count(*) from notice")).isEqualTo(before);

        mvc.perform(post("/notices").with(signedIn("commander")).with(csrf())
                        .param("title", "关于关闭影院、剧院的通告").param("body", "自即日起关闭。").param("issuer", "领导小组")
                        .param("categories", "VENUE_CLOSURE").param("effectiveFrom", "2020-01-27T12:00").param("effectiveTo", ""))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/notices/*?saved"));
        assertThat(count("select count(*) from notice")).isEqualTo(before + 1);
    }

    @Test
    void revokingOnThePageNeedsAReason() throws Exception {
        long id = notices.publish(COMMANDER, notices.createDraft(COMMANDER, closing("页面撤销测试", cityNow(), null)).id()).id();
        String page = body(mvc.perform(post("/notices/{id}/revoke", id).with(signedIn("commander")).with(csrf()).param("reason", " "))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"reason-error\"");
        assertThat(notices.notice(COMMANDER, id).status()).isEqualTo(NoticeStatus.PUBLISHED);
        mvc.perform(post("/notices/{id}/revoke", id).with(signedIn("commander")).with(csrf()).param("reason", "情况变化"))
                .andExpect(status().is3xxRedirection());
        assertThat(notices.notice(COMMANDER, id).status()).isEqualTo(NoticeStatus.REVOKED);
    }

    @Test
    void placesAdviceAndHotlinesAreEditedWithValidation() throws Exception {
        String name = NoticeFixtures.unique("神木影剧院〔示例〕");
        mvc.perform(post("/notices/places/venues").with(signedIn("admin")).with(csrf())
                        .param("name", name).param("kind", "THEATRE").param("areaCode", "610881003").param("address", "麟州街道"))
                .andExpect(status().is3xxRedirection());
        assertThat(notices.places(COMMANDER, TargetType.VENUE)).extracting(Place::name).contains(name);
        String duplicate = body(mvc.perform(post("/notices/places/venues").with(signedIn("admin")).with(csrf())
                        .param("name", name).param("kind", "NOPE"))
                .andExpect(status().isOk()).andReturn());
        assertThat(duplicate).contains("已存在").contains("不是有效选项");

        long hotlines = count("select count(*) from hotline");
        String badHotline = body(mvc.perform(post("/notices/hotlines").with(signedIn("commander")).with(csrf())
                        .param("name", "心理援助热线〔示例〕").param("phone", "call me"))
                .andExpect(status().isOk()).andReturn());
        assertThat(badHotline).contains("电话号码只能包含");
        assertThat(count("select count(*) from hotline")).isEqualTo(hotlines);

        String badAdvice = body(mvc.perform(post("/notices/advice").with(signedIn("commander")).with(csrf())
                        .param("title", "").param("body", "内容").param("published", "true"))
                .andExpect(status().isOk()).andReturn());
        assertThat(badAdvice).contains("此项必填");
        mvc.perform(post("/notices/advice").with(signedIn("commander")).with(csrf())
                        .param("title", "出门戴口罩").param("body", "外出请正确佩戴口罩。").param("published", "true").param("sort", "5"))
                .andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(get("/portal")).andReturn())).contains("出门戴口罩");
    }
}
