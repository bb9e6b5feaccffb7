package org.cordon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The daily report agrees with the referral chain's records (issue 13: "suspected 1" stood beside "isolated 0"): the
 * chain is driven as its users drive it — a fever arrival from Wuhan excluded and observed; another feverish driver
 * suspected, isolated, confirmed, traced, their passenger observed as a close contact; a third suspected and released
 * back into observation; a returnee released at the end of the period — and every figure of the report (kept by the
 * events) equals a count of the records, before and after a recount.
 */
class ReferralChainReportIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";

    /** Report lines and the count of records each must equal (parameters: the day, twice where needed). */
    static final Map<String, String> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("daily.underObservation",
                "select count(*) from observation_episode where start_date <= :day and (ended_on is null or ended_on > :day)");
        RECORDS.put("daily.episodesStarted", "select count(*) from observation_episode where start_date = :day");
        RECORDS.put("daily.episodesReleased", "select count(*) from observation_episode where status = 'RELEASED' and ended_on = :day");
        RECORDS.put("daily.outcomeExcluded", outcomes("EXCLUDED"));
        RECORDS.put("daily.outcomeSuspected", outcomes("SUSPECTED"));
        RECORDS.put("daily.outcomeConfirmed", outcomes("CONFIRMED"));
        RECORDS.put("daily.isolationsStarted", "select count(*) from isolation where started_on = :day");
        RECORDS.put("daily.isolationsReleased", "select count(*) from isolation where status = 'RELEASED' and ended_on = :day");
        RECORDS.put("daily.inIsolation", "select count(*) from isolation where started_on <= :day and (ended_on is null or ended_on > :day)");
        RECORDS.put("daily.casesConfirmed", "select count(*) from confirmed_case where confirmed_on = :day");
        RECORDS.put("daily.casesTotal", "select count(*) from confirmed_case where confirmed_on <= :day");
    }

    static String outcomes(String outcome) {
        return "select count(*) from referral where outcome = '" + outcome + "' and (outcome_at at time zone 'Asia/Shanghai')::date = :day";
    }

    @Autowired
    DashboardManagement dashboard;

    @Autowired
    AccountManagement accounts;

    Map<String, Long> report(LocalDate day) {
        Map<String, Long> lines = new LinkedHashMap<>();
        dashboard.dailyReport(accounts.loadUserByUsername("commander"), null, day, null).lines()
                .forEach(l -> lines.put(l.key(), l.value().longValue()));
        return lines;
    }

    Map<String, Long> records(LocalDate day) {
        Map<String, Long> counts = new LinkedHashMap<>();
        RECORDS.forEach((line, sql) -> counts.put(line, jdbc.sql(sql).param("day", day).query(Long.class).single()));
        return counts;
    }

    void awaitListeners(Instant since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> count("""
                select count(*) from event_publication where completion_date is null and publication_date >= ?""",
                Timestamp.from(since)) == 0);
    }

    long passage(String origin, String occupants) throws Exception {
        return readLong(mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "%s", "destinationAreaCode": "%s", "disinfected": true, "occupants": [%s]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), origin, VILLAGE, occupants)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
    }

    static String occupant(String name, String temperature) {
        return """
                {"name": "%s", "idNumber": "%s", "phone": "%s", "temperature": %s}""".formatted(name, randomIdNumber(), randomPhone(), temperature);
    }

    long referralOf(long passage) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                        select f.id from referral f join occupant o on f.source_ref = 'occupant:' || o.id where o.passage_id = ?""")
                .param(passage).query(Long.class).optional(), Optional::isPresent).orElseThrow();
    }

    long postForId(String user, String url, String body, Object... vars) throws Exception {
        return readLong(mvc.perform(post(url, vars).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is2xxSuccessful()).andReturn(), "$.id");
    }

    String json(String user, String url, String body, Object... vars) throws Exception {
        return body(mvc.perform(post(url, vars).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is2xxSuccessful()).andReturn());
    }

    /** A new node below {@code parent} (through the area API, as an administrator); answers its code. */
    String newArea(String parent, String kind) throws Exception {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String code;
        do {
            code = parent + String.format("%03d", 500 + r.nextInt(500));
        } while (count("select count(*) from area where code = ?", code) > 0);
        mvc.perform(post("/api/v1/areas").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                {"code": "%s", "name": "日报测试%s", "kind": "%s", "parentCode": "%s"}""".formatted(code, code.substring(9), kind, parent)))
                .andExpect(status().isCreated());
        return code;
    }

    @Test
    void theDailyReportCountsWhatTheReferralChainRecorded() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        awaitListeners(start.minusSeconds(300));
        dashboard.rebuild("test");   // baseline: whatever earlier tests left is recounted once
        LocalDate today = today();
        Map<String, Long> before = report(today);
        assertThat(before).as("the recount equals the records").containsAllEntriesOf(records(today));

        long site = postForId("admin", "/api/v1/quarantine-sites", """
                {"name": "日报测试隔离点%s", "areaCode": "610881106", "capacity": 5, "purpose": "ISOLATION"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 6)));
        // the passenger lives in a group of a village of this test's own (the sample villages keep their figures)
        String group = newArea(newArea("610881106", "VILLAGE"), "GROUP");
        accounts.createAccount(new NewAccount("rpt" + UUID.randomUUID().toString().substring(0, 6), "password1-for-tests", "组网格员",
                Role.GRID_WORKER, group, Set.of()));

        // 1. a fever arrival from Wuhan, excluded at the clinic: observed from today
        long excluded = referralOf(passage("420102", occupant("孟晓燕", "37.8")));
        json("medic", "/api/v1/referrals/{id}/outcome", "{\"outcome\": \"EXCLUDED\"}", excluded);

        // 2. a feverish driver with a passenger: suspected → isolated → confirmed → traced → the passenger observed
        long driver = referralOf(passage("610802", occupant("任国栋", "38.7") + ", " + occupant("任小军", "36.5")));
        long isolation = readLong(mvc.perform(post("/api/v1/referrals/{id}/outcome", driver).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(site)))
                .andExpect(status().isOk()).andReturn(), "$.followUp.id");
        long caseId = readLong(mvc.perform(post("/api/v1/isolations/{id}/outcome", isolation).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"CONFIRMED\"}"))
                .andExpect(status().isOk()).andReturn(), "$.caseId");
        String task = body(mvc.perform(get("/api/v1/cases/{id}", caseId).with(as("medic"))).andExpect(status().isOk()).andReturn());
        List<Integer> travellers = com.jayway.jsonpath.JsonPath.read(task, "$.travellers[*].id");
        assertThat(travellers).hasSize(1);
        mvc.perform(post("/api/v1/cases/{id}/travellers/{t}/contact", caseId, travellers.get(0)).with(as("medic"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"areaCode\": \"%s\"}".formatted(group))).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/cases/{id}/tracing/complete", caseId).header("X-Cordon-Client", "test").with(as("medic")))
                .andExpect(status().isOk());

        // 3. a Wuhan arrival suspected, then released from isolation: observed again for the rest of the 14 days
        long third = referralOf(passage("420102", occupant("卫东方", "38.0")));
        long thirdIsolation = readLong(mvc.perform(post("/api/v1/referrals/{id}/outcome", third).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(site)))
                .andExpect(status().isOk()).andReturn(), "$.followUp.id");
        json("medic", "/api/v1/isolations/{id}/outcome", "{\"outcome\": \"RELEASED\"}", thirdIsolation);

        // 4. a returnee whose 14 days are over, released
        long returnee = postForId("grid1", "/api/v1/returnees", """
                {"name": "葛长青", "idNumber": "%s", "phone": "%s", "originCode": "420102", "arrivedOn": "%s", "destinationCode": "%s"}"""
                .formatted(randomIdNumber(), randomPhone(), today.minusDays(14), VILLAGE));
        long episode = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select id from observation_episode where returnee_id = ?")
                .param(returnee).query(Long.class).optional(), Optional::isPresent).orElseThrow();
        mvc.perform(post("/api/v1/observation/episodes/{id}/release", episode).header("X-Cordon-Client", "test").with(as("grid1")))
                .andExpect(status().isOk());

        awaitListeners(start);
        Map<String, Long> after = report(today);
        Map<String, Long> records = records(today);
        assertThat(after).as("every figure of the daily report equals the count of its records").containsAllEntriesOf(records);
        // and the report moved as the chain did
        Map<String, Long> moved = new LinkedHashMap<>();
        RECORDS.keySet().forEach(k -> moved.put(k, after.get(k) - before.get(k)));
        assertThat(moved).containsEntry("daily.outcomeExcluded", 1L)
                .containsEntry("daily.outcomeSuspected", 2L)
                .containsEntry("daily.isolationsStarted", 2L)      // as many as suspected: no "suspected 1, isolated 0"
                .containsEntry("daily.isolationsReleased", 1L)
                .containsEntry("daily.inIsolation", 0L)
                .containsEntry("daily.casesConfirmed", 1L)
                .containsEntry("daily.casesTotal", 1L)
                .containsEntry("daily.episodesStarted", 3L)         // the excluded arrival, the passenger, the released suspect
                .containsEntry("daily.episodesReleased", 1L)
                .containsEntry("daily.underObservation", 3L);

        // the recount from the source tables gives the same report
        dashboard.rebuild("test");
        assertThat(report(today)).isEqualTo(after);
    }
}
