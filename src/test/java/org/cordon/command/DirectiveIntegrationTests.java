package org.cordon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Directives through the JSON API on PostgreSQL: the workflow issue → accept → progress → done with
 * its history and events, overdue detection, supervision counts, who sees and acts on what, and
 * rejected input that stores nothing.
 */
@RecordApplicationEvents
class DirectiveIntegrationTests extends IntegrationTestSupport {

    static final String GROUP = "WG02";
    static final String OTHER_GROUP = "WG03";

    @Autowired
    AccountManagement accounts;

    @Autowired
    CommandManagement command;

    @Autowired
    GroupManagement groups;

    @Autowired
    ApplicationEvents events;

    CommandFixtures fixtures;
    String member;
    String otherMember;

    @BeforeEach
    void accounts() {
        fixtures = new CommandFixtures(accounts, groups);
        member = fixtures.groupMember(GROUP);
        otherMember = fixtures.groupMember(OTHER_GROUP);
    }

    static RequestPostProcessor basic(String username) {
        return httpBasic(username, CommandFixtures.PASSWORD);
    }

    static String inOneDay() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withNano(0).toString();
    }

    ResultActions issue(String user, String title, String assigneesJson) throws Exception {
        return mvc.perform(post("/api/v1/directives").with(as(user)).contentType(MediaType.APPLICATION_JSON).content("""
                {"title": "%s", "content": "各卡口严格落实车辆消毒、人员测温登记，每日18时前报告当日情况。",
                 "priority": "URGENT", "deadline": "%s", "assignees": %s}""".formatted(title, inOneDay(), assigneesJson)));
    }

    long issueTo(String title, String assigneesJson) throws Exception {
        return readLong(issue("commander", title, assigneesJson).andExpect(status().isCreated()).andReturn(), "$.id");
    }

    long assignmentOf(long directiveId, String type, String ref) {
        return jdbc.sql("select id from directive_assignment where directive_id = ? and assignee_type = ? and assignee_ref = ?")
                .params(directiveId, type, ref).query(Long.class).single();
    }

    ResultActions progress(RequestPostProcessor user, long assignment, String text, Object percent) throws Exception {
        return mvc.perform(post("/api/v1/directives/assignments/{id}/progress", assignment).with(user)
                .contentType(MediaType.APPLICATION_JSON)
                .content(text == null ? "{\"percent\": %s}".formatted(percent) : "{\"text\": \"%s\", \"percent\": %s}".formatted(text, percent)));
    }

    long directiveRows() {
        return count("select count(*) from directive");
    }

    long eventRows() {
        return count("select count(*) from directive_event");
    }

    Map<String, Object> supervisionRow(String user, String type, String ref) throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/directives/supervision").with(as(user))).andExpect(status().isOk()).andReturn();
        List<Map<String, Object>> rows = JsonPath.read(body(result),
                "$[?(@.assigneeType == '" + type + "' && @.assigneeRef == '" + ref + "')]");
        return rows.isEmpty() ? Map.of("open", 0, "overdue", 0, "done", 0) : rows.get(0);
    }

    static long n(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }

    @Test
    void aDirectiveGoesFromIssuedToDoneAndKeepsItsHistoryInOrder() throws Exception {
        String town = fixtures.townStaff(CommandFixtures.TOWN);
        MvcResult issued = issue("commander", "落实卡口查验", """
                [{"type": "GROUP", "ref": "WG02"}, {"type": "AREA", "ref": "610881106"}]""")
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.priority").value("URGENT"))
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.overdue").value(false))
                .andExpect(jsonPath("$.assignments.length()").value(2))
                .andExpect(jsonPath("$.assignments[*].assigneeName", hasItem("中鸡镇")))
                .andExpect(jsonPath("$.assignments[*].status", containsInAnyOrder("ASSIGNED", "ASSIGNED")))
                .andReturn();
        long id = readLong(issued, "$.id");
        long mine = assignmentOf(id, "GROUP", GROUP);
        long townAssignment = assignmentOf(id, "AREA", CommandFixtures.TOWN);
        assertThat(events.stream(DirectiveIssued.class).filter(e -> e.directiveId() == id))
                .singleElement().satisfies(e -> assertThat(e.assignmentIds()).containsExactlyInAnyOrder(mine, townAssignment));

        // the group member finds it in the open list, sees only the group's part
        mvc.perform(get("/api/v1/directives").param("open", "true").with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) id)))
                .andExpect(jsonPath("$[?(@.id == %d)].assignments.length()".formatted(id)).value(hasItem(1)));

        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", mine).header("X-Cordon-Client", "test").with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.acceptedBy").value(member))
                .andExpect(jsonPath("$.mine").value(true));
        progress(basic(member), mine, "已在14个卡口部署消毒设备，完成40%", 40)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.progress").value(40))
                .andExpect(jsonPath("$.lastReport").value("已在14个卡口部署消毒设备，完成40%"));
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", mine).with(basic(member))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"全部卡口已落实\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.progress").value(100))
                .andExpect(jsonPath("$.overdue").value(false));

        // the commander sees the whole history in order; the town's part is still open
        mvc.perform(get("/api/v1/directives/{id}", id).with(as("commander")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history[*].kind").value(contains("ISSUED", "ACCEPTED", "PROGRESS", "DONE")))
                .andExpect(jsonPath("$.history[2].percent").value(40))
                .andExpect(jsonPath("$.history[2].text").value("已在14个卡口部署消毒设备，完成40%"))
                .andExpect(jsonPath("$.history[2].actor").value(member))
                .andExpect(jsonPath("$.history[3].text").value("全部卡口已落实"))
                .andExpect(jsonPath("$.open").value(true))
                .andExpect(jsonPath("$.assignments[?(@.assigneeType == 'AREA')].status").value(hasItem("ASSIGNED")));
        // the town's staff see the directive with their own part and not the group's reports
        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(town)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignments.length()").value(1))
                .andExpect(jsonPath("$.assignments[0].assigneeRef").value(CommandFixtures.TOWN))
                .andExpect(jsonPath("$.assignments[0].mine").value(true))
                .andExpect(jsonPath("$.history[*].kind").value(contains("ISSUED")));

        assertThat(events.stream(DirectiveAccepted.class)).contains(new DirectiveAccepted(id, mine));
        assertThat(events.stream(DirectiveProgressReported.class)).contains(new DirectiveProgressReported(id, mine));
        assertThat(events.stream(DirectiveCompleted.class)).contains(new DirectiveCompleted(id, mine));

        // done is done: no second report, no second completion
        long before = eventRows();
        progress(basic(member), mine, "再报一次", 50).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("directive.validation.alreadyDone"));
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", mine).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isBadRequest());
        assertThat(eventRows()).isEqualTo(before);
    }

    @Test
    void aDirectivePastItsDeadlineIsOverdueUntilDone() throws Exception {
        long id = issueTo("排查湖北来神人员", "[{\"type\": \"GROUP\", \"ref\": \"WG02\"}]");
        long mine = assignmentOf(id, "GROUP", GROUP);
        mvc.perform(get("/api/v1/directives").param("overdue", "true").with(as("commander")))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        Map<String, Object> before = supervisionRow("commander", "GROUP", GROUP);

        jdbc.sql("update directive set deadline = now() - interval '2 hours' where id = ?").param(id).update();

        mvc.perform(get("/api/v1/directives").param("overdue", "true").with(as("commander")))
                .andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(get("/api/v1/directives").param("overdue", "true").with(basic(member)))
                .andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(member)))
                .andExpect(jsonPath("$.overdue").value(true))
                .andExpect(jsonPath("$.assignments[0].overdue").value(true));
        Map<String, Object> overdue = supervisionRow("commander", "GROUP", GROUP);
        assertThat(n(overdue, "overdue")).isEqualTo(n(before, "overdue") + 1);
        assertThat(n(overdue, "open")).isEqualTo(n(before, "open"));

        // late work can still be done; then it is no longer overdue
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", mine).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", mine).header("X-Cordon-Client", "test").with(basic(member)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.overdue").value(false));
        mvc.perform(get("/api/v1/directives").param("overdue", "true").with(as("commander")))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        Map<String, Object> after = supervisionRow("commander", "GROUP", GROUP);
        assertThat(n(after, "overdue")).isEqualTo(n(before, "overdue"));
        assertThat(n(after, "open")).isEqualTo(n(before, "open") - 1);
        assertThat(n(after, "done")).isEqualTo(n(before, "done") + 1);
    }

    @Test
    void supervisionCountsOpenOverdueAndDoneWorkPerAddressee() throws Exception {
        String code = CommandFixtures.OTHER_TOWN;
        Map<String, Object> groupBefore = supervisionRow("commander", "GROUP", OTHER_GROUP);
        Map<String, Object> townBefore = supervisionRow("commander", "AREA", code);
        long first = issueTo("保障医用物资供应", "[{\"type\": \"GROUP\", \"ref\": \"WG03\"}, {\"type\": \"AREA\", \"ref\": \"610881104\"}]");
        long second = issueTo("发热门诊24小时值守", "[{\"type\": \"GROUP\", \"ref\": \"WG03\"}]");
        long third = issueTo("已逾期的排查", "[{\"type\": \"GROUP\", \"ref\": \"WG03\"}]");
        jdbc.sql("update directive set deadline = now() - interval '1 hour' where id = ?").param(third).update();
        long done = assignmentOf(second, "GROUP", OTHER_GROUP);
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", done).header("X-Cordon-Client", "test").with(basic(otherMember))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", done).header("X-Cordon-Client", "test").with(basic(otherMember))).andExpect(status().isOk());

        Map<String, Object> group = supervisionRow("commander", "GROUP", OTHER_GROUP);
        assertThat(n(group, "open") - n(groupBefore, "open")).isEqualTo(2);
        assertThat(n(group, "overdue") - n(groupBefore, "overdue")).isEqualTo(1);
        assertThat(n(group, "done") - n(groupBefore, "done")).isEqualTo(1);
        Map<String, Object> town = supervisionRow("commander", "AREA", code);
        assertThat(n(town, "open") - n(townBefore, "open")).isEqualTo(1);
        assertThat(town.get("assigneeName")).isEqualTo("大柳塔镇");

        // drill-down: the group's open directives
        mvc.perform(get("/api/v1/directives").param("open", "true").param("assigneeType", "GROUP").param("assignee", OTHER_GROUP)
                        .with(as("commander")))
                .andExpect(jsonPath("$[*].id", hasItem((int) first)))
                .andExpect(jsonPath("$[*].id", hasItem((int) third)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) second))))
                .andExpect(jsonPath("$[?(@.id == %d)].assignments.length()".formatted(first)).value(hasItem(1)));

        // a group member's supervision shows only the group's own line
        MvcResult own = mvc.perform(get("/api/v1/directives/supervision").with(basic(otherMember))).andReturn();
        List<String> refs = JsonPath.read(body(own), "$[*].assigneeRef");
        assertThat(refs).containsExactly(OTHER_GROUP);
    }

    @Test
    void aGroupNeitherSeesNorActsOnAnotherGroupsDirective() throws Exception {
        long id = issueTo("宣传防控知识", "[{\"type\": \"GROUP\", \"ref\": \"WG02\"}]");
        long assignment = assignmentOf(id, "GROUP", GROUP);
        long events = eventRows();

        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(otherMember))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/directives").with(basic(otherMember))).andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(basic(otherMember)))
                .andExpect(status().isForbidden());
        progress(basic(otherMember), assignment, "冒名报告", 90).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", assignment).header("X-Cordon-Client", "test").with(basic(otherMember)))
                .andExpect(status().isForbidden());
        // the commander sees everything but acts as commander, not as the group
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(as("commander")))
                .andExpect(status().isForbidden());
        // city-wide staff who belong to no group see nothing
        mvc.perform(get("/api/v1/directives/{id}", id).with(as("medic"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/directives").with(as("medic"))).andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        mvc.perform(get("/api/v1/directives/{id}", id).with(as("officer1"))).andExpect(status().isForbidden());

        assertThat(eventRows()).isEqualTo(events);
        assertThat(jdbc.sql("select status from directive_assignment where id = ?").param(assignment).query(String.class).single())
                .isEqualTo("ASSIGNED");
        mvc.perform(get("/api/v1/directives/{id}", 999_999_999L).with(as("commander"))).andExpect(status().isNotFound());
    }

    @Test
    void aTownSeesOnlyItsOwnDirectives() throws Exception {
        String town = fixtures.townStaff(CommandFixtures.TOWN);
        String otherTown = fixtures.townStaff(CommandFixtures.OTHER_TOWN);
        long id = issueTo("统计返乡人员", "[{\"type\": \"AREA\", \"ref\": \"610881106\"}]");
        long assignment = assignmentOf(id, "AREA", CommandFixtures.TOWN);

        mvc.perform(get("/api/v1/directives").param("open", "true").with(basic(town)))
                .andExpect(jsonPath("$[*].id", hasItem((int) id)));
        mvc.perform(get("/api/v1/directives").with(basic(otherTown)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(otherTown))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(basic(otherTown)))
                .andExpect(status().isForbidden());
        // a village grid worker inside the town is not the town
        mvc.perform(get("/api/v1/directives/{id}", id).with(as("grid1"))).andExpect(status().isForbidden());
        // a working group does not see town directives
        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(member))).andExpect(status().isForbidden());

        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(basic(town)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACCEPTED"));
        progress(basic(town), assignment, "已完成6个村的摸排", 50).andExpect(status().isOk());
    }

    @Test
    void onlyTheCommanderIssuesDirectives() throws Exception {
        long before = directiveRows();
        issue("admin", "管理员下发", "[{\"type\": \"GROUP\", \"ref\": \"WG01\"}]").andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/directives").with(basic(member)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"title": "工作组自行下发", "content": "x", "deadline": "%s", "assignees": [{"type": "GROUP", "ref": "WG01"}]}"""
                        .formatted(inOneDay())))
                .andExpect(status().isForbidden());
        issue("grid1", "网格员下发", "[{\"type\": \"GROUP\", \"ref\": \"WG01\"}]").andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/directives").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        assertThat(directiveRows()).isEqualTo(before);
    }

    @Test
    void invalidInputIsRejectedFieldByFieldAndStoresNothing() throws Exception {
        long directives = directiveRows();
        long assignments = count("select count(*) from directive_assignment");
        long events = eventRows();
        String past = LocalDateTime.now().minusDays(1).withNano(0).toString();
        mvc.perform(post("/api/v1/directives").with(as("commander")).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"title": "  ", "content": "%s", "priority": "SOON", "deadline": "%s", "assignees": []}"""
                                .formatted("长".repeat(5001), past)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("title", "content", "priority", "deadline", "assignees")))
                .andExpect(jsonPath("$.errors[?(@.field == 'content')].message").value(hasItem("At most 5,000 characters (now 5,001)")))
                .andExpect(jsonPath("$.errors[?(@.field == 'deadline')].code").value(hasItem("directive.validation.deadline.past")));
        mvc.perform(post("/api/v1/directives").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"title": "%s", "content": "内容", "deadline": "明天", "assignees": [{"type": "GROUP", "ref": "WG99"},
                         {"type": "AREA", "ref": "610881106201"}, {"type": "GROUP", "ref": "WG01"}]}""".formatted("题".repeat(101))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", containsInAnyOrder("validation.tooLong",
                        "directive.validation.deadline.format", "directive.validation.assignee.unknownGroup",
                        "directive.validation.assignee.unknownTown")))
                .andExpect(jsonPath("$.errors[?(@.field == 'title')].message").value(hasItem("不能超过 100 个字（现有 101 个字）")));
        assertThat(directiveRows()).isEqualTo(directives);
        assertThat(count("select count(*) from directive_assignment")).isEqualTo(assignments);
        assertThat(eventRows()).isEqualTo(events);

        // progress reports: accepted first, text required and at most 1000 characters, percent 0–100
        long id = issueTo("核查隔离点床位", "[{\"type\": \"GROUP\", \"ref\": \"WG02\"}]");
        long assignment = assignmentOf(id, "GROUP", GROUP);
        long afterIssue = eventRows();
        progress(basic(member), assignment, "尚未签收就报告", 10).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("directive.validation.notAccepted"));
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", assignment).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isOk());
        long afterAccept = eventRows();
        assertThat(afterAccept).isEqualTo(afterIssue + 1);
        progress(basic(member), assignment, null, 101).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("text", "percent")));
        progress(basic(member), assignment, "x".repeat(1001), -1).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", containsInAnyOrder("validation.tooLong", "directive.validation.percent.range")));
        progress(basic(member), assignment, "缺百分比", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("directive.validation.percent.required"));
        assertThat(eventRows()).isEqualTo(afterAccept);
        assertThat(jdbc.sql("select progress from directive_assignment where id = ?").param(assignment).query(Integer.class).single())
                .isZero();
    }

    @Test
    void theCommanderCommentsReopensAndCancels() throws Exception {
        long id = issueTo("储备防护服", "[{\"type\": \"GROUP\", \"ref\": \"WG02\"}]");
        long assignment = assignmentOf(id, "GROUP", GROUP);
        mvc.perform(post("/api/v1/directives/assignments/{id}/accept", assignment).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isOk());
        progress(basic(member), assignment, "已到货2000套", 40).andExpect(status().isOk());
        mvc.perform(post("/api/v1/directives/assignments/{id}/done", assignment).header("X-Cordon-Client", "test").with(basic(member))).andExpect(status().isOk());

        mvc.perform(post("/api/v1/directives/{id}/comments", id).with(basic(member)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"x\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/directives/assignments/{id}/reopen", assignment).with(as("commander"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"数量不足，请补齐5000套\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignments[0].status").value("ACCEPTED"))
                .andExpect(jsonPath("$.assignments[0].progress").value(40));
        mvc.perform(post("/api/v1/directives/{id}/comments", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"请今日内补齐\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history[*].kind").value(contains("ISSUED", "ACCEPTED", "PROGRESS", "DONE", "REOPENED", "COMMENT")));
        // the group sees the commander's comment and the reopening of its own part
        mvc.perform(get("/api/v1/directives/{id}", id).with(basic(member)))
                .andExpect(jsonPath("$.history[*].text", hasItem("请今日内补齐")))
                .andExpect(jsonPath("$.history[*].text", hasItem("数量不足，请补齐5000套")));

        mvc.perform(post("/api/v1/directives/{id}/cancel", id).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"改由物资保障组办理\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelled").value(true))
                .andExpect(jsonPath("$.open").value(false));
        mvc.perform(get("/api/v1/directives").param("open", "true").with(basic(member)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) id))));
        progress(basic(member), assignment, "继续办理", 60).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("directive.validation.cancelled"));
    }

    @Test
    void theHistoryIsAppendOnly() throws Exception {
        long id = issueTo("历史不可改", "[{\"type\": \"GROUP\", \"ref\": \"WG02\"}]");
        assertThatThrownBy(() -> jdbc.sql("update directive_event set text = 'x' where directive_id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from directive_event where directive_id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThat(count("select count(*) from directive_event where directive_id = ?", id)).isEqualTo(1);
    }

    @Test
    void groupsAndLeadershipAreListedAndManagedByTheRightRoles() throws Exception {
        mvc.perform(get("/api/v1/working-groups").with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(10)))
                .andExpect(jsonPath("$[*].code", hasItem("WG10")))
                .andExpect(jsonPath("$[?(@.code == 'WG02')].members[*].username", hasItem(member)));
        mvc.perform(get("/api/v1/leadership").with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].position").value("HEAD"))
                .andExpect(jsonPath("$[1].position").value("EXECUTIVE_HEAD"));

        String candidate = fixtures.townStaff(CommandFixtures.TOWN);
        mvc.perform(post("/api/v1/working-groups/WG05/members").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"%s\"}".formatted(candidate))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/working-groups/WG05/members").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"%s\"}".formatted(candidate)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.members[*].username", hasItem(candidate)));
        mvc.perform(post("/api/v1/working-groups/WG05/members").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"nobody-%s\"}".formatted(candidate)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("group.validation.member.unknown"));

        // commander renames a group and changes its duties; a member may not
        List<String> names = JsonPath.read(body(mvc.perform(get("/api/v1/working-groups").with(as("commander"))).andReturn()),
                "$[?(@.code == 'WG09')].name");
        String original = names.get(0);
        mvc.perform(put("/api/v1/working-groups/WG09").with(basic(member)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"duties\": \"y\"}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/working-groups/WG09").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"\", \"duties\": \"y\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(put("/api/v1/working-groups/WG09").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"督查问责组\", \"duties\": \"督查防控措施落实\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("督查问责组"))
                .andExpect(jsonPath("$.sample").value(false));
        mvc.perform(put("/api/v1/working-groups/WG09").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"%s\", \"duties\": \"督查各单位防控措施落实\"}".formatted(original))).andExpect(status().isOk());
    }
}
