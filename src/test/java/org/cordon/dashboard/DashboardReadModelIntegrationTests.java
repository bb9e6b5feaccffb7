package org.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.checkpoint.Direction;
import org.cordon.checkpoint.PassageRegistered;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The read models follow the other modules' events and equal a recount from the source tables;
 * the dashboard answers within the caller's jurisdiction only.
 */
class DashboardReadModelIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String TOWN = "610881106";

    @Autowired
    DashboardManagement dashboard;

    @Autowired
    DashboardListeners listeners;

    @Autowired
    AccountManagement accounts;

    /** Every row of the fact table, in key order, as text (for whole-table comparison). */
    List<String> facts() {
        return jdbc.sql("select d::text from dash_daily d order by day, hour, area_code, checkpoint_code")
                .query(String.class).list();
    }

    /** Waits until every event publication (of any module) since {@code since} has completed. */
    void awaitListeners(Instant since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> count("""
                select count(*) from event_publication where completion_date is null and publication_date >= ?""",
                java.sql.Timestamp.from(since)) == 0);
    }

    long figure(String user, String path) throws Exception {
        return readLong(mvc.perform(get("/api/v1/dashboard").with(as(user))).andExpect(status().isOk()).andReturn(), path);
    }

    long awaitRow(String sql, Object... params) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql(sql).params(params).query(Long.class).optional(), Optional::isPresent).orElseThrow();
    }

    @Test
    void readModelsFollowTheEventsAndEqualARecountFromTheSourceTables() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        awaitListeners(start.minusSeconds(120));
        dashboard.rebuild("test");   // baseline: rows written before this test class are recounted once
        long passages = figure("commander", "$.day.passages");
        long people = figure("commander", "$.day.people");
        long fever = figure("commander", "$.day.feverReferrals");
        long risk = figure("commander", "$.day.riskArrivals");
        long townPassages = figure("town1", "$.day.passages");
        long isolated = figure("commander", "$.day.episodesIsolated");
        long suspected = figure("commander", "$.day.outcomeSuspected");
        long isolations = figure("commander", "$.day.isolationsStarted");
        long inIsolation = figure("commander", "$.inIsolation");
        long abnormal = figure("commander", "$.day.checksAbnormal");

        // a car from a risk area with a feverish and a healthy occupant at KK01 (town 610881106)
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "420102", "destinationAreaCode": "%s", "disinfected": true,
                                 "occupants": [{"name": "王建华", "idNumber": "%s", "phone": "%s", "temperature": 38.4},
                                               {"name": "王建国", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, randomIdNumber(), randomPhone(),
                                        randomIdNumber(), randomPhone())))
                .andExpect(status().isCreated());
        // a pedestrian at KK02 (another town), not disinfected
        mvc.perform(post("/api/v1/checkpoints/KK02/passages").with(as("officer2")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientId": "%s", "direction": "LEAVING", "vehicleType": "PEDESTRIAN",
                                 "originAreaCode": "610802", "disinfected": false,
                                 "occupants": [{"name": "李梅", "idNumber": "%s", "temperature": 36.4}]}"""
                                .formatted(UUID.randomUUID(), randomIdNumber())))
                .andExpect(status().isCreated());
        // a returnee registered door to door, an abnormal check, a suspected case: the episode ends isolated
        long returnee = readLong(mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"sourceRef": "%s", "name": "刘德明", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                         "arrivedOn": "%s", "transportMode": "TRAIN", "transportDetail": "G402", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), randomIdNumber(), randomPhone(), today(), VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
        long episode = awaitRow("select id from observation_episode where returnee_id = ?", returnee);
        mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"date": "%s", "slot": "MORNING", "temperature": 38.6, "symptoms": []}""".formatted(today())))
                .andExpect(status().is2xxSuccessful());
        long referral = awaitRow("select id from referral where episode_id = ?", episode);
        long site = jdbc.sql("insert into quarantine_site(name, area_code, capacity, purpose) values (?, ?, 5, 'ISOLATION') returning id")
                .param("看板测试隔离点" + UUID.randomUUID()).param(TOWN).query(Long.class).single();
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(site))).andExpect(status().isOk());

        awaitListeners(start);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(figure("commander", "$.day.passages")).isEqualTo(passages + 2);
            assertThat(figure("commander", "$.day.people")).isEqualTo(people + 3);
            assertThat(figure("commander", "$.day.feverReferrals")).isEqualTo(fever + 1);
            assertThat(figure("commander", "$.day.riskArrivals")).isEqualTo(risk + 1);
            assertThat(figure("commander", "$.day.checksAbnormal")).isEqualTo(abnormal + 1);
            assertThat(figure("commander", "$.day.outcomeSuspected")).isEqualTo(suspected + 1);
            assertThat(figure("commander", "$.day.episodesIsolated")).isEqualTo(isolated + 1);
            // the suspected case is in an isolation record: the figures say so
            assertThat(figure("commander", "$.day.isolationsStarted")).isEqualTo(isolations + 1);
            assertThat(figure("commander", "$.inIsolation")).isEqualTo(inIsolation + 1);
        });
        // the town sees its own checkpoint's passage, not the other town's
        assertThat(figure("town1", "$.day.passages")).isEqualTo(townPassages + 1);

        awaitListeners(start);
        List<String> maintained = facts();
        dashboard.rebuild("test");
        assertThat(facts()).as("read models kept by the listeners equal the recount from the source tables")
                .containsExactlyElementsOf(maintained);
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        LocalDate day = LocalDate.of(2020, 2, 3);
        PassageRegistered event = new PassageRegistered(-System.nanoTime(), "KK03", "610881102", Direction.ENTERING,
                day.atTime(9, 15).atZone(CITY_ZONE).toInstant(), day, 3, true, true, null, 0, 0);
        // the listener is asynchronous: deliver, wait, deliver again and watch the row stay as it was
        listeners.on(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from dash_daily where day = ? and hour = 9 and checkpoint_code = 'KK03' and passages > 0", day) == 1);
        listeners.on(event);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql("select passages, people, vehicles, disinfected from dash_daily where day = ? and hour = 9 and checkpoint_code = 'KK03'")
                .param(day).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single())
                .as("the second delivery is ignored").containsExactly(1, 3, 1, 1));
        jdbc.sql("update dash_daily set passages = passages - 1, people = people - 3, vehicles = vehicles - 1, disinfected = disinfected - 1"
                + " where day = ? and hour = 9 and checkpoint_code = 'KK03'").param(day).update();
        jdbc.sql("delete from dash_daily where day = ? and passages = 0 and people = 0 and vehicles = 0 and disinfected = 0"
                + " and checkpoint_code = 'KK03' and fever_referrals = 0 and risk_arrivals = 0").param(day).update();
    }

    @Test
    void theDashboardStaysInsideTheCallersJurisdiction() throws Exception {
        mvc.perform(get("/api/v1/dashboard").with(as("commander")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.areaCode").value("610881")).andExpect(jsonPath("$.city").value(true));
        mvc.perform(get("/api/v1/dashboard").with(as("town1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.areaCode").value(TOWN)).andExpect(jsonPath("$.city").value(false));
        mvc.perform(get("/api/v1/dashboard").param("area", VILLAGE).with(as("town1"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/dashboard").param("area", "610881102").with(as("town1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/dashboard").param("area", "610881").with(as("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/dashboard").with(as("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/dashboard/trends").param("days", "14").with(as("commander")))
                .andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(14)))
                .andExpect(jsonPath("$[13].date").value(today().toString()));
        mvc.perform(get("/api/v1/dashboard/breakdown").with(as("commander")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.areas[*].code").value(Matchers.everyItem(Matchers.hasLength(9))));
        mvc.perform(get("/api/v1/dashboard/funnel").with(as("town1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].key").value(Matchers.contains(
                        "registered", "observing", "referred", "released", "confirmed")));
        mvc.perform(post("/api/v1/dashboard/rebuild").header("X-Cordon-Client", "test").with(as("commander"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/dashboard/rebuild").header("X-Cordon-Client", "test").with(as("admin"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isNumber());
    }

    @Test
    void thePageShowsFiguresChartsAndTheRebuildButtonForAdministrators() throws Exception {
        MvcResult page = mvc.perform(get("/dashboard").with(user(accounts.loadUserByUsername("admin"))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"chart-trends\"")))
                // only the chart modules it uses, bundled at build time, by a content-hashed name (README "Fast on slow links")
                .andExpect(content().string(Matchers.matchesRegex("(?s).*<script src=\"/vendor/echarts/dashboard-charts-[0-9a-f]{32}\\.js\" defer>.*")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("echarts.min.js"))))
                .andExpect(content().string(Matchers.containsString("id=\"dash-rebuild\"")))
                .andReturn();
        assertThat(body(page)).contains("href=\"/referrals\"", "href=\"/observation\"", "href=\"/command\"",
                "href=\"/mobilization/volunteers\"", "href=\"/supplies\"");
        mvc.perform(get("/dashboard").with(user(accounts.loadUserByUsername("town1"))))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.not(Matchers.containsString("id=\"dash-rebuild\""))));
        mvc.perform(get("/dashboard/data/trends").with(user(accounts.loadUserByUsername("town1"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(14)));
        mvc.perform(get("/dashboard/data/funnel").with(user(accounts.loadUserByUsername("commander")))).andExpect(status().isOk());
        mvc.perform(get("/dashboard").with(user(accounts.loadUserByUsername("officer1")))).andExpect(status().isForbidden());
        mvc.perform(post("/dashboard/rebuild").with(user(accounts.loadUserByUsername("admin"))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/vendor/echarts/dashboard-charts.js")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.startsWith("/*! Apache ECharts 5.3.1")));
    }
}
