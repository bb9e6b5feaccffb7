package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.mobilization.MobilizationFixtures.login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Duty rosters through the API: a coordinator generates the shifts of every checkpoint (idempotently), staffs
 * them, sees the gaps close; a member cannot stand two overlapping shifts; an officer sees their own shifts and
 * only their own checkpoint's roster; a town coordinator only their town's checkpoints.
 */
class DutyRosterIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    MobilizationFixtures fixtures;
    String coordinator;
    LocalDate day;

    @BeforeEach
    void setUp() {
        fixtures = new MobilizationFixtures(accounts, jdbc);
        coordinator = fixtures.coordinator("610881");
        day = fixtures.freshDutyDate();
    }

    private MvcResult generate(RequestPostProcessor who, LocalDate from, LocalDate to) throws Exception {
        return mvc.perform(post("/api/v1/duty/shifts/generate").with(who).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}"))
                .andExpect(status().isOk()).andReturn();
    }

    private long member(RequestPostProcessor who, String accountUsername) throws Exception {
        String account = accountUsername == null ? "" : ",\"accountUsername\":\"" + accountUsername + "\"";
        MvcResult created = mvc.perform(post("/api/v1/members").with(who).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + MobilizationFixtures.fresh("党员") + "\",\"phone\":\"" + randomPhone()
                                + "\",\"unit\":\"中鸡镇政府\",\"branchId\":" + fixtures.kk01Branch() + ",\"leaveCancelled\":true" + account + "}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.maskedPhone").value(org.hamcrest.Matchers.containsString("****")))
                .andReturn();
        return readLong(created, "$.id");
    }

    private long shiftId(String checkpoint, LocalDate date, int slot) {
        return count("select id from duty_shift where checkpoint_code = ? and shift_date = ? and slot = ?", checkpoint, date, slot);
    }

    private MvcResult assign(RequestPostProcessor who, long shiftId, long memberId) throws Exception {
        return mvc.perform(post("/api/v1/duty/shifts/{id}/assignments", shiftId).with(who).contentType(MediaType.APPLICATION_JSON)
                .content("{\"memberId\":" + memberId + "}")).andReturn();
    }

    @Test
    void generatingShiftsIsIdempotentAndCoversEveryActiveCheckpointAroundTheClock() throws Exception {
        long checkpoints = count("select count(*) from checkpoint where active");
        MvcResult first = generate(login(coordinator), day, day.plusDays(1));
        assertThat(readLong(first, "$.created")).isEqualTo(checkpoints * 3 * 2);
        MvcResult again = generate(login(coordinator), day, day.plusDays(1));
        assertThat(readLong(again, "$.created")).isZero();
        assertThat(count("select count(*) from duty_shift where shift_date between ? and ?", day, day.plusDays(1)))
                .isEqualTo(checkpoints * 3 * 2);

        MvcResult shifts = mvc.perform(get("/api/v1/duty/shifts").with(login(coordinator))
                        .param("date", day.toString()).param("checkpoint", "KK01"))
                .andExpect(status().isOk()).andReturn();
        List<String> starts = read(shifts, "$[*].startsAt");
        List<String> ends = read(shifts, "$[*].endsAt");
        assertThat(starts).containsExactly(day + "T00:00:00", day + "T08:00:00", day + "T16:00:00");
        assertThat(ends).containsExactly(day + "T08:00:00", day + "T16:00:00", day.plusDays(1) + "T00:00:00");
        List<Boolean> understaffed = read(shifts, "$[*].understaffed");
        assertThat(understaffed).containsOnly(true);
    }

    @Test
    void anUnderCrewedShiftIsFlaggedUntilEnoughPeopleAreOnDuty() throws Exception {
        generate(login(coordinator), day, day);
        long shift = shiftId("KK01", day, 1);
        long a = member(login(coordinator), null);
        long b = member(login(coordinator), null);

        MvcResult gaps = mvc.perform(get("/api/v1/duty/gaps").with(login(coordinator)).param("from", day.toString())
                .param("to", day.toString())).andExpect(status().isOk()).andReturn();
        List<Number> underIds = read(gaps, "$.understaffed[*].id");
        assertThat(underIds).extracting(Number::longValue).contains(shift);

        MvcResult one = assign(login(coordinator), shift, a);
        assertThat(one.getResponse().getStatus()).isEqualTo(200);
        assertThat((Boolean) read(one, "$.understaffed")).isTrue();
        MvcResult two = assign(login(coordinator), shift, b);
        assertThat((Boolean) read(two, "$.understaffed")).isFalse();
        assertThat((List<?>) read(two, "$.crew")).hasSize(2);
        // assigning the same member again changes nothing and says so
        MvcResult again = assign(login(coordinator), shift, b);
        assertThat(again.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(again, "$.errors[0].code")).isEqualTo("duty.validation.alreadyOnShift");
        assertThat(count("select count(*) from duty_assignment where shift_id = ?", shift)).isEqualTo(2);

        gaps = mvc.perform(get("/api/v1/duty/gaps").with(login(coordinator)).param("from", day.toString())
                .param("to", day.toString())).andReturn();
        underIds = read(gaps, "$.understaffed[*].id");
        assertThat(underIds).extracting(Number::longValue).doesNotContain(shift);

        // taking one off flags the shift again
        mvc.perform(delete("/api/v1/duty/shifts/{id}/assignments/{m}", shift, b).header("X-Cordon-Client", "test").with(login(coordinator)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.understaffed").value(true));
    }

    @Test
    void aMemberCannotStandTwoOverlappingShifts() throws Exception {
        generate(login(coordinator), day, day);
        long member = member(login(coordinator), null);
        assertThat(assign(login(coordinator), shiftId("KK01", day, 0), member).getResponse().getStatus()).isEqualTo(200);
        long before = count("select count(*) from duty_assignment where member_id = ?", member);

        MvcResult clash = assign(login(coordinator), shiftId("KK02", day, 0), member);
        assertThat(clash.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(clash, "$.errors[0].field")).isEqualTo("memberId");
        assertThat((String) read(clash, "$.errors[0].code")).isEqualTo("duty.validation.overlap");
        assertThat(count("select count(*) from duty_assignment where member_id = ?", member)).isEqualTo(before);

        // the next shift starts when the first ends: no overlap
        assertThat(assign(login(coordinator), shiftId("KK02", day, 1), member).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anOfficerSeesTheirOwnShiftsAndOnlyTheirCheckpointsRoster() throws Exception {
        generate(login(coordinator), day, day);
        String officer = fixtures.officer("KK01");
        long member = member(login(coordinator), officer);
        long shift = shiftId("KK01", day, 2);
        assertThat(assign(login(coordinator), shift, member).getResponse().getStatus()).isEqualTo(200);

        MvcResult mine = mvc.perform(get("/api/v1/duty/my-shifts").with(login(officer)).param("from", day.toString())
                .param("to", day.toString())).andExpect(status().isOk()).andReturn();
        List<Number> ids = read(mine, "$[*].id");
        assertThat(ids).extracting(Number::longValue).containsExactly(shift);
        assertThat((String) read(mine, "$[0].checkpointCode")).isEqualTo("KK01");

        MvcResult own = mvc.perform(get("/api/v1/duty/shifts").with(login(officer)).param("date", day.toString()))
                .andExpect(status().isOk()).andReturn();
        List<String> codes = read(own, "$[*].checkpointCode");
        assertThat(codes).containsOnly("KK01").hasSize(3);

        mvc.perform(get("/api/v1/duty/shifts").with(login(officer)).param("date", day.toString()).param("checkpoint", "KK02"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/duty/shifts/generate").with(login(officer)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\":\"" + day + "\",\"to\":\"" + day + "\"}")).andExpect(status().isForbidden());
        assertThat(assign(login(officer), shift, member).getResponse().getStatus()).isEqualTo(403);

        // an account without a linked member has no shifts
        mvc.perform(get("/api/v1/duty/my-shifts").with(login(fixtures.officer("KK01"))).param("from", day.toString())
                .param("to", day.toString())).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aTownCoordinatorManagesOnlyTheTownsCheckpoints() throws Exception {
        String town = fixtures.coordinator(MobilizationFixtures.DALIUTA);
        MvcResult created = generate(login(town), day, day);
        long inTown = count("select count(*) from checkpoint where active and town_code like ?", MobilizationFixtures.DALIUTA + "%");
        assertThat(readLong(created, "$.created")).isEqualTo(inTown * 3);
        assertThat(count("select count(*) from duty_shift where shift_date = ? and checkpoint_code = 'KK01'", day)).isZero();

        mvc.perform(get("/api/v1/duty/shifts").with(login(town)).param("date", day.toString()).param("checkpoint", "KK01"))
                .andExpect(status().isForbidden());
        generate(login(coordinator), day, day);
        // the KK01 branch's members are outside 大柳塔: they cannot be put on duty by the town coordinator
        long member = member(login(coordinator), null);
        MvcResult refused = assign(login(town), shiftId("KK02", day, 0), member);
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(assign(login(town), shiftId("KK01", day, 0), member).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void invalidRangesAreRejectedAndCreateNothing() throws Exception {
        long before = count("select count(*) from duty_shift");
        MvcResult reversed = mvc.perform(post("/api/v1/duty/shifts/generate").with(login(coordinator))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"" + day + "\",\"to\":\"" + day.minusDays(1) + "\"}"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(reversed, "$.errors[0].field")).isEqualTo("to");
        mvc.perform(post("/api/v1/duty/shifts/generate").with(login(coordinator))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"from\":\"" + day + "\",\"to\":\"" + day.plusDays(40) + "\"}"))
                .andExpect(status().isBadRequest());
        assertThat(count("select count(*) from duty_shift")).isEqualTo(before);
    }
}
