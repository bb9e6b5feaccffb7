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
import java.time.Instant;
import java.util.List;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The referral chain end to end (issue 13), as medical staff and grid workers use it: a checkpoint arrival from Wuhan
 * at 37.8 °C is a fever referral; "excluded" puts them under observation on the destination's grid worker's list,
 * "suspected" isolates them at an isolation site with a free bed, "confirmed" makes a case whose tracing task lists the
 * people of the same vehicle, each of whom becomes a close contact observed in their place of residence by its grid
 * worker.
 */
class ReferralChainIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";        // grid1's village
    static final String OTHER_VILLAGE = "610881106202";
    static final String WUHAN = "420102";
    static final String YULIN = "610802";                // not a risk area

    @Autowired
    AccountManagement accounts;

    /**
     * A village of 中鸡镇 of this test class's own (the sample villages keep their figures) and in it a villager group,
     * new for each test, with its own grid worker (the only one of it).
     */
    static String village;
    String group;
    String groupWorker;

    @BeforeEach
    void groupWithItsGridWorker() throws Exception {
        if (village == null) {
            village = newArea("610881106", "VILLAGE");
        }
        group = newArea(village, "GROUP");
        groupWorker = "grp" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(groupWorker, "password1-for-tests", "村民小组网格员", Role.GRID_WORKER, group, Set.of()));
    }

    /** A new node below {@code parent} (through the area API, as an administrator); answers its code. */
    String newArea(String parent, String kind) throws Exception {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String code;
        do {
            code = parent + String.format("%03d", 500 + r.nextInt(500));
        } while (count("select count(*) from area where code = ?", code) > 0);
        mvc.perform(post("/api/v1/areas").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                {"code": "%s", "name": "转诊链测试%s", "kind": "%s", "parentCode": "%s"}""".formatted(code, code.substring(9), kind, parent)))
                .andExpect(status().isCreated());
        return code;
    }

    RequestPostProcessor asGroupWorker() {
        return httpBasic(groupWorker, "password1-for-tests");
    }

    /** A passage at KK01 entering from {@code origin} to grid1's village; returns the passage id. */
    long passage(String origin, String... occupants) throws Exception {
        String list = String.join(", ", occupants);
        return readLong(mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "%s", "destinationAreaCode": "%s", "disinfected": true, "occupants": [%s]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), origin, VILLAGE, list)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
    }

    static String occupant(String name, String idNumber, String temperature) {
        return """
                {"name": "%s", "idNumber": "%s", "phone": "%s", "temperature": %s}""".formatted(name, idNumber, randomPhone(), temperature);
    }

    /** The checkpoint referral of the passage's feverish occupant, once the listener has listed it. */
    long referralOf(long passage) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                        select f.id from referral f join occupant o on f.source_ref = 'occupant:' || o.id where o.passage_id = ?""")
                .param(passage).query(Long.class).optional(), Optional::isPresent).orElseThrow();
    }

    ResultActions outcome(String user, long referral, String body) throws Exception {
        return mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    long site(String purpose, int capacity) throws Exception {
        return readLong(mvc.perform(post("/api/v1/quarantine-sites").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "链测试%s%s", "areaCode": "610881106", "capacity": %d, "purpose": "%s"}"""
                        .formatted(purpose, UUID.randomUUID().toString().substring(0, 6), capacity, purpose)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
    }

    long personOf(long referral) {
        return jdbc.sql("select person_id from referral where id = ?").param(referral).query(Long.class).single();
    }

    void awaitListeners(Instant since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> count("""
                select count(*) from event_publication where completion_date is null and publication_date >= ?""",
                java.sql.Timestamp.from(since)) == 0);
    }

    @Test
    void aFeverArrivalFromWuhanExcludedAtTheClinicIsObservedOnTheDestinationGridWorkersList() throws Exception {
        Instant start = Instant.now();
        long passage = passage(WUHAN, occupant("沈秋月", randomIdNumber(), "37.8"));
        long referral = referralOf(passage);
        long person = personOf(referral);
        mvc.perform(get("/api/v1/referrals/{id}", referral).with(as("medic")))
                .andExpect(jsonPath("$.source").value("CHECKPOINT"))
                .andExpect(jsonPath("$.riskArrival").value(true))
                .andExpect(jsonPath("$.followUp").doesNotExist());
        // a fever referral is no risk arrival hand-over: nothing observes the person yet
        assertThat(count("select count(*) from observation_episode where person_id = ?", person)).isZero();

        long episode = readLong(outcome("medic", referral, "{\"outcome\": \"EXCLUDED\", \"clinic\": \"神木市医院发热门诊\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("EXCLUDED"))
                .andExpect(jsonPath("$.followUp.kind").value("OBSERVATION"))
                .andExpect(jsonPath("$.followUp.status").value("ACTIVE"))
                .andReturn(), "$.followUp.id");
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("RISK_ARRIVAL"))
                .andExpect(jsonPath("$.kind").value("HOME"))
                .andExpect(jsonPath("$.areaCode").value(VILLAGE))
                .andExpect(jsonPath("$.responsibleUsername").value("grid1"))
                .andExpect(jsonPath("$.startDate").value(today().toString()))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(14).toString()));
        mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.open[*].id").value(hasItem((int) episode)));
        // the arrival is a returnee of the village, as a risk arrival without fever would be
        long returnee = jdbc.sql("select returnee_id from observation_episode where id = ?").param(episode).query(Long.class).single();
        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(as("grid1")))
                .andExpect(jsonPath("$.source").value("CHECKPOINT"))
                .andExpect(jsonPath("$.status").value("UNDER_OBSERVATION"))
                .andExpect(jsonPath("$.originCode").value(WUHAN));

        // the returnee's own hand-over event starts nothing more: one episode for the person and arrival
        awaitListeners(start);
        assertThat(count("select count(*) from observation_episode where person_id = ?", person)).isEqualTo(1);
        assertThat(count("select count(*) from returnee where person_id = ?", person)).isEqualTo(1);

        // the referral page tells the medic where the person went
        String page = body(mvc.perform(get("/referrals").param("all", "true").with(user(accounts.loadUserByUsername("medic"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("href=\"/observation/episodes/" + episode + "\"").contains("data-followup=\"OBSERVATION\"");
    }

    @Test
    void aFeverArrivalFromNoRiskAreaExcludedNeedsNoFollowUp() throws Exception {
        long referral = referralOf(passage(YULIN, occupant("马建军", randomIdNumber(), "38.1")));
        outcome("medic", referral, "{\"outcome\": \"EXCLUDED\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.followUp.kind").value("NONE"))
                .andExpect(jsonPath("$.riskArrival").value(false));
        assertThat(count("select count(*) from observation_episode where person_id = ?", personOf(referral))).isZero();
    }

    @Test
    void aSuspectedCaseIsIsolatedWhereABedIsFreeAndReleasedIntoObservationForTheRestOfThePeriod() throws Exception {
        Instant start = Instant.now();
        long isolationSite = site("ISOLATION", 1);
        long observationSite = site("OBSERVATION", 5);
        long first = referralOf(passage(WUHAN, occupant("韩冬梅", randomIdNumber(), "38.3")));
        long isolations = count("select count(*) from isolation");

        // refused without a site, at an observation site, and by a grid worker: nothing changes
        outcome("medic", first, "{\"outcome\": \"SUSPECTED\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("siteId"))
                .andExpect(jsonPath("$.errors[0].code").value("validation.isolation.siteRequired"));
        outcome("medic", first, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(observationSite)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.site.wrongPurpose.ISOLATION"));
        outcome("grid1", first, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite)).andExpect(status().isForbidden());
        assertThat(count("select count(*) from isolation")).isEqualTo(isolations);
        assertThat(jdbc.sql("select outcome from referral where id = ?").param(first).query(String.class).optional()).isEmpty();

        long isolation = readLong(outcome("medic", first, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.followUp.kind").value("ISOLATION"))
                .andExpect(jsonPath("$.followUp.status").value("ISOLATED"))
                .andReturn(), "$.followUp.id");
        mvc.perform(get("/api/v1/quarantine-sites").with(as("medic")))
                .andExpect(jsonPath("$[?(@.id == %d)].occupancy".formatted(isolationSite)).value(hasItem(1)));

        // the site's only bed is taken: the next suspected case is refused there
        long second = referralOf(passage(WUHAN, occupant("韩秋生", randomIdNumber(), "38.0")));
        outcome("medic", second, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.site.full"));
        assertThat(count("select count(*) from isolation")).isEqualTo(isolations + 1);

        // the isolation's own follow-up: checks from its start up to today, once per slot
        mvc.perform(get("/api/v1/isolations").with(as("medic"))).andExpect(jsonPath("$[*].id").value(hasItem((int) isolation)));
        mvc.perform(post("/api/v1/isolations/{id}/checks", isolation).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slot\": \"MORNING\", \"temperature\": 37.9, \"symptoms\": [\"COUGH\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.checksRecorded").value(1));
        mvc.perform(post("/api/v1/isolations/{id}/checks", isolation).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"slot\": \"MORNING\", \"temperature\": 37.2}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("validation.check.alreadyRecorded"));
        mvc.perform(post("/api/v1/isolations/{id}/checks", isolation).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\": \"%s\", \"slot\": \"EVENING\", \"temperature\": 37.2}".formatted(today().minusDays(1))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("validation.isolation.beforeStart"));
        mvc.perform(get("/isolations/{id}", isolation).with(user(accounts.loadUserByUsername("medic"))))
                .andExpect(status().isOk());

        // excluded after isolation: the Wuhan arrival is observed again until 14 days after the arrival, at home in the village
        mvc.perform(post("/api/v1/isolations/{id}/outcome", isolation).with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"RELEASED\"}")).andExpect(status().isForbidden());
        long resumed = readLong(mvc.perform(post("/api/v1/isolations/{id}/outcome", isolation).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"RELEASED\", \"note\": \"两次核酸阴性\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RELEASED"))
                .andExpect(jsonPath("$.endedOn").value(today().toString()))
                .andReturn(), "$.followUpEpisodeId");
        mvc.perform(get("/api/v1/observation/episodes/{id}", resumed).with(as("grid1")))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.reason").value("RISK_ARRIVAL"))
                .andExpect(jsonPath("$.responsibleUsername").value("grid1"))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(14).toString()));
        // the returnee record made for the observation brings no second episode with it
        awaitListeners(start);
        assertThat(count("select count(*) from observation_episode where person_id = ?", personOf(first))).isEqualTo(1);
        mvc.perform(post("/api/v1/isolations/{id}/outcome", isolation).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"CONFIRMED\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.isolation.closed"));
        // the bed is free again
        outcome("medic", second, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite)).andExpect(status().isOk());
    }

    @Test
    void aConfirmedCaseListsTheVehiclesOccupantsWhoBecomeCloseContactsOnTheirGridWorkersLists() throws Exception {
        long isolationSite = site("ISOLATION", 10);
        String companionId = randomIdNumber();
        long passage = passage(YULIN, occupant("高志远", randomIdNumber(), "38.6"), occupant("高志强", companionId, "36.5"),
                occupant("李春花", randomIdNumber(), "36.6"));
        long referral = referralOf(passage);
        long isolation = readLong(outcome("medic", referral, "{\"outcome\": \"SUSPECTED\", \"siteId\": %d}".formatted(isolationSite))
                .andExpect(status().isOk()).andReturn(), "$.followUp.id");
        long caseId = readLong(mvc.perform(post("/api/v1/isolations/{id}/outcome", isolation).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"CONFIRMED\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED")).andReturn(), "$.caseId");

        // the tracing task: the two other occupants of the car, masked; no close contact yet
        String task = body(mvc.perform(get("/api/v1/cases/{id}", caseId).with(as("medic")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.travellers.length()").value(2))
                .andExpect(jsonPath("$.travellers[*].name").value(hasItem("高*强")))
                .andExpect(jsonPath("$.travellers[*].name").value(hasItem("李*花")))
                .andExpect(jsonPath("$.travellers[0].travelledOn").value(today().toString()))
                .andExpect(jsonPath("$.travellersOpen").value(2))
                .andExpect(jsonPath("$.contacts").isEmpty())
                .andReturn());
        assertThat(task).doesNotContain(companionId);
        List<Integer> travellers = com.jayway.jsonpath.JsonPath.read(task, "$.travellers[*].id");
        List<String> names = com.jayway.jsonpath.JsonPath.read(task, "$.travellers[*].name");
        long companion = travellers.get(names.indexOf("高*强"));
        long other = travellers.get(names.indexOf("李*花"));
        // searching again finds nobody new
        mvc.perform(post("/api/v1/cases/{id}/travellers/search", caseId).header("X-Cordon-Client", "test").with(as("medic")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.travellers.length()").value(2));
        // the tracing cannot be completed while a traveller is undecided
        mvc.perform(post("/api/v1/cases/{id}/tracing/complete", caseId).header("X-Cordon-Client", "test").with(as("medic")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.tracing.travellersOpen"));

        // a close contact needs the place of residence: no default, and no place outside the caller's area
        String contactUrl = "/api/v1/cases/{id}/travellers/{t}/contact";
        long episodes = count("select count(*) from observation_episode");
        mvc.perform(post(contactUrl, caseId, companion).with(as("medic")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("areaCode"))
                .andExpect(jsonPath("$.errors[0].code").value("validation.contact.residenceRequired"));
        mvc.perform(post(contactUrl, caseId, companion).with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"areaCode\": \"%s\"}".formatted(OTHER_VILLAGE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.destination.outsideJurisdiction"));
        assertThat(count("select count(*) from observation_episode")).isEqualTo(episodes);

        // the companion lives in a group of another village: its grid worker is responsible and has them on the list
        long contactEpisode = readLong(mvc.perform(post(contactUrl, caseId, companion).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"areaCode\": \"%s\"}".formatted(group)))
                .andExpect(status().isCreated()).andReturn(), "$.episodeId");
        mvc.perform(get("/api/v1/observation/episodes/{id}", contactEpisode).with(asGroupWorker()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("CLOSE_CONTACT"))
                .andExpect(jsonPath("$.areaCode").value(group))
                .andExpect(jsonPath("$.responsibleUsername").value(groupWorker))
                .andExpect(jsonPath("$.startDate").value(today().toString()))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(14).toString()));
        mvc.perform(get("/api/v1/observation/worklist").with(asGroupWorker()))
                .andExpect(jsonPath("$.open[*].id").value(hasItem((int) contactEpisode)));
        mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.open[*].id").value(not(hasItem((int) contactEpisode))));
        // twice: the same episode, nothing new
        mvc.perform(post(contactUrl, caseId, companion).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"areaCode\": \"%s\"}".formatted(group)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.episodeId").value((int) contactEpisode));
        assertThat(count("select count(*) from observation_episode")).isEqualTo(episodes + 1);

        // the other occupant sat apart: noted, with a reason; then the tracing is complete
        mvc.perform(post("/api/v1/cases/{id}/travellers/{t}/dismiss", caseId, other).with(as("medic"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \" \"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        mvc.perform(post("/api/v1/cases/{id}/travellers/{t}/dismiss", caseId, other).with(as("medic"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"货车后厢，未同乘驾驶室\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.travellersOpen").value(0));
        mvc.perform(get("/api/v1/cases/{id}", caseId).with(as("medic")))
                .andExpect(jsonPath("$.contacts[0].episodeId").value((int) contactEpisode))
                .andExpect(jsonPath("$.contacts[0].responsibleUsername").value(groupWorker))
                .andExpect(jsonPath("$.travellers[?(@.id == %d)].contactEpisodeId".formatted(companion)).value(hasItem((int) contactEpisode)));
        mvc.perform(post("/api/v1/cases/{id}/tracing/complete", caseId).header("X-Cordon-Client", "test").with(as("medic")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tracingDoneBy").value("medic"));

        // the pages: the case with its tracing, the list of cases
        var medic = user(accounts.loadUserByUsername("medic"));
        String page = body(mvc.perform(get("/cases/{id}", caseId).with(medic)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("高*强").contains("李*花").contains("货车后厢").contains("/observation/episodes/" + contactEpisode)
                .doesNotContain(companionId);
        assertThat(body(mvc.perform(get("/cases").with(medic)).andExpect(status().isOk()).andReturn())).contains("data-case=\"" + caseId + "\"");
    }

    @Test
    void aCloseContactIsRegisteredInThePlaceChosenFromTheTreeAndFollowedUpByItsGridWorker() throws Exception {
        long referral = referralOf(passage(YULIN, occupant("周建平", randomIdNumber(), "38.2")));
        outcome("medic", referral, "{\"outcome\": \"CONFIRMED\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.followUp.kind").value("CASE"));
        long casePerson = personOf(referral);
        var medic = user(accounts.loadUserByUsername("medic"));

        // the form: a picker of towns (the whole city is no choice, nothing is preselected), no typed area code
        String form = body(mvc.perform(get("/observation/contacts/new").param("case", String.valueOf(casePerson)).with(medic))
                .andExpect(status().isOk()).andReturn());
        assertThat(form).contains("name=\"destinationTown\"").contains("hx-get=\"/ref/area-options\"").contains("中鸡镇")
                .doesNotContain("value=\"610881\" selected").doesNotContain("<input id=\"areaCode\"");
        // submitted without a residence: the form again with the message and the values entered
        String rejected = body(mvc.perform(post("/observation/contacts").with(medic).with(csrf())
                        .param("casePersonId", String.valueOf(casePerson)).param("name", "周小林").param("idNumber", randomIdNumber())
                        .param("exposureDate", today().minusDays(1).toString()))
                .andExpect(status().isOk()).andReturn());
        assertThat(rejected).contains("请选择密切接触者的居住地").contains("value=\"周小林\"");
        // a future exposure and one beyond the period are refused
        for (String day : List.of(today().plusDays(1).toString(), today().minusDays(14).toString())) {
            mvc.perform(post("/api/v1/close-contacts").with(as("medic")).contentType(MediaType.APPLICATION_JSON).content("""
                            {"casePersonId": %d, "name": "周小林", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}"""
                            .formatted(casePerson, randomIdNumber(), day, OTHER_VILLAGE)))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("exposureDate"));
        }
        // the picker's choice: a villager group of another village; the group's grid worker follows the contact up
        String location = mvc.perform(post("/observation/contacts").with(medic).with(csrf())
                        .param("casePersonId", String.valueOf(casePerson)).param("name", "周小林").param("idNumber", randomIdNumber())
                        .param("exposureDate", today().minusDays(2).toString()).param("destinationTown", "610881106")
                        .param("areaCode", group))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long episode = Long.parseLong(location.replaceAll(".*/episodes/(\\d+).*", "$1"));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episode).with(asGroupWorker()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.areaCode").value(group))
                .andExpect(jsonPath("$.responsibleUsername").value(groupWorker))
                .andExpect(jsonPath("$.startDate").value(today().minusDays(2).toString()))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(12).toString()));
        mvc.perform(get("/api/v1/observation/worklist").with(asGroupWorker()))
                .andExpect(jsonPath("$.open[*].id").value(hasItem((int) episode)));
        String episodePage = body(mvc.perform(get(location).with(medic)).andExpect(status().isOk()).andReturn());
        assertThat(episodePage).contains("id=\"contact-registered\"").contains(groupWorker);
        mvc.perform(get("/api/v1/observation/worklist").with(as("grid1")))
                .andExpect(jsonPath("$.open[*].id").value(not(hasItem((int) episode))));
        // the case's tracing task lists the registered contact
        long caseId = jdbc.sql("select id from confirmed_case where person_id = ?").param(casePerson).query(Long.class).single();
        mvc.perform(get("/api/v1/cases/{id}", caseId).with(as("medic")))
                .andExpect(jsonPath("$.contacts[*].episodeId").value(hasItem((int) episode)));
    }
    @Test
    void aContactAlreadyUnderObservationKeepsItsOneEpisodeWithThePeriodCountedFromTheLastExposure() throws Exception {
        long referral = referralOf(passage(YULIN, occupant("吴建国", randomIdNumber(), "38.3")));
        outcome("medic", referral, "{\"outcome\": \"CONFIRMED\"}").andExpect(status().isOk());
        long casePerson = personOf(referral);
        String idNumber = randomIdNumber();
        long[] episodes = new long[2];
        int i = 0;
        for (int daysAgo : new int[] {5, 2}) {
            episodes[i++] = readLong(mvc.perform(post("/api/v1/close-contacts").with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"casePersonId": %d, "name": "吴小兰", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}"""
                                    .formatted(casePerson, idNumber, today().minusDays(daysAgo), group)))
                    .andExpect(status().isCreated()).andReturn(), "$.episodeId");
        }
        // the second exposure: the same episode, its end a full period after the later exposure, one open episode
        assertThat(episodes[1]).isEqualTo(episodes[0]);
        mvc.perform(get("/api/v1/observation/episodes/{id}", episodes[0]).with(asGroupWorker()))
                .andExpect(jsonPath("$.startDate").value(today().minusDays(5).toString()))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(12).toString()));
        long person = jdbc.sql("select person_id from observation_episode where id = ?").param(episodes[0]).query(Long.class).single();
        assertThat(count("select count(*) from observation_episode where person_id = ? and status in ('ACTIVE','REFERRED')", person))
                .isEqualTo(1);
        // an earlier exposure does not shorten it
        mvc.perform(post("/api/v1/close-contacts").with(as("medic")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"casePersonId": %d, "name": "吴小兰", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}"""
                        .formatted(casePerson, idNumber, today().minusDays(7), group)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.episodeId").value((int) episodes[0]));
        mvc.perform(get("/api/v1/observation/episodes/{id}", episodes[0]).with(asGroupWorker()))
                .andExpect(jsonPath("$.plannedEnd").value(today().plusDays(12).toString()));
    }
}
