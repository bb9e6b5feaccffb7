package org.cordon.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Medical observation end to end on PostgreSQL: hand-over from checkpoints, checks, referrals and
 * outcomes, release, missed checks, close contacts, daily reports and the jurisdiction boundaries.
 */
@RecordApplicationEvents
class ObservationIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String OTHER_VILLAGE = "610881106202";

    @Autowired
    EpisodeManagement episodes;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationEvents events;

    String otherWorker;

    @BeforeEach
    void otherVillageWorker() {
        otherWorker = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(otherWorker, "password1-for-tests", "二村网格员", Role.GRID_WORKER, OTHER_VILLAGE, Set.of()));
    }

    ResultActions registerReturnee(String user, String idNumber, LocalDate arrived, String destination) throws Exception {
        return mvc.perform(post("/api/v1/returnees").with(as(user)).contentType(MediaType.APPLICATION_JSON).content("""
                {"sourceRef": "%s", "name": "刘德明", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                 "arrivedOn": "%s", "transportMode": "TRAIN", "transportDetail": "G402", "destinationCode": "%s"}"""
                .formatted(UUID.randomUUID(), idNumber, randomPhone(), arrived, destination)));
    }

    /** Registers a returnee door to door as grid1 and waits for the observation episode the listener starts. */
    long episodeFor(LocalDate arrived) throws Exception {
        long returneeId = readLong(registerReturnee("grid1", randomIdNumber(), arrived, VILLAGE).andExpect(status().isCreated()).andReturn(),
                "$.id");
        return awaitEpisodeOfReturnee(returneeId);
    }

    long awaitEpisodeOfReturnee(long returneeId) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returneeId).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
    }

    /** An isolation site of its own for this test class (plenty of beds), made through the API by an administrator. */
    long isolationSite() throws Exception {
        if (isolationSite == null) {
            isolationSite = readLong(mvc.perform(post("/api/v1/quarantine-sites").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                    .content("""
                            {"name": "测试隔离点%s", "areaCode": "610881106", "capacity": 500, "purpose": "ISOLATION"}"""
                            .formatted(UUID.randomUUID().toString().substring(0, 6))))
                    .andExpect(status().isCreated()).andReturn(), "$.id");
        }
        return isolationSite;
    }

    static Long isolationSite;

    /** The body of a SUSPECTED outcome at this class's isolation site. */
    String suspected() throws Exception {
        return "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite());
    }

    ResultActions check(String user, long episode, LocalDate date, String slot, String temperature) throws Exception {
        return mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as(user))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"date": "%s", "slot": "%s", "temperature": %s, "symptoms": []}""".formatted(date, slot, temperature)));
    }

    @Test
    void aRiskArrivalAtACheckpointAppearsOnTheDestinationGridWorkersList() throws Exception {
        String idNumber = randomIdNumber();
        long passage = readLong(mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "420102", "destinationAreaCode": "%s", "disinfected": true,
                                 "occupants": [{"name": "王建华", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, idNumber, randomPhone())))
                .andExpect(status().isCreated()).andReturn(), "$.id");

        Long returnee = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                        "select r.id from returnee r join occupant o on r.source_ref = 'occupant:' || o.id where o.passage_id = ?")
                .param(passage).query(Long.class).optional(), Optional::isPresent).orElseThrow();
        long episode = awaitEpisodeOfReturnee(returnee);

        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("CHECKPOINT"))
                .andExpect(jsonPath("$.responsibleUsername").value("grid1"))
                .andExpect(jsonPath("$.person.name").value("王*华"))
                .andExpect(jsonPath("$.originCode").value("420102"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.open[*].id").value(hasItem((int) episode))));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(as("grid1")))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(14).toString()));
        // another village's grid worker neither sees it nor may open it
        mvc.perform(get("/api/v1/observation/worklist").with(httpBasic(otherWorker, "password1-for-tests")))
                .andExpect(jsonPath("$.open[*].id").value(not(hasItem((int) episode))));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(httpBasic(otherWorker, "password1-for-tests")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(httpBasic(otherWorker, "password1-for-tests")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/observation/worklist").with(as("officer1"))).andExpect(status().isForbidden());
    }

    @Test
    void aFeverAtACheckpointAppearsInTheMedicalReferralList() throws Exception {
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                         "originAreaCode": "610802", "destinationAreaCode": "%s", "disinfected": true,
                         "occupants": [{"name": "郝红梅", "idNumber": "%s", "temperature": 38.4}]}"""
                        .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, randomIdNumber())))
                .andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/referrals").with(as("medic")))
                .andExpect(jsonPath("$[?(@.person.name == '郝*梅')].source").value(hasItem("CHECKPOINT")))
                .andExpect(jsonPath("$[?(@.person.name == '郝*梅')].temperature").value(hasItem(38.4))));
    }

    @Test
    void anAbnormalCheckOpensAReferralWhoseOutcomeDecidesTheEpisode() throws Exception {
        LocalDate yesterday = today().minusDays(1);
        long episode = episodeFor(yesterday);
        check("grid1", episode, yesterday, "EVENING", "36.6").andExpect(status().isOk()).andExpect(jsonPath("$.abnormal").value(false));
        long referral = readLong(check("grid1", episode, today(), "MORNING", "37.6")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.abnormal").value(true))
                .andExpect(jsonPath("$.episode.status").value("REFERRED"))
                .andReturn(), "$.referralId");
        assertThat(events.stream(CheckAbnormal.class).filter(e -> e.episodeId() == episode)).hasSize(1);

        // the same slot again, a date outside the period, an impossible temperature: rejected, nothing stored
        long checks = count("select count(*) from observation_check where episode_id = ?", episode);
        check("grid1", episode, today(), "MORNING", "36.5").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.check.alreadyRecorded"));
        check("grid1", episode, today().minusDays(5), "MORNING", "36.5").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.check.outsidePeriod"));
        check("grid1", episode, today(), "EVENING", "45").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("temperature"));
        assertThat(count("select count(*) from observation_check where episode_id = ?", episode)).isEqualTo(checks);

        mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.openReferrals[*].id").value(hasItem((int) referral)));
        // outcomes are for medical staff
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"EXCLUDED\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\": \"EXCLUDED\", \"clinic\": \"神木市医院发热门诊\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("EXCLUDED"));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(as("grid1"))).andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"CONFIRMED\"}")).andExpect(status().isBadRequest());

        // a second abnormal check, this time suspected: the episode ends in isolation
        long second = readLong(check("grid1", episode, today(), "EVENING", "38.2").andReturn(), "$.referralId");
        mvc.perform(post("/api/v1/referrals/{id}/outcome", second).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content(suspected())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(as("grid1"))).andExpect(jsonPath("$.status").value("ISOLATED"));
        assertThat(events.stream(ObservationEnded.class).filter(e -> e.episodeId() == episode && e.status() == EpisodeStatus.ISOLATED))
                .hasSize(1);
    }

    @Test
    void releaseNeedsTheWholePeriodWithEveryCheckRecorded() throws Exception {
        long early = episodeFor(today());
        mvc.perform(post("/api/v1/observation/episodes/{id}/release", early).header("X-Cordon-Client", "test").with(as("grid1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.release.tooEarly"));

        LocalDate start = today().minusDays(14);
        long episode = episodeFor(start);
        for (LocalDate day = start; day.isBefore(today()); day = day.plusDays(1)) {
            check("grid1", episode, day, "MORNING", "36.4").andExpect(status().isOk());
            check("grid1", episode, day, "EVENING", "36.8").andExpect(status().isOk());
        }
        mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.endingToday[*].id").value(hasItem((int) episode)));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(as("grid1")))
                .andExpect(jsonPath("$.releasable").value(true))
                .andExpect(jsonPath("$.checksRecorded").value(28));
        mvc.perform(post("/api/v1/observation/episodes/{id}/release", episode).header("X-Cordon-Client", "test").with(httpBasic(otherWorker, "password1-for-tests")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/observation/episodes/{id}/release", episode).header("X-Cordon-Client", "test").with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RELEASED"))
                .andExpect(jsonPath("$.endedOn").value(today().toString()));
        long returnee = jdbc.sql("select returnee_id from observation_episode where id = ?").param(episode).query(Long.class).single();
        assertThat(jdbc.sql("select status from returnee where id = ?").param(returnee).query(String.class).single()).isEqualTo("RELEASED");
        assertThat(events.stream(ObservationEnded.class).filter(e -> e.episodeId() == episode)).hasSize(1);

        // the printed notice is an audited reveal: a grid worker prints the name in full, the ID number stays masked
        String audited = "select count(*) from audit_entry where action = 'VIEW_FULL' and record_type = 'observation_episode' and username = ?";
        long audits = jdbc.sql(audited).param("grid1").query(Long.class).single();
        ReleaseNotice notice = episodes.releaseNotice(accounts.loadUserByUsername("grid1"), episode);
        assertThat(notice.person().name().text()).isEqualTo("刘德明");
        assertThat(notice.person().name().isRevealed()).isTrue();
        assertThat(notice.person().idNumber().text()).contains("*");
        assertThat(notice.person().birthDate()).isNull();
        assertThat(notice.checksRecorded()).isEqualTo(28);
        assertThat(jdbc.sql(audited).param("grid1").query(Long.class).single()).isEqualTo(audits + 1);
        // medical staff may reveal everything: the ID number in full
        ReleaseNotice full = episodes.releaseNotice(accounts.loadUserByUsername("medic"), episode);
        assertThat(full.person().idNumber().text()).doesNotContain("*");
        assertThat(full.person().idNumber().isRevealed()).isTrue();
        // numbered per year like notices (not the database id), the same number however often it is printed
        assertThat(notice.year()).isEqualTo(today().getYear());
        assertThat(notice.number()).isPositive();
        assertThat(full.year()).isEqualTo(notice.year());
        assertThat(full.number()).isEqualTo(notice.number());
    }

    @Test
    void missedChecksAreFlaggedOnceAndBlockAGridWorkersRelease() throws Exception {
        LocalDate start = today().minusDays(14);
        long episode = episodeFor(start);
        // the episode existed for the whole period, but nobody checked on day 3
        jdbc.sql("update observation_episode set created_at = now() - interval '15 days' where id = ?").param(episode).update();
        for (LocalDate day = start; day.isBefore(today()); day = day.plusDays(1)) {
            if (!day.equals(start.plusDays(2))) {
                check("grid1", episode, day, "MORNING", "36.4");
                check("grid1", episode, day, "EVENING", "36.5");
            }
        }
        episodes.flagMissedChecks();
        long missed = count("select count(*) from observation_check where episode_id = ? and missed", episode);
        assertThat(missed).isEqualTo(2);
        assertThat(events.stream(CheckMissed.class).filter(e -> e.episodeId() == episode)).hasSize(2);
        episodes.flagMissedChecks();
        assertThat(count("select count(*) from observation_check where episode_id = ? and missed", episode)).isEqualTo(2);

        mvc.perform(post("/api/v1/observation/episodes/{id}/release", episode).header("X-Cordon-Client", "test").with(as("grid1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.release.missedChecks"));
        // a late check replaces the flag, and says so (the dashboard stops counting the slot as missed)
        check("grid1", episode, start.plusDays(2), "MORNING", "36.6").andExpect(status().isOk());
        check("grid1", episode, start.plusDays(2), "EVENING", "36.6").andExpect(status().isOk());
        assertThat(events.stream(LateCheckRecorded.class).filter(e -> e.episodeId() == episode)).hasSize(2);
        assertThat(count("select count(*) from observation_check where episode_id = ? and missed", episode)).isZero();
        mvc.perform(post("/api/v1/observation/episodes/{id}/release", episode).header("X-Cordon-Client", "test").with(as("grid1"))).andExpect(status().isOk());
    }

    @Test
    void registeringACloseContactTellsNothingAboutACaseOutsideTheCallersArea() throws Exception {
        // a suspected case in grid1's village
        long episode = episodeFor(today().minusDays(2));
        long referral = readLong(check("grid1", episode, today(), "MORNING", "38.2").andReturn(), "$.referralId");
        long casePerson = jdbc.sql("select person_id from observation_episode where id = ?").param(episode).query(Long.class).single();
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content(suspected())).andExpect(status().isOk());
        // a person of the same village who is no case at all
        long notACase = jdbc.sql("select person_id from observation_episode where id = ?").param(episodeFor(today().minusDays(1)))
                .query(Long.class).single();
        String contact = """
                {"casePersonId": %d, "name": "吴小满", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}""";
        long contactsBefore = count("select count(*) from close_contact");
        // the worker of the neighbouring village gets the same answer for the case as for a non-case: no oracle
        String forCase = body(mvc.perform(post("/api/v1/close-contacts").with(httpBasic(otherWorker, "password1-for-tests"))
                        .contentType(MediaType.APPLICATION_JSON).content(contact.formatted(casePerson, randomIdNumber(), today().minusDays(2), OTHER_VILLAGE)))
                .andExpect(status().isBadRequest()).andReturn());
        String forNonCase = body(mvc.perform(post("/api/v1/close-contacts").with(httpBasic(otherWorker, "password1-for-tests"))
                        .contentType(MediaType.APPLICATION_JSON).content(contact.formatted(notACase, randomIdNumber(), today().minusDays(2), OTHER_VILLAGE)))
                .andExpect(status().isBadRequest()).andReturn());
        assertThat(forCase).contains("validation.contact.caseNotSuspected");
        assertThat(forCase.replaceAll("\"instance\":\"[^\"]*\"", "")).isEqualTo(forNonCase.replaceAll("\"instance\":\"[^\"]*\"", ""));
        assertThat(count("select count(*) from close_contact")).isEqualTo(contactsBefore);
        // grid1, whose area holds the case, registers the contact
        mvc.perform(post("/api/v1/close-contacts").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content(contact.formatted(casePerson, randomIdNumber(), today().minusDays(2), VILLAGE)))
                .andExpect(status().isCreated());
    }

    @Test
    void aCloseContactOfASuspectedPersonIsObservedFromTheLastExposure() throws Exception {
        long episode = episodeFor(today().minusDays(2));
        long referral = readLong(check("grid1", episode, today(), "MORNING", "38.0").andReturn(), "$.referralId");
        long casePerson = jdbc.sql("select person_id from observation_episode where id = ?").param(episode).query(Long.class).single();
        String contact = """
                {"casePersonId": %d, "name": "周小川", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}""";
        // not yet suspected: refused
        mvc.perform(post("/api/v1/close-contacts").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content(contact.formatted(casePerson, randomIdNumber(), today().minusDays(3), VILLAGE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.contact.caseNotSuspected"));
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content(suspected())).andExpect(status().isOk());
        LocalDate exposure = today().minusDays(3);
        long contactEpisode = readLong(mvc.perform(post("/api/v1/close-contacts").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content(contact.formatted(casePerson, randomIdNumber(), exposure, VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.episodeId");
        mvc.perform(get("/api/v1/observation/episodes/{id}", contactEpisode).with(as("grid1")))
                .andExpect(jsonPath("$.reason").value("CLOSE_CONTACT"))
                .andExpect(jsonPath("$.startDate").value(exposure.toString()))
                .andExpect(jsonPath("$.plannedEnd").value(exposure.plusDays(14).toString()));
        // outside the grid worker's village: a field error, nothing stored
        long episodes = count("select count(*) from observation_episode");
        mvc.perform(post("/api/v1/close-contacts").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content(contact.formatted(casePerson, randomIdNumber(), exposure, OTHER_VILLAGE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("areaCode"));
        assertThat(count("select count(*) from observation_episode")).isEqualTo(episodes);
    }

    /** Registers a returnee door to door as grid1 with this name and phone; returns the returnee id. */
    long returneeWith(String name, String idNumber, String phone, LocalDate arrived) throws Exception {
        return readLong(mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "%s", "idNumber": "%s", "phone": "%s", "originCode": "420102", "arrivedOn": "%s",
                         "destinationCode": "%s"}""".formatted(name, idNumber, phone, arrived, VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
    }

    /** A person made a suspected case: an episode, a fever check, the clinic's outcome SUSPECTED. Returns the person id. */
    long suspectedCase() throws Exception {
        long episode = episodeFor(today().minusDays(2));
        long referral = readLong(check("grid1", episode, today(), "MORNING", "38.0").andReturn(), "$.referralId");
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content(suspected())).andExpect(status().isOk());
        return jdbc.sql("select person_id from observation_episode where id = ?").param(episode).query(Long.class).single();
    }

    @Test
    void aCloseContactRegistrationKeepsTheRegisteredIdentityUntilTheGridWorkerAdoptsTheReportedOne() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        long returnee = returneeWith("邹明", idNumber, phone, today().minusDays(20));
        long personId = jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single();
        long casePerson = suspectedCase();
        String otherPhone = randomPhone();

        long contactEpisode = readLong(mvc.perform(post("/api/v1/close-contacts").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"casePersonId": %d, "name": "邹小明", "idNumber": "%s", "phone": "%s", "exposureDate": "%s",
                                 "areaCode": "%s"}""".formatted(casePerson, idNumber, otherPhone, today().minusDays(1), VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.episodeId");

        // the contact is the registered person, unchanged
        assertThat(jdbc.sql("select person_id from observation_episode where id = ?").param(contactEpisode).query(Long.class).single())
                .isEqualTo(personId);
        assertThat(jdbc.sql("select name from person where id = ?").param(personId).query(String.class).single()).isEqualTo("邹明");
        assertThat(jdbc.sql("select residence_code from person where id = ?").param(personId).query(String.class).optional()).isEmpty();
        // the reported values wait on the episode, masked for the grid worker
        mvc.perform(get("/api/v1/observation/episodes/{id}", contactEpisode).with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.name").value("邹*"))
                .andExpect(jsonPath("$.reportedIdentity.recordType").value("EPISODE"))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'NAME')].reported").value(hasItem("邹*明")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].reported").value(hasItem(
                        otherPhone.substring(0, 3) + "****" + otherPhone.substring(7))))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'RESIDENCE')].reported").value(hasItem("中鸡一村〔示例〕")));
        String page = body(mvc.perform(get("/observation/episodes/{id}", contactEpisode).with(user(accounts.loadUserByUsername("grid1"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"identity-differs\"").contains("报告的姓名“邹*明”与登记的姓名“邹*”不一致")
                .contains("报告的居住地“中鸡一村〔示例〕”与登记的居住地“未登记”不一致");

        // another village's grid worker may neither see nor confirm it
        mvc.perform(post("/api/v1/observation/episodes/{id}/identity", contactEpisode).with(httpBasic(otherWorker, "password1-for-tests"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select name from person where id = ?").param(personId).query(String.class).single()).isEqualTo("邹明");

        // the grid worker adopts them: the person changes, the change is audited, the difference is cleared
        mvc.perform(post("/api/v1/observation/episodes/{id}/identity", contactEpisode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reportedIdentity").doesNotExist())
                .andExpect(jsonPath("$.person.name").value("邹*明"));
        assertThat(jdbc.sql("select name || ' ' || residence_code from person where id = ?").param(personId).query(String.class).single())
                .isEqualTo("邹小明 " + VILLAGE);
        assertThat(count("""
                select count(*) from audit_entry where action = 'PERSON_CHANGED' and record_type = 'person' and record_id = ?
                  and username = 'grid1' and detail like ?""", String.valueOf(personId), "%episode " + contactEpisode)).isEqualTo(1);
        // the returnee record's earlier registration shows no difference now either
        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(as("grid1"))).andExpect(jsonPath("$.identityDiffers").value(false));
    }

    @Test
    void aGridWorkerRevealsThePhoneOfAPersonUnderObservationInTheirVillageAndCallsThem() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        long episode = awaitEpisodeOfReturnee(returneeWith("石秀兰", idNumber, phone, today().minusDays(1)));

        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).param("full", "true").with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.name").value("石秀兰"))
                .andExpect(jsonPath("$.person.phone").value(phone))
                .andExpect(jsonPath("$.person.idNumber").value(idNumber.substring(0, 6) + "********" + idNumber.substring(14)))
                .andExpect(jsonPath("$.person.contactRevealed").value(true))
                .andExpect(jsonPath("$.checks").isArray());
        assertThat(count("""
                select count(*) from audit_entry where action = 'VIEW_FULL' and record_type = 'observation_episode' and record_id = ?
                  and username = 'grid1'""", String.valueOf(episode))).isEqualTo(1);
        // outside the village: 403, nothing revealed, no entry
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).param("full", "true").with(httpBasic(otherWorker, "password1-for-tests")))
                .andExpect(status().isForbidden());
        assertThat(count("select count(*) from audit_entry where record_id = ? and username = ?", String.valueOf(episode), otherWorker))
                .isZero();
        // medical staff (a reveal role) see the ID number as well
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).param("full", "true").with(as("medic")))
                .andExpect(jsonPath("$.person.idNumber").value(idNumber)).andExpect(jsonPath("$.person.full").value(true));

        // the page: "show phone", then a tel: link
        var grid1 = user(accounts.loadUserByUsername("grid1"));
        String page = body(mvc.perform(get("/observation/episodes/{id}", episode).with(grid1)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("显示电话").doesNotContain("tel:").doesNotContain(phone);
        String revealed = body(mvc.perform(post("/observation/episodes/{id}/full", episode).with(grid1).with(csrf()))
                .andExpect(status().isOk()).andReturn());
        assertThat(revealed).contains("href=\"tel:" + phone + "\"").contains("石秀兰").doesNotContain(idNumber)
                .contains("id=\"check-form\"");
        assertThat(count("select count(*) from audit_entry where record_type = 'observation_episode' and record_id = ? and username = 'grid1'",
                String.valueOf(episode))).isEqualTo(2);
        mvc.perform(post("/observation/episodes/{id}/full", episode).with(user(accounts.loadUserByUsername(otherWorker))).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void villagesReportDailyEvenWhenNothingHappened() throws Exception {
        LocalDate day = today().minusDays(20);
        mvc.perform(post("/api/v1/observation/reports").with(httpBasic(otherWorker, "password1-for-tests")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"areaCode\": \"%s\", \"date\": \"%s\", \"note\": \"无新情况\"}".formatted(OTHER_VILLAGE, day)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zeroReport").value(true))
                .andExpect(jsonPath("$.submittedBy").value(otherWorker));
        mvc.perform(post("/api/v1/observation/reports").with(httpBasic(otherWorker, "password1-for-tests")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"areaCode\": \"%s\", \"date\": \"%s\"}".formatted(VILLAGE, day))).andExpect(status().isForbidden());
        // the town sees which villages reported and which are missing
        String townMedic = "town" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(townMedic, "password1-for-tests", "中鸡镇卫生院", Role.MEDIC, "610881106", Set.of()));
        mvc.perform(get("/api/v1/observation/reports").param("date", day.toString()).with(httpBasic(townMedic, "password1-for-tests")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.areaCode == '%s')].zeroReport".formatted(OTHER_VILLAGE)).value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.areaCode == '%s')].areaName".formatted(VILLAGE)).value(hasItem("中鸡一村〔示例〕")))
                .andExpect(jsonPath("$[?(@.areaCode == '%s' && @.submittedBy)]".formatted(VILLAGE)).isEmpty());
    }

    @Test
    void aCentralisedSiteCannotTakeMoreThanItsCapacity() {
        long site = jdbc.sql("insert into quarantine_site(name, area_code, capacity) values ('测试观察点', ?, 1) returning id")
                .param(VILLAGE).query(Long.class).single();
        long person1 = jdbc.sql("select id from person limit 1").query(Long.class).single();
        episodes.startEpisode(person1, null, EpisodeKind.CENTRALISED, site, VILLAGE, EpisodeReason.OTHER, today(), null,
                "test:" + UUID.randomUUID());
        assertThat(episodes.sites()).filteredOn(s -> s.id() == site).singleElement()
                .satisfies(s -> assertThat(s.free()).isZero());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> episodes.startEpisode(person1, null, EpisodeKind.CENTRALISED, site,
                        VILLAGE, EpisodeReason.OTHER, today(), null, "test:" + UUID.randomUUID()))
                .isInstanceOf(org.cordon.shared.ValidationFailedException.class);
    }
}
