package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The grid worker's round (issue 16): a round's checks in one request with partial saves and idempotent rows, the
 * medics notified of an abnormal check once per open referral, the work list's one row per person and the call button's
 * audited reveal.
 */
class RoundIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String ELSEWHERE = "610881108201";

    @Autowired
    AccountManagement accounts;

    org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String username) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername(username));
    }

    long episodeIn(String user, String village) throws Exception {
        long returnee = readLong(mvc.perform(post("/api/v1/returnees").with(as(user)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "巡查测试", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                         "arrivedOn": "%s", "transportMode": "TRAIN", "transportDetail": "G402", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), randomIdNumber(), randomPhone(), today().minusDays(1), village)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returnee).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
    }

    String row(long episode, String temperature, String clientId) {
        return """
                {"episodeId": %d, "date": "%s", "slot": "MORNING", "temperature": %s, "symptoms": [], "clientId": "%s"}"""
                .formatted(episode, today(), temperature, clientId);
    }

    MvcResult round(String user, String... rows) throws Exception {
        return mvc.perform(post("/api/v1/observation/checks").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"checks\": [" + String.join(",", rows) + "]}")).andReturn();
    }

    long checks(long episode) {
        return count("select count(*) from observation_check where episode_id = ? and not missed", episode);
    }

    @Test
    void aRoundSavesTheValidRowsAnswersEachRowAndStoresNothingTwice() throws Exception {
        long normal = episodeIn("grid1", VILLAGE);
        long wrong = episodeIn("grid1", VILLAGE);
        long fever = episodeIn("grid1", VILLAGE);
        // (a village of its own: other tests count the open episodes of theirs)
        long elsewhere = episodeIn("admin", ELSEWHERE);
        String a = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String[] rows = {row(normal, "36.6", a), row(wrong, "\"45.1\"", UUID.randomUUID().toString()), row(fever, "38.2", c),
                row(elsewhere, "36.5", UUID.randomUUID().toString()), row(99_999_999L, "36.5", UUID.randomUUID().toString())};

        MvcResult first = round("grid1", rows);
        assertThat(first.getResponse().getStatus()).as(body(first)).isEqualTo(200);
        assertThat((Integer) read(first, "$.saved")).isEqualTo(2);
        assertThat((Integer) read(first, "$.rejected")).isEqualTo(3);
        assertThat((String) read(first, "$.results[0].outcome")).isEqualTo("SAVED");
        assertThat((String) read(first, "$.results[1].outcome")).isEqualTo("REJECTED");
        assertThat((String) read(first, "$.results[1].errors.temperature")).contains("43");
        assertThat((Boolean) read(first, "$.results[2].abnormal")).isTrue();
        long referral = readLong(first, "$.results[2].referralId");
        // an episode of another village and one that does not exist are refused alike: nothing to learn of other areas
        assertThat((String) read(first, "$.results[3].errors.episodeId")).isNotBlank();
        assertThat(((String) read(first, "$.results[3].errors.episodeId")).replace(String.valueOf(elsewhere), "N"))
                .isEqualTo(((String) read(first, "$.results[4].errors.episodeId")).replace("99999999", "N"));
        assertThat(checks(normal)).isEqualTo(1);
        assertThat(checks(wrong)).isZero();
        assertThat(checks(elsewhere)).isZero();
        assertThat(count("select count(*) from referral where id = ? and source = 'OBSERVATION' and outcome is null", referral)).isEqualTo(1);

        // the same round sent again (a retry, the back button): nothing is stored twice
        MvcResult again = round("grid1", rows);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat((Integer) read(again, "$.saved")).isZero();
        assertThat((Integer) read(again, "$.alreadySaved")).isEqualTo(2);
        assertThat((Long) readLong(again, "$.results[2].referralId")).isEqualTo(referral);
        assertThat(checks(normal)).isEqualTo(1);
        assertThat(checks(fever)).isEqualTo(1);

        // nothing saved at all: a plain 400 naming the rows' fields
        MvcResult refused = round("grid1", row(wrong, "\"abc\"", UUID.randomUUID().toString()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(refused)).contains("checks[0].temperature");
        assertThat(round("grid1").getResponse().getStatus()).isEqualTo(400);
        assertThat(round("officer1", row(wrong, "36.5", UUID.randomUUID().toString())).getResponse().getStatus()).isEqualTo(403);
        assertThat(checks(wrong)).isZero();
    }

    @Test
    void anAbnormalCheckNotifiesTheMedicsOnceWhileTheirReferralIsOpen() throws Exception {
        long episode = episodeIn("grid1", VILLAGE);
        long referral = readLong(mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"date": "%s", "slot": "MORNING", "temperature": 38.0, "symptoms": []}""".formatted(today())))
                .andExpect(status().isOk()).andReturn(), "$.referralId");
        long person = jdbc.sql("select person_id from observation_episode where id = ?").param(episode).query(Long.class).single();
        // the medics have it on their list at once
        mvc.perform(get("/api/v1/referrals").with(as("medic"))).andExpect(jsonPath("$[*].id").value(hasItem((int) referral)));
        // the evening's abnormal check: the referral is still open, no second one
        long second = readLong(mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"date": "%s", "slot": "EVENING", "temperature": 36.8, "symptoms": ["COUGH"]}""".formatted(today())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.abnormal").value(true)).andReturn(), "$.referralId");
        assertThat(second).isEqualTo(referral);
        assertThat(count("select count(*) from referral where person_id = ?", person)).isEqualTo(1);
        assertThat(count("select count(*) from observation_check where episode_id = ? and abnormal", episode)).isEqualTo(2);

        // the grid worker sees that (and whom) the referral notified: on the work list and on the episode page
        MvcResult list = mvc.perform(get("/api/v1/observation/worklist").with(as("grid1"))).andExpect(status().isOk()).andReturn();
        List<Integer> notified = read(list, "$.people[?(@.episode.id == " + episode + ")].notified.referralId");
        assertThat(notified).containsExactly((int) referral);
        List<Integer> rows = read(list, "$.people[*].episode.id");
        assertThat(rows.stream().filter(id -> id == episode).count()).as("each person once").isEqualTo(1);
        String page = mvc.perform(get("/observation/episodes/{id}", episode).with(signedIn("grid1"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"medics-notified\"").contains("医护人员");

        // after the clinic's outcome a new abnormal check raises a new referral
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"EXCLUDED\"}")).andExpect(status().isOk());
        long third = readLong(mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"date": "%s", "slot": "MORNING", "temperature": 38.3, "symptoms": []}""".formatted(today().minusDays(1))))
                .andExpect(status().isOk()).andReturn(), "$.referralId");
        assertThat(third).isNotEqualTo(referral);
    }

    @Test
    void aDashboardTileOpensTheReferralsAndTheWorkListOfItsAreaAndDay() throws Exception {
        long episode = episodeIn("grid1", VILLAGE);
        long referral = readLong(mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"date": "%s", "slot": "MORNING", "temperature": 38.4, "symptoms": []}""".formatted(today())))
                .andExpect(status().isOk()).andReturn(), "$.referralId");
        java.util.function.Function<String, String> referrals = query -> {
            try {
                return mvc.perform(get("/referrals" + query).with(signedIn("commander"))).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String card = "id=\"referral-" + referral + "\"";
        assertThat(referrals.apply("?area=610881106&date=" + today())).contains(card).contains("id=\"referrals-filter\"");
        assertThat(referrals.apply("?area=" + ELSEWHERE + "&date=" + today())).doesNotContain(card);
        assertThat(referrals.apply("?area=610881106&date=" + today().minusDays(3))).doesNotContain(card);
        assertThat(referrals.apply("?area=not-a-code")).contains(card).doesNotContain("id=\"referrals-filter\"");
        mvc.perform(get("/referrals").param("date", "2020-13-45").with(signedIn("commander"))).andExpect(status().isBadRequest());
        // the alert board's address keeps the day
        mvc.perform(get("/alerts").param("date", today().toString()).with(signedIn("commander")))
                .andExpect(redirectedUrl("/referrals?date=" + today() + "#alerts"));

        String list = mvc.perform(get("/observation").param("area", VILLAGE).with(signedIn("commander"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("id=\"work-filter\"");
        assertThat(list).containsPattern("data-search=\"[^\"]*中鸡一村");
        String elsewhere = mvc.perform(get("/observation").param("area", ELSEWHERE).with(signedIn("commander"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(elsewhere).doesNotContainPattern("data-search=\"[^\"]*中鸡一村");
    }

    @Test
    void aSitesBedsTakeThousandsSeparators() throws Exception {
        String name = "千床观察点-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/observation/sites").with(signedIn("admin")).with(csrf()).param("name", name)
                        .param("destinationTown", "610881106").param("address", "测试路 1 号").param("capacity", "1,200")
                        .param("purpose", "OBSERVATION"))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("succeeded"));
        assertThat(jdbc.sql("select capacity from quarantine_site where name = ?").param(name).query(Integer.class).single()).isEqualTo(1200);
        String refused = "半床观察点-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/observation/sites").with(signedIn("admin")).with(csrf()).param("name", refused)
                        .param("destinationTown", "610881106").param("address", "测试路 2 号").param("capacity", "1,20")
                        .param("purpose", "OBSERVATION"))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("errors"));
        assertThat(count("select count(*) from quarantine_site where name = ?", refused)).isZero();
    }

    @Test
    void theRoundPageSavesTheFilledRowsAndComesBackWithTheRestAndTheMessages() throws Exception {
        long done = episodeIn("grid1", VILLAGE);
        long rejected = episodeIn("grid1", VILLAGE);
        long empty = episodeIn("grid1", VILLAGE);
        MvcResult posted = mvc.perform(post("/observation/round").with(signedIn("grid1")).with(csrf())
                        .param("date", today().toString()).param("slot", "")
                        .param("c." + done, UUID.randomUUID().toString()).param("t." + done, "36.4")
                        .param("c." + rejected, UUID.randomUUID().toString()).param("t." + rejected, "33").param("s." + rejected, "COUGH")
                        .param("c." + empty, UUID.randomUUID().toString()).param("t." + empty, ""))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/observation/round"))
                .andExpect(flash().attributeExists("succeeded")).andReturn();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> errors = (Map<String, Map<String, String>>) posted.getFlashMap().get("roundErrors");
        assertThat(errors).containsOnlyKeys(String.valueOf(rejected));
        assertThat(errors.get(String.valueOf(rejected)).get("temperature")).contains("34");
        assertThat(checks(done)).isEqualTo(1);
        assertThat(checks(rejected)).isZero();
        assertThat(checks(empty)).isZero();

        String page = mvc.perform(get("/observation/round").with(signedIn("grid1"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"round-" + done + "\"").contains("name=\"t." + empty + "\"").doesNotContain("name=\"t." + done + "\"");
        // the search as you type also finds a row by its village's pinyin initials (中鸡一村 → zjyc)
        assertThat(page).containsPattern("id=\"round-" + empty + "\"[^>]*data-search=\"[^\"]*zjyc");
        String list = mvc.perform(get("/observation").with(signedIn("grid1"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).containsPattern("data-search=\"[^\"]*zjyc[^\"]*zhongjiyicun");
    }

    @Test
    void theCallButtonRevealsThePhoneThroughTheAuditedRevealForEachCall() throws Exception {
        long episode = episodeIn("grid1", VILLAGE);
        long before = count("select count(*) from audit_entry where record_type = 'observation_episode' and record_id = ?", String.valueOf(episode));
        MvcResult answer = mvc.perform(post("/observation/episodes/{id}/phone", episode).with(signedIn("grid1")).with(csrf()))
                .andExpect(status().isOk()).andReturn();
        assertThat((String) read(answer, "$.phone")).matches("1[3-9]\\d{9}");
        mvc.perform(post("/observation/episodes/{id}/phone", episode).with(signedIn("grid1")).with(csrf())).andExpect(status().isOk());
        assertThat(count("select count(*) from audit_entry where record_type = 'observation_episode' and record_id = ?", String.valueOf(episode)))
                .isEqualTo(before + 2);
        mvc.perform(post("/observation/episodes/{id}/phone", episode).with(signedIn("clerk")).with(csrf())).andExpect(status().isForbidden());
    }
}
