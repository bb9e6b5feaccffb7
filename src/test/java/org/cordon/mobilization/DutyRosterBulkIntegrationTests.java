package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.mobilization.MobilizationFixtures.login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Rostering in bulk (issue 16): several members on several shifts with one request (every member on every shift, or
 * shared out until each shift has its crew), a day copied to another (members already there skipped and counted),
 * refusals that change nothing, and the town coordinator's limits.
 */
class DutyRosterBulkIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    MobilizationFixtures fixtures;
    String coordinator;
    LocalDate day;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new MobilizationFixtures(accounts, jdbc);
        coordinator = fixtures.coordinator("610881");
        day = fixtures.freshDutyDate();
        mvc.perform(post("/api/v1/duty/shifts/generate").with(login(coordinator)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}")).andExpect(status().isOk());
    }

    private long member() throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/members").with(login(coordinator)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + MobilizationFixtures.fresh("党员") + "\",\"phone\":\"" + randomPhone()
                                + "\",\"unit\":\"中鸡镇政府\",\"branchId\":" + fixtures.kk01Branch() + "}"))
                .andExpect(status().isCreated()).andReturn();
        return readLong(created, "$.id");
    }

    private long shiftId(String checkpoint, LocalDate date, int slot) {
        return count("select id from duty_shift where checkpoint_code = ? and shift_date = ? and slot = ?", checkpoint, date, slot);
    }

    private MvcResult bulk(RequestPostProcessor who, String body) throws Exception {
        return mvc.perform(post("/api/v1/duty/assignments").with(who).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private MvcResult copy(String body) throws Exception {
        return mvc.perform(post("/api/v1/duty/copy").with(login(coordinator)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
    }

    private long crew(long shiftId) {
        return count("select count(*) from duty_assignment where shift_id = ?", shiftId);
    }

    @Test
    void severalMembersGoOnSeveralShiftsWithOneRequestAndThoseAlreadyOnAreCounted() throws Exception {
        long a = member();
        long b = member();
        long morning = shiftId("KK01", day, 0);
        long noon = shiftId("KK01", day, 1);
        String body = "{\"shiftIds\":[" + morning + "," + noon + "],\"memberIds\":[" + a + "," + b + "]}";

        MvcResult first = bulk(login(coordinator), body);
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        assertThat(readLong(first, "$.assigned")).isEqualTo(4);
        assertThat(readLong(first, "$.alreadyOn")).isZero();
        assertThat(readLong(first, "$.stillUnderstaffed")).isZero();
        assertThat(crew(morning)).isEqualTo(2);
        assertThat(crew(noon)).isEqualTo(2);

        MvcResult again = bulk(login(coordinator), body);
        assertThat(readLong(again, "$.assigned")).isZero();
        assertThat(readLong(again, "$.alreadyOn")).isEqualTo(4);
        assertThat(crew(morning)).isEqualTo(2);
    }

    @Test
    void anOverlapRefusesTheWholeRequestAndChangesNothing() throws Exception {
        long c = member();
        long d = member();
        // the same member on the evening shifts of two checkpoints at once: refused, and d is not put on either
        MvcResult clash = bulk(login(coordinator), "{\"shiftIds\":[" + shiftId("KK01", day, 2) + "," + shiftId("KK02", day, 2)
                + "],\"memberIds\":[" + d + "," + c + "],\"mode\":\"EACH\"}");
        assertThat(clash.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(clash, "$.errors[0].code")).isEqualTo("duty.validation.overlap");
        assertThat(count("select count(*) from duty_assignment where member_id in (?, ?)", c, d)).isZero();

        MvcResult empty = bulk(login(coordinator), "{\"shiftIds\":[],\"memberIds\":[]}");
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(post("/api/v1/duty/assignments").with(login(coordinator)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"shiftIds\":[" + "987654321987],\"memberIds\":[" + c + "]}"))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(bulk(login(coordinator), "{\"shiftIds\":[" + shiftId("KK01", day, 2) + "],\"memberIds\":[987654321]}")
                .getResponse().getStatus()).isEqualTo(400);
        assertThat(bulk(login(coordinator), "{\"shiftIds\":[" + shiftId("KK01", day, 2) + "],\"memberIds\":[" + c + "],\"mode\":\"SOME\"}")
                .getResponse().getStatus()).isEqualTo(400);
        assertThat(count("select count(*) from duty_assignment where member_id in (?, ?)", c, d)).isZero();
    }

    @Test
    void fillSharesTheMembersOutUntilEachShiftHasItsCrew() throws Exception {
        long[] m = {member(), member(), member(), member(), member()};
        long kk03 = shiftId("KK03", day, 0);
        long kk04 = shiftId("KK04", day, 0);
        MvcResult filled = bulk(login(coordinator), "{\"shiftIds\":[" + kk03 + "," + kk04 + "],\"memberIds\":[" + m[0] + "," + m[1]
                + "," + m[2] + "," + m[3] + "," + m[4] + "],\"mode\":\"FILL\"}");
        assertThat(filled.getResponse().getStatus()).isEqualTo(200);
        assertThat(readLong(filled, "$.assigned")).isEqualTo(4);
        assertThat(readLong(filled, "$.stillUnderstaffed")).isZero();
        assertThat(crew(kk03)).isEqualTo(2);
        assertThat(crew(kk04)).isEqualTo(2);
        // each member once: the fifth stays free
        assertThat(count("select count(*) from duty_assignment where member_id = ?", m[4])).isZero();
        assertThat(count("select count(*) from duty_assignment where member_id = ?", m[0])).isEqualTo(1);
    }

    @Test
    void onThePageARowAndABranchFillTheCheckpointsDayFromItsOwnBranch() throws Exception {
        // a member of a village branch, ticked by hand besides the whole KK01 branch
        long village = count("select id from party_branch where name = '中鸡镇中鸡村党支部〔示例〕'");
        long outsider = readLong(mvc.perform(post("/api/v1/members").with(login(coordinator)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + MobilizationFixtures.fresh("村党员") + "\",\"phone\":\"" + randomPhone() + "\",\"branchId\":" + village + "}"))
                .andExpect(status().isCreated()).andReturn(), "$.id");
        for (int i = 0; i < 6; i++) {
            member();
        }
        mvc.perform(post("/mobilization/duty/assign").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername(coordinator)))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .param("memberId", "" + outsider).param("rowCheckpoint", "KK01").param("branchId", "" + fixtures.kk01Branch())
                        .param("mode", "FILL").param("date", day.toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("succeeded"));
        for (int slot = 0; slot < 3; slot++) {
            assertThat(crew(shiftId("KK01", day, slot))).as("slot " + slot).isEqualTo(2);
        }
        // the members of KK01's own branch first: the one of another branch was not needed
        assertThat(count("select count(*) from duty_assignment where member_id = ?", outsider)).isZero();
        assertThat(count("select count(*) from duty_assignment a join duty_shift s on s.id = a.shift_id where s.shift_date = ? "
                + "and s.checkpoint_code <> 'KK01'", day)).isZero();
    }

    @Test
    void aDayIsCopiedToAnotherWithMembersAlreadyThereSkippedAndCounted() throws Exception {
        long a = member();
        long b = member();
        bulk(login(coordinator), "{\"shiftIds\":[" + shiftId("KK01", day, 0) + "," + shiftId("KK02", day, 1) + "],\"memberIds\":["
                + a + "," + b + "]}");
        LocalDate next = day.plusDays(1);
        assertThat(count("select count(*) from duty_shift where shift_date = ?", next)).isZero();

        MvcResult copied = copy("{\"from\":\"" + day + "\",\"to\":\"" + next + "\",\"days\":1}");
        assertThat(copied.getResponse().getStatus()).isEqualTo(200);
        assertThat(readLong(copied, "$.assigned")).isEqualTo(4);
        assertThat(crew(shiftId("KK01", next, 0))).isEqualTo(2);
        assertThat(crew(shiftId("KK02", next, 1))).isEqualTo(2);
        assertThat(count("select count(*) from duty_shift where shift_date = ?", next))
                .isEqualTo(count("select count(*) from duty_shift where shift_date = ?", day));

        MvcResult again = copy("{\"from\":\"" + day + "\",\"to\":\"" + next + "\"}");
        assertThat(readLong(again, "$.assigned")).isZero();
        assertThat(readLong(again, "$.alreadyOn")).isEqualTo(4);
        assertThat(crew(shiftId("KK01", next, 0))).isEqualTo(2);
    }

    @Test
    void aCopyOntoItselfOrOfTooManyDaysIsRefusedAndChangesNothing() throws Exception {
        long before = count("select count(*) from duty_assignment");
        long shifts = count("select count(*) from duty_shift");
        MvcResult self = copy("{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}");
        assertThat(self.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(self, "$.errors[0].field")).isEqualTo("to");
        MvcResult week = copy("{\"from\":\"" + day + "\",\"to\":\"" + day.plusDays(3) + "\",\"days\":7}");
        assertThat(week.getResponse().getStatus()).isEqualTo(400);
        assertThat(copy("{\"from\":\"" + day + "\",\"to\":\"" + day.plusDays(10) + "\",\"days\":8}").getResponse().getStatus()).isEqualTo(400);
        assertThat(copy("{\"to\":\"" + day.plusDays(10) + "\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(count("select count(*) from duty_assignment")).isEqualTo(before);
        assertThat(count("select count(*) from duty_shift")).isEqualTo(shifts);
    }

    @Test
    void aTownCoordinatorCannotBulkAssignOutsideTheTown() throws Exception {
        String town = fixtures.coordinator(MobilizationFixtures.DALIUTA);
        long a = member();
        mvc.perform(post("/api/v1/duty/assignments").with(login(town)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shiftIds\":[" + shiftId("KK01", day, 0) + "],\"memberIds\":[" + a + "]}"))
                .andExpect(status().isForbidden());
        // a member of the KK01 branch (中鸡镇) is outside 大柳塔 even on the town's own shift
        mvc.perform(post("/api/v1/duty/assignments").with(login(town)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"shiftIds\":[" + shiftId("KK02", day, 0) + "],\"memberIds\":[" + a + "]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("memberIds"));
        assertThat(count("select count(*) from duty_assignment where member_id = ?", a)).isZero();
    }
}
