package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Map;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The pages of a coordinator's day: overview with the gaps, generating and staffing the roster grid without
 * JavaScript (under-crewed cells highlighted), members, volunteers and tasks; errors come back next to the
 * fields; an officer lands on "my shifts"; other roles are refused.
 */
class MobilizationPagesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    MobilizationFixtures fixtures;
    String coordinator;

    @BeforeEach
    void setUp() {
        fixtures = new MobilizationFixtures(accounts, jdbc);
        coordinator = fixtures.coordinator("610881");
    }

    /** Pages use form login (a session), so the tests sign in as the account's principal. */
    private RequestPostProcessor login(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    @Test
    void aCoordinatorStaffsTheRosterGridFromThePages() throws Exception {
        LocalDate day = fixtures.freshDutyDate();
        mvc.perform(post("/mobilization/duty/generate").with(login(coordinator)).with(csrf())
                        .param("from", day.toString()).param("to", day.toString()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("generated", 3 * (int) count("select count(*) from checkpoint where active")));
        String name = MobilizationFixtures.fresh("值班党员");
        mvc.perform(post("/mobilization/members").with(login(coordinator)).with(csrf()).param("name", name)
                        .param("phone", randomPhone()).param("branchId", String.valueOf(fixtures.kk01Branch())).param("leaveCancelled", "on"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("saved", "member-new"));
        long member = count("select id from party_member where name = ?", name);
        assertThat(count("select count(*) from party_member where id = ? and leave_cancelled", member)).isEqualTo(1);

        long shift = count("select id from duty_shift where checkpoint_code = 'KK01' and shift_date = ? and slot = 0", day);
        mvc.perform(get("/mobilization/duty").with(login(coordinator)).param("date", day.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"shift-" + shift + "\"")))
                .andExpect(content().string(containsString("mob-under")))
                .andExpect(content().string(containsString("16:00–24:00")));

        mvc.perform(post("/mobilization/duty/shifts/{id}/assign", shift).with(login(coordinator)).with(csrf())
                        .param("memberId", String.valueOf(member)).param("date", day.toString()))
                .andExpect(redirectedUrl("/mobilization/duty?date=" + day + "#shift-" + shift));
        assertThat(count("select count(*) from duty_assignment where shift_id = ? and member_id = ?", shift, member)).isEqualTo(1);
        mvc.perform(get("/mobilization/duty").with(login(coordinator)).param("date", day.toString()))
                .andExpect(content().string(containsString(name)));

        // the overlapping shift at another checkpoint is refused with the message next to the cell
        long clash = count("select id from duty_shift where checkpoint_code = 'KK02' and shift_date = ? and slot = 0", day);
        MvcResult refused = mvc.perform(post("/mobilization/duty/shifts/{id}/assign", clash).with(login(coordinator)).with(csrf())
                        .param("memberId", String.valueOf(member)).param("date", day.toString()))
                .andExpect(flash().attribute("errorsFor", "shift-" + clash)).andReturn();
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.getFlashMap().get("errors");
        assertThat(errors.get("memberId")).contains("时间重叠");

        mvc.perform(get("/mobilization").with(login(coordinator))).andExpect(status().isOk())
                .andExpect(content().string(containsString("缺员班次")))
                .andExpect(content().string(containsString("id=\"branch-gaps\"")));
    }

    @Test
    void formsShowErrorsNextToFieldsAndStoreNothing() throws Exception {
        long volunteers = count("select count(*) from volunteer");
        MvcResult result = mvc.perform(post("/mobilization/volunteers").with(login(coordinator)).with(csrf())
                        .param("name", "").param("phone", "123"))
                .andExpect(redirectedUrl("/mobilization/volunteers#add-volunteer"))
                .andExpect(flash().attribute("errorsFor", "volunteer-new")).andReturn();
        assertThat(count("select count(*) from volunteer")).isEqualTo(volunteers);
        mvc.perform(get("/mobilization/volunteers").with(login(coordinator)).flashAttrs(result.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("手机号码格式不正确")))
                .andExpect(content().string(containsString("value=\"123\"")));

        long tasks = count("select count(*) from volunteer_task");
        mvc.perform(post("/mobilization/tasks").with(login(coordinator)).with(csrf()).param("title", "发放口罩")
                        .param("place", "麟州街道").param("taskDate", "not-a-date").param("peopleNeeded", "2"))
                .andExpect(flash().attribute("errorsFor", "task-new"));
        assertThat(count("select count(*) from volunteer_task")).isEqualTo(tasks);
    }

    @Test
    void everyPageRendersForACoordinatorInBothLanguages() throws Exception {
        for (String page : new String[]{"/mobilization", "/mobilization/branches", "/mobilization/members", "/mobilization/duty",
                "/mobilization/my-shifts", "/mobilization/volunteers", "/mobilization/tasks"}) {
            mvc.perform(get(page).with(login(coordinator))).andExpect(status().isOk());
            mvc.perform(get(page).with(login(coordinator)).param("lang", "en")).andExpect(status().isOk());
        }
        mvc.perform(get("/mobilization/branches").with(login(coordinator)))
                .andExpect(content().string(containsString("338国道后鸡陕蒙界检查点临时党支部")));
    }

    @Test
    void anOfficerLandsOnMyShiftsAndOthersAreRefused() throws Exception {
        mvc.perform(get("/mobilization").with(login("officer1"))).andExpect(redirectedUrl("/mobilization/my-shifts"));
        mvc.perform(get("/mobilization/my-shifts").with(login("officer1"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("338国道后鸡陕蒙界检查点")));
        mvc.perform(get("/mobilization/duty").with(login("officer1")).param("checkpoint", "KK02")).andExpect(status().isForbidden());
        mvc.perform(get("/mobilization/branches").with(login("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/mobilization").with(login("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/mobilization/volunteers").with(login("grid1"))).andExpect(status().isForbidden());
    }

    @Test
    void pagesShowTheRecordsWithTheirDetails() throws Exception {
        var api = MobilizationFixtures.login(coordinator);
        LocalDate day = fixtures.freshDutyDate();
        mvc.perform(post("/api/v1/duty/shifts/generate").with(api).contentType("application/json")
                .content("{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}")).andExpect(status().isOk());
        String officer = fixtures.officer("KK01");
        String name = MobilizationFixtures.fresh("执勤党员");
        MvcResult member = mvc.perform(post("/api/v1/members").with(api).contentType("application/json")
                .content("{\"name\":\"" + name + "\",\"phone\":\"" + randomPhone() + "\",\"branchId\":" + fixtures.kk01Branch()
                        + ",\"accountUsername\":\"" + officer + "\"}")).andExpect(status().isCreated()).andReturn();
        long memberId = readLong(member, "$.id");
        long shift = count("select id from duty_shift where checkpoint_code = 'KK01' and shift_date = ? and slot = 2", day);
        mvc.perform(post("/api/v1/duty/shifts/{id}/assignments", shift).with(api).contentType("application/json")
                .content("{\"memberId\":" + memberId + "}")).andExpect(status().isOk());
        mvc.perform(post("/api/v1/pledges").with(api).contentType("application/json")
                .content("{\"memberId\":" + memberId + ",\"signedOn\":\"2020-01-27\",\"statement\":\"请战！\"}")).andExpect(status().isCreated());
        MvcResult volunteer = mvc.perform(post("/api/v1/volunteers").with(api).contentType("application/json")
                .content("{\"name\":\"" + MobilizationFixtures.fresh("志愿") + "\",\"phone\":\"" + randomPhone() + "\"}")).andReturn();
        long volunteerId = readLong(volunteer, "$.id");
        MvcResult task = mvc.perform(post("/api/v1/tasks").with(api).contentType("application/json")
                .content("{\"title\":\"" + MobilizationFixtures.fresh("发放口罩") + "\",\"place\":\"麟州街道\",\"taskDate\":\"2020-01-29\",\"peopleNeeded\":3}"))
                .andReturn();
        long taskId = readLong(task, "$.id");
        mvc.perform(post("/mobilization/tasks/{id}/assign", taskId).with(login(coordinator)).with(csrf()).param("volunteerId", String.valueOf(volunteerId)))
                .andExpect(flash().attribute("saved", "task-" + taskId));
        mvc.perform(post("/mobilization/tasks/{id}/hours", taskId).with(login(coordinator)).with(csrf())
                .param("volunteerId", String.valueOf(volunteerId)).param("hours", "2.5")).andExpect(flash().attribute("saved", "task-" + taskId));

        mvc.perform(get("/mobilization/my-shifts").with(login(officer))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/duty/my-shifts").with(MobilizationFixtures.login(officer)).param("from", day.toString())
                .param("to", day.toString())).andExpect(status().isOk());
        mvc.perform(get("/mobilization/duty").with(login(officer)).param("date", day.toString())).andExpect(status().isOk())
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("mob-assign"))));
        mvc.perform(get("/mobilization/members").with(login(coordinator)).param("branch", String.valueOf(fixtures.kk01Branch())))
                .andExpect(status().isOk()).andExpect(content().string(containsString(name)))
                .andExpect(content().string(containsString("请战！")));
        mvc.perform(get("/mobilization/tasks").with(login(coordinator)).param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("1/3 people")));
        mvc.perform(get("/mobilization/volunteers/{id}", volunteerId).with(login(coordinator))).andExpect(status().isOk())
                .andExpect(content().string(containsString("累计服务 2.5 小时")));
    }

    @Test
    void myShiftsAndTheOverviewShowTodaysShifts() throws Exception {
        var api = MobilizationFixtures.login(coordinator);
        LocalDate today = today();
        mvc.perform(post("/api/v1/duty/shifts/generate").with(api).contentType("application/json")
                .content("{\"from\":\"" + today + "\",\"to\":\"" + today + "\"}")).andExpect(status().isOk());
        String officer = fixtures.officer("KK01");
        MvcResult member = mvc.perform(post("/api/v1/members").with(api).contentType("application/json")
                .content("{\"name\":\"" + MobilizationFixtures.fresh("夜班") + "\",\"phone\":\"" + randomPhone() + "\",\"branchId\":"
                        + fixtures.kk01Branch() + ",\"accountUsername\":\"" + officer + "\"}")).andExpect(status().isCreated()).andReturn();
        long shift = count("select id from duty_shift where checkpoint_code = 'KK01' and shift_date = ? and slot = 2", today);
        mvc.perform(post("/api/v1/duty/shifts/{id}/assignments", shift).with(api).contentType("application/json")
                .content("{\"memberId\":" + readLong(member, "$.id") + "}")).andExpect(status().isOk());

        mvc.perform(get("/mobilization/my-shifts").with(login(officer))).andExpect(status().isOk())
                .andExpect(content().string(containsString("16:00–24:00")))
                .andExpect(content().string(containsString("338国道后鸡陕蒙界检查点")));
        mvc.perform(get("/mobilization").with(login(coordinator))).andExpect(status().isOk())
                .andExpect(content().string(containsString("#shift-" + shift)));
    }
}
