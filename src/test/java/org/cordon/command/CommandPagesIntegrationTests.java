package org.cordon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A day of command work from the pages: the commander issues a directive with the form, the group
 * accepts, reports progress and completes it from "my directives", the commander follows up on the
 * detail page and in the supervision table; wrong input is shown next to the fields and stores nothing.
 */
class CommandPagesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    CommandManagement command;

    @Autowired
    GroupManagement groups;

    CommandFixtures fixtures;
    String member;
    String otherMember;

    @BeforeEach
    void accounts() {
        fixtures = new CommandFixtures(accounts, groups);
        member = fixtures.groupMember("WG06");
        otherMember = fixtures.groupMember("WG07");
    }

    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    static String tomorrow() {
        return LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(1).withSecond(0).withNano(0).toString();
    }

    MockHttpServletRequestBuilder directiveForm(String title, String deadline, String... assignees) {
        return post("/command/directives").param("title", title).param("content", "调拨口罩2万只至各卡口，今日18时前到位。")
                .param("priority", "HIGH").param("deadline", deadline).param("assignees", assignees);
    }

    long directiveId(String title) {
        return jdbc.sql("select id from directive where title = ?").param(title).query(Long.class).single();
    }

    long assignmentOf(long directiveId, String ref) {
        return jdbc.sql("select id from directive_assignment where directive_id = ? and assignee_ref = ?")
                .params(directiveId, ref).query(Long.class).single();
    }

    @Test
    void theCommanderIssuesAndFollowsUpAndTheGroupWorksFromItsList() throws Exception {
        mvc.perform(get("/command").with(signedIn("commander")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*id=\"deadline\"[^>]*value=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\".*")))
                .andExpect(content().string(containsString("id=\"directive-form\"")))
                .andExpect(content().string(containsString("id=\"supervision\"")))
                .andExpect(content().string(containsString("中鸡镇")))
                .andExpect(content().string(containsString("物资保障组")));

        String title = CommandFixtures.fresh("调拨口罩");
        String location = mvc.perform(directiveForm(title, tomorrow(), "GROUP:WG06", "AREA:610881106")
                        .param("branchName", "后鸡检查点临时党支部").with(signedIn("commander")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("issued", true))
                .andReturn().getResponse().getRedirectedUrl();
        long id = directiveId(title);
        assertThat(location).isEqualTo("/command/directives/" + id);
        assertThat(count("select count(*) from directive_assignment where directive_id = ?", id)).isEqualTo(3);
        mvc.perform(get(location).with(signedIn("commander")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(title)))
                .andExpect(content().string(containsString("后鸡检查点临时党支部")))
                .andExpect(content().string(containsString("id=\"follow-up\"")));

        // the group's member: my directives with the accept button
        long assignment = assignmentOf(id, "WG06");
        mvc.perform(get("/command").with(signedIn(member)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(title)))
                .andExpect(content().string(containsString("/command/assignments/" + assignment + "/accept")))
                .andExpect(content().string(not(containsString("id=\"directive-form\""))));
        mvc.perform(post("/command/assignments/{id}/accept", assignment).with(signedIn(member)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/command#assignment-" + assignment));
        mvc.perform(post("/command/assignments/{id}/progress", assignment).param("text", "已调拨1万只").param("percent", "40")
                        .param("directiveId", String.valueOf(id)).with(signedIn(member)).with(csrf()))
                .andExpect(redirectedUrl("/command/directives/" + id + "#assignment-" + assignment));
        mvc.perform(get("/command/directives/{id}", id).with(signedIn(member)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已调拨1万只")))
                .andExpect(content().string(containsString("40%")))
                .andExpect(content().string(not(containsString("后鸡检查点临时党支部"))));
        mvc.perform(post("/command/assignments/{id}/done", assignment).param("text", "已全部到位").with(signedIn(member)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from directive_assignment where id = ?").param(assignment).query(String.class).single())
                .isEqualTo("DONE");

        // the commander's follow-up: comment, supervision drill-down, the recent activity
        mvc.perform(post("/command/directives/{id}/comment", id).param("text", "请中鸡镇抓紧签收").with(signedIn("commander")).with(csrf()))
                .andExpect(redirectedUrl("/command/directives/" + id));
        mvc.perform(get("/command/directives/{id}", id).with(signedIn("commander")))
                .andExpect(content().string(containsString("请中鸡镇抓紧签收")))
                .andExpect(content().string(containsString("已全部到位")));
        mvc.perform(get("/command/directives").param("assignee", "AREA:610881106").param("show", "open").with(signedIn("commander")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(title)));
        mvc.perform(get("/command/directives").param("assignee", "GROUP:WG06").param("show", "done").with(signedIn("commander")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(title)));
        mvc.perform(get("/command").with(signedIn("commander")).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Supervision")))
                .andExpect(content().string(containsString(title)));
    }

    @Test
    void anOverdueDirectiveIsHighlighted() throws Exception {
        String title = CommandFixtures.fresh("逾期部署");
        mvc.perform(directiveForm(title, tomorrow(), "GROUP:WG06").with(signedIn("commander")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long id = directiveId(title);
        jdbc.sql("update directive set deadline = now() - interval '3 hours' where id = ?").param(id).update();
        String page = body(mvc.perform(get("/command").with(signedIn("commander"))).andExpect(status().isOk()).andReturn());
        assertThat(page).containsPattern("id=\"directive-" + id + "\"[^>]*cmd-overdue|cmd-overdue[^>]*id=\"directive-" + id + "\"");
        mvc.perform(get("/command/directives").param("assignee", "GROUP:WG06").param("show", "overdue").with(signedIn("commander")))
                .andExpect(content().string(containsString(title)));
        String mine = body(mvc.perform(get("/command").with(signedIn(member))).andReturn());
        assertThat(mine).contains(title).contains("cmd-late");
    }

    @Test
    void wrongInputIsShownNextToTheFieldsAndNothingIsStored() throws Exception {
        long before = count("select count(*) from directive");
        MvcResult rejected = mvc.perform(post("/command/directives").param("title", "").param("content", "内容")
                        .param("deadline", "2020-01-01T08:00").with(signedIn("commander")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/command#new-directive"))
                .andReturn();
        assertThat(count("select count(*) from directive")).isEqualTo(before);
        mvc.perform(get("/command").with(signedIn("commander")).flashAttrs(rejected.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("办结时限必须晚于当前时间")))
                .andExpect(content().string(containsString("请至少选择一个承办单位")))
                .andExpect(content().string(containsString("此项必填")))
                .andExpect(content().string(containsString(">内容</textarea>")));

        // a progress report without text and with a percentage out of range
        String title = CommandFixtures.fresh("核对物资台账");
        mvc.perform(directiveForm(title, tomorrow(), "GROUP:WG06").with(signedIn("commander")).with(csrf()));
        long assignment = assignmentOf(directiveId(title), "WG06");
        mvc.perform(post("/command/assignments/{id}/accept", assignment).with(signedIn(member)).with(csrf()));
        long events = count("select count(*) from directive_event");
        MvcResult bad = mvc.perform(post("/command/assignments/{id}/progress", assignment).param("text", " ").param("percent", "150")
                        .with(signedIn(member)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorsFor", "assignment-" + assignment))
                .andReturn();
        assertThat(count("select count(*) from directive_event")).isEqualTo(events);
        mvc.perform(get("/command").with(signedIn(member)).flashAttrs(bad.getFlashMap()))
                .andExpect(content().string(containsString("完成百分比须为 0 到 100 之间的整数")))
                .andExpect(content().string(containsString("value=\"150\"")));
    }

    @Test
    void anotherGroupGetsForbiddenPagesAndCannotActByForm() throws Exception {
        String title = CommandFixtures.fresh("市场巡查");
        mvc.perform(directiveForm(title, tomorrow(), "GROUP:WG06").with(signedIn("commander")).with(csrf()));
        long id = directiveId(title);
        long assignment = assignmentOf(id, "WG06");
        mvc.perform(get("/command/directives/{id}", id).with(signedIn(otherMember))).andExpect(status().isForbidden());
        mvc.perform(post("/command/assignments/{id}/accept", assignment).with(signedIn(otherMember)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/command").with(signedIn(otherMember)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(title))));
        // only the commander issues, also from the page; forms need the CSRF token
        long before = count("select count(*) from directive");
        mvc.perform(directiveForm(CommandFixtures.fresh("越权"), tomorrow(), "GROUP:WG06").with(signedIn("admin")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(directiveForm(CommandFixtures.fresh("无令牌"), tomorrow(), "GROUP:WG06").with(signedIn("commander")))
                .andExpect(status().isForbidden());
        assertThat(count("select count(*) from directive")).isEqualTo(before);
        assertThat(jdbc.sql("select status from directive_assignment where id = ?").param(assignment).query(String.class).single())
                .isEqualTo("ASSIGNED");
        mvc.perform(get("/command")).andExpect(status().is3xxRedirection());
    }

    @Test
    void theGroupsPageShowsTheLeadershipAndLetsTheAdministratorManageMembers() throws Exception {
        mvc.perform(get("/command/groups").with(signedIn("grid1")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("市委书记〔示例〕")))
                .andExpect(content().string(containsString("后勤保障组")))
                .andExpect(content().string(not(containsString("/command/groups/WG01/members\""))));
        mvc.perform(get("/command/groups").with(signedIn("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/command/groups/WG01/members")));

        String candidate = fixtures.townStaff(CommandFixtures.TOWN);
        mvc.perform(post("/command/groups/WG08/members").param("username", candidate).with(signedIn("commander")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/command/groups/WG08/members").param("username", candidate).with(signedIn("admin")).with(csrf()))
                .andExpect(redirectedUrl("/command/groups#group-WG08"));
        long accountId = accounts.loadUserByUsername(candidate).id();
        assertThat(count("select count(*) from working_group_member m join working_group g on g.id = m.group_id "
                + "where g.code = 'WG08' and m.account_id = ?", accountId)).isEqualTo(1);
        MvcResult again = mvc.perform(post("/command/groups/WG08/members").param("username", candidate)
                        .with(signedIn("admin")).with(csrf()))
                .andExpect(flash().attribute("errorsFor", "group-WG08")).andReturn();
        mvc.perform(get("/command/groups").with(signedIn("admin")).flashAttrs(again.getFlashMap()))
                .andExpect(content().string(containsString("已是")));
        mvc.perform(post("/command/groups/WG08/members/{id}/remove", accountId).with(signedIn("admin")).with(csrf()))
                .andExpect(redirectedUrlPattern("/command/groups*"));
        assertThat(count("select count(*) from working_group_member m join working_group g on g.id = m.group_id "
                + "where g.code = 'WG08' and m.account_id = ?", accountId)).isZero();

        // the commander edits a leadership member; a grid worker may not
        long head = jdbc.sql("select id from leadership_member where position = 'HEAD'").query(Long.class).single();
        mvc.perform(post("/command/leadership/{id}", head).param("name", "张三").param("title", "市委书记")
                .with(signedIn("grid1")).with(csrf())).andExpect(status().isForbidden());
        MvcResult empty = mvc.perform(post("/command/leadership/{id}", head).param("name", "").param("title", "市委书记")
                        .with(signedIn("commander")).with(csrf()))
                .andExpect(flash().attribute("errorsFor", "leader-" + head)).andReturn();
        assertThat(jdbc.sql("select name from leadership_member where id = ?").param(head).query(String.class).single())
                .isEqualTo("市委书记〔示例〕");
        mvc.perform(get("/command/groups").with(signedIn("commander")).flashAttrs(empty.getFlashMap()))
                .andExpect(content().string(containsString("此项必填")));
    }
}
