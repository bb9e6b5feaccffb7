package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.area.AreaManagement;
import org.cordon.area.NewArea;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * One person, one arrival, one record, from every path: door to door (API and page, also concurrently), another
 * jurisdiction, a checkpoint, a self-report, a roster — and a full export imported again.
 */
class OneRecordPerArrivalTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String OTHER_VILLAGE = "610881106202";

    @Autowired
    AccountManagement accounts;
    @Autowired
    RegistryManagement registry;
    @Autowired
    AreaManagement areas;
    @Autowired
    PersonalDataCipher cipher;

    ResultActions register(String sourceRef, String name, String idNumber, String phone, LocalDate arrivedOn, String companions)
            throws Exception {
        return mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                {"sourceRef": "%s", "name": "%s", "idNumber": "%s", "phone": "%s", "originCode": "4201", "arrivedOn": "%s",
                 "destinationCode": "%s"%s}""".formatted(sourceRef, name, idNumber, phone, arrivedOn, VILLAGE,
                companions == null ? "" : ", \"companions\": \"" + companions + "\"")));
    }

    long personId(String idNumber) {
        return jdbc.sql("select id from person where id_number_hash = ?")
                .param(cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + idNumber)).query(Long.class).single();
    }

    long liveRecords(String idNumber) {
        return count("select count(*) from returnee where merged_into is null and person_id = ?", personId(idNumber));
    }

    long episodes(String idNumber) {
        return count("select count(*) from observation_episode where person_id = ?", personId(idNumber));
    }

    /** Waits until the person has this many episodes and checks that no more come (the listeners ran). */
    void expectEpisodes(String idNumber, long n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> episodes(idNumber) >= n);
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(episodes(idNumber)).isEqualTo(n);
    }

    @Test
    void aSecondDoorToDoorRegistrationOfTheSameArrivalAnswersTheFirstRecord() throws Exception {
        String id = randomIdNumber();
        String phone = randomPhone();
        LocalDate arrived = today().minusDays(3);
        long first = readLong(register(newClientId(), "贺兰山", id, phone, arrived, null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.alreadyRegistered").value(false)).andReturn(), "$.id");

        // the next day another worker's device registers the same arrival, a day later, with the companions and another phone
        String otherPhone = randomPhone();
        register(newClientId(), "贺兰山", id, otherPhone, arrived.plusDays(1), "妻子").andExpect(status().isOk())
                .andExpect(header().string("Location", "/api/v1/returnees/" + first))
                .andExpect(jsonPath("$.id").value(first))
                .andExpect(jsonPath("$.alreadyRegistered").value(true))
                .andExpect(jsonPath("$.registeredBefore.returneeId").value(first))
                .andExpect(jsonPath("$.registeredBefore.registeredBy").value("grid1"))
                .andExpect(jsonPath("$.registeredBefore.source").value("DOOR_TO_DOOR"))
                .andExpect(jsonPath("$.registeredBefore.arrivedOn").value(arrived.toString()))
                .andExpect(jsonPath("$.arrivedOn").value(arrived.toString()))
                .andExpect(jsonPath("$.companions").value("妻子"))
                .andExpect(jsonPath("$.identityDiffers").value(true))
                .andExpect(jsonPath("$.reportedIdentity.differences[0].field").value("PHONE"));
        // two days before: the same arrival too
        register(newClientId(), "贺兰山", id, phone, arrived.minusDays(2), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(first));
        assertThat(liveRecords(id)).isEqualTo(1);
        assertThat(jdbc.sql("select companions from returnee where id = ?").param(first).query(String.class).single()).isEqualTo("妻子");
        expectEpisodes(id, 1);

        // three days after: a new arrival, a new record and a new observation
        long second = readLong(register(newClientId(), "贺兰山", id, phone, arrived.plusDays(3), null).andExpect(status().isCreated())
                .andReturn(), "$.id");
        assertThat(second).isNotEqualTo(first);
        assertThat(liveRecords(id)).isEqualTo(2);
        expectEpisodes(id, 2);
    }

    @Test
    void thePageSaysWhenAndByWhomTheArrivalWasRegistered() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(1);
        long first = readLong(register(newClientId(), "乌兰木", id, randomPhone(), arrived, null).andExpect(status().isCreated())
                .andReturn(), "$.id");
        var signedIn = user(accounts.loadUserByUsername("grid1"));
        mvc.perform(post("/returnees").with(signedIn).with(csrf()).param("sourceRef", newClientId()).param("name", "乌兰木")
                        .param("idType", "RESIDENT_ID").param("idNumber", id).param("originCode", "4201")
                        .param("arrivedOn", arrived.toString()).param("destinationCode", VILLAGE))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/returnees/" + first + "?alreadyRegistered"));
        String zh = body(mvc.perform(get("/returnees/{id}", first).param("alreadyRegistered", "").with(signedIn)).andReturn());
        assertThat(zh).contains("id=\"already-registered\"").contains("该人员的这次返乡已于").contains("由 grid1（入户排查）登记过")
                .contains("没有重复登记");
        String en = body(mvc.perform(get("/returnees/{id}", first).param("alreadyRegistered", "").param("lang", "en").with(signedIn))
                .andReturn());
        assertThat(en).contains("This arrival of the person was registered on").contains("by grid1 (Door to door")
                .contains("nothing was registered twice");
        assertThat(liveRecords(id)).isEqualTo(1);
    }

    @Test
    void anArrivalRegisteredInAnotherJurisdictionIsNotRegisteredAgainAndTheAnswerIsAnAuditedLookUp() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(2);
        register(newClientId(), "赫连云", id, randomPhone(), arrived, null).andExpect(status().isCreated());
        String other = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, OTHER_VILLAGE, Set.of()));
        long returnees = count("select count(*) from returnee");

        mvc.perform(post("/api/v1/returnees").with(httpBasic(other, "password1-for-tests")).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en").content("""
                        {"name": "赫连云", "idNumber": "%s", "originCode": "4201", "arrivedOn": "%s", "destinationCode": "%s"}"""
                        .formatted(id, arrived.plusDays(1), OTHER_VILLAGE)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:already-registered"))
                .andExpect(jsonPath("$.arrivedOn").value(arrived.toString()))
                .andExpect(jsonPath("$.source").value("DOOR_TO_DOOR"))
                .andExpect(jsonPath("$.destinationName").exists())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("outside your jurisdiction")))
                .andExpect(jsonPath("$.id").doesNotExist());
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'EXACT_SEARCH'", other)).isEqualTo(1);

        // the page: the form again, saying where and when
        String page = body(mvc.perform(post("/returnees").with(user(accounts.loadUserByUsername(other))).with(csrf())
                        .param("sourceRef", newClientId()).param("name", "赫连云").param("idType", "RESIDENT_ID").param("idNumber", id)
                        .param("originCode", "4201").param("arrivedOn", arrived.toString()).param("destinationCode", OTHER_VILLAGE))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"registered-elsewhere\"").contains("不在您的管辖范围内，没有重复登记");
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
    }

    @Test
    void concurrentRegistrationsOfTheSameArrivalStoreOneRecordAndOneEpisode() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(1);
        // the person is registered (an earlier arrival), so the requests do not wait for each other's new person row
        register(newClientId(), "并发人", id, randomPhone(), arrived.minusDays(30), null).andExpect(status().isCreated());
        expectEpisodes(id, 1);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String phone = randomPhone();
                LocalDate day = arrived.plusDays(i % 3 - 1); // the day before, the day, the day after: one arrival
                Callable<MvcResult> call = () -> {
                    start.await();
                    return register(newClientId(), "并发人", id, phone, day, null).andReturn();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Future<MvcResult> f : results) {
                MvcResult r = f.get();
                statuses.add(r.getResponse().getStatus());
                ids.add(readLong(r, "$.id"));
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(n - 1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(liveRecords(id)).isEqualTo(2);
        assertThat(count("select count(*) from person where id_number_hash = ?",
                (Object) cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + id))).isEqualTo(1);
        expectEpisodes(id, 2);
    }

    @Test
    void aSelfReportIsConfirmedByTheDoorToDoorRegistrationOfItsArrivalAndAReportAfterwardsStoresNothing() throws Exception {
        String id = randomIdNumber();
        String phone = randomPhone();
        LocalDate arrived = today().minusDays(2);
        ReturneeRequest report = new ReturneeRequest(null, "呼延庆", "RESIDENT_ID", id, null, phone, "420102", null, arrived, "TRAIN",
                null, null, VILLAGE, null);
        String confirmation = "T" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        assertThat(registry.selfReport(confirmation, report)).isEmpty();
        long selfReported = jdbc.sql("select id from returnee where source = 'SELF_REPORT' and source_ref = ?").param(confirmation)
                .query(Long.class).single();
        assertThat(episodes(id)).isZero();

        // the grid worker comes by and registers the person: the self-report is the record, confirmed; observation starts
        register(newClientId(), "呼延庆", id, phone, arrived, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(selfReported))
                .andExpect(jsonPath("$.registeredBefore.source").value("SELF_REPORT"));
        assertThat(liveRecords(id)).isEqualTo(1);
        expectEpisodes(id, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNDER_OBSERVATION".equals(
                jdbc.sql("select status from returnee where id = ?").param(selfReported).query(String.class).single()));

        // the person reports the same arrival again on the portal: nothing stored, nothing said
        assertThat(registry.selfReport("U" + UUID.randomUUID().toString().substring(0, 7).toUpperCase(), report)).isEmpty();
        assertThat(liveRecords(id)).isEqualTo(1);
    }

    @Test
    void aCheckpointCrossingOfARegisteredArrivalCompletesTheRecordAndAWeekLaterIsANewArrival() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(9);
        long first = readLong(register(newClientId(), "拓跋宏", id, randomPhone(), arrived, null).andExpect(status().isCreated())
                .andReturn(), "$.id");
        PersonData person = new PersonData(new IdNumber(IdType.RESIDENT_ID, id), "", "拓跋宏", PhoneNumber.parse(randomPhone()), null, null);
        long handedOver = registry.registerReturneeFrom(ReturneeSource.CHECKPOINT, "occupant:test-" + UUID.randomUUID(), person, "420102",
                arrived.plusDays(1), TransportMode.SELF_DRIVE, "陕K8A123", VILLAGE, null, ReturneeStatus.REGISTERED, "checkpoint KK01");
        assertThat(handedOver).isEqualTo(first);
        assertThat(jdbc.sql("select transport_mode || ' ' || transport_detail from returnee where id = ?").param(first)
                .query(String.class).single()).isEqualTo("SELF_DRIVE 陕K8A123");
        assertThat(liveRecords(id)).isEqualTo(1);
        // a second crossing a week later is another arrival
        long later = registry.registerReturneeFrom(ReturneeSource.CHECKPOINT, "occupant:test-" + UUID.randomUUID(), person, "420102",
                arrived.plusDays(8), TransportMode.SELF_DRIVE, "陕K8A123", VILLAGE, null, ReturneeStatus.REGISTERED, "checkpoint KK01");
        assertThat(later).isNotEqualTo(first);
        assertThat(liveRecords(id)).isEqualTo(2);
        expectEpisodes(id, 2);
    }

    @Test
    void reImportingAFullExportStoresNothingNewWhateverTheRowsSources() throws Exception {
        // a compound of its own, so that the export holds exactly this test's records
        String compound = VILLAGE + (100 + (int) (Math.random() * 800));
        CordonUser admin = (CordonUser) accounts.loadUserByUsername("admin");
        if (areas.findArea(compound).isEmpty()) {
            areas.createArea(admin, new NewArea(compound, "导入测试小区", "COMPOUND", VILLAGE, "10", "30"));
        }
        LocalDate arrived = today().minusDays(4);
        // door to door, a checkpoint, a confirmed self-report and a roster
        String d2d = randomIdNumber();
        mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "入户甲", "idNumber": "%s", "phone": "%s", "originCode": "420102", "arrivedOn": "%s", "destinationCode": "%s"}"""
                .formatted(d2d, randomPhone(), arrived, compound))).andExpect(status().isCreated());
        String atCheckpoint = randomIdNumber();
        registry.registerReturneeFrom(ReturneeSource.CHECKPOINT, "occupant:test-" + UUID.randomUUID(),
                new PersonData(new IdNumber(IdType.RESIDENT_ID, atCheckpoint), "", "卡口乙", PhoneNumber.parse(randomPhone()), null, null),
                "420102", arrived, TransportMode.SELF_DRIVE, "陕K9B321", compound, null, ReturneeStatus.REGISTERED, "checkpoint KK01");
        String selfReported = randomIdNumber();
        String confirmation = "V" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        registry.selfReport(confirmation, new ReturneeRequest(null, "申报丙", "RESIDENT_ID", selfReported, null, randomPhone(), "420102",
                null, arrived, "TRAIN", null, null, compound, null));
        long selfReport = jdbc.sql("select id from returnee where source_ref = ?").param(confirmation).query(Long.class).single();
        mvc.perform(post("/api/v1/returnees/{id}/verify", selfReport).with(as("grid1")).header("X-Cordon-Client", "test"))
                .andExpect(status().isNoContent());
        String rostered = randomIdNumber();
        String csv = RosterImportTests.HEADER + "\r\n" + String.join(",", "名单丁", "", rostered, "", randomPhone(), "420102", "",
                arrived.toString(), "客车", "", "", compound, "") + "\r\n";
        MvcResult first = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                .file(new MockMultipartFile("file", "r.csv", "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .with(as("grid1"))).andExpect(status().isOk()).andReturn();
        assertThat(readLong(first, "$.saved")).isEqualTo(1);
        for (String id : List.of(d2d, atCheckpoint, selfReported, rostered)) {
            expectEpisodes(id, 1);
        }

        byte[] export = mvc.perform(get("/api/v1/returnees/roster/export").param("area", compound).param("full", "true")
                .with(as("commander"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        long returnees = count("select count(*) from returnee");
        long episodes = count("select count(*) from observation_episode");

        MvcResult again = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                .file(new MockMultipartFile("file", "export.xlsx", "application/octet-stream", export))
                .with(as("grid1")).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn();

        assertThat(readLong(again, "$.read")).isEqualTo(4);
        assertThat(readLong(again, "$.saved")).isZero();
        assertThat(readLong(again, "$.alreadyPresent")).isEqualTo(4);
        assertThat(readLong(again, "$.rejected")).isZero();
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(count("select count(*) from observation_episode")).isEqualTo(episodes);
        String page = body(mvc.perform(multipart("/returnees/roster").file(new MockMultipartFile("file", "export.xlsx",
                "application/octet-stream", export)).with(user(accounts.loadUserByUsername("grid1"))).with(csrf())).andReturn());
        assertThat(page).contains("已登记过（未重复登记）");
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
    }

    @Autowired
    ReturneeMergeAnnouncer announcer;

    @Test
    void aMergedDuplicateIsAnnouncedItsEpisodeMergedAndTheDashboardRecounted() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(2);
        long kept = readLong(register(newClientId(), "慕容复", id, randomPhone(), arrived, null).andExpect(status().isCreated())
                .andReturn(), "$.id");
        expectEpisodes(id, 1);
        long keptEpisode = jdbc.sql("select id from observation_episode where returnee_id = ?").param(kept).query(Long.class).single();
        long person = personId(id);
        // as migration V45 leaves a duplicate of an earlier release: a tombstone of the same arrival, its episode still open
        long duplicate = jdbc.sql("""
                        insert into returnee(person_id, arrived_on, destination_code, source, source_ref, status, created_by, merged_into)
                        values (?, ?, ?, 'DOOR_TO_DOOR', ?, 'UNDER_OBSERVATION', 'grid1', ?) returning id""")
                .params(person, arrived.plusDays(1), VILLAGE, "legacy-" + UUID.randomUUID(), kept).query(Long.class).single();
        long duplicateEpisode = jdbc.sql("""
                        insert into observation_episode(person_id, returnee_id, kind, area_code, reason, start_date, planned_end,
                                                        status, source_ref)
                        values (?, ?, 'HOME', ?, 'RISK_ARRIVAL', ?, ?, 'ACTIVE', ?) returning id""")
                .params(person, duplicate, VILLAGE, arrived.plusDays(1), arrived.plusDays(15), "returnee:" + duplicate)
                .query(Long.class).single();
        jdbc.sql("""
                        insert into observation_check(episode_id, check_date, slot, temperature, recorded_by)
                        values (?, ?, 'MORNING', 36.6, 'grid1')""").params(duplicateEpisode, arrived.plusDays(1)).update();
        jdbc.sql("insert into returnee_merge(merged_id, kept_id, person_id, merged_by) values (?, ?, ?, 'migration V45')")
                .params(duplicate, kept, person).update();
        long rebuilds = count("select count(*) from dash_rebuild where rebuilt_by = 'merge of duplicate records'");

        assertThat(announcer.announce()).isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from observation_episode where id = ?", duplicateEpisode) == 0);
        assertThat(count("select count(*) from observation_check where episode_id = ? and check_date = ?", keptEpisode,
                arrived.plusDays(1))).as("the duplicate's check moved to the kept episode").isEqualTo(1);
        assertThat(count("select count(*) from observation_episode where person_id = ? and status in ('ACTIVE', 'REFERRED')", person))
                .isEqualTo(1);
        assertThat(count("select count(*) from audit_entry where action = 'RECORDS_MERGED' and record_type = 'returnee' and record_id = ?",
                String.valueOf(kept))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                count("select count(*) from dash_rebuild where rebuilt_by = 'merge of duplicate records'") > rebuilds);
        // the duplicate's id and source lead to the kept record; lists show the kept one only
        mvc.perform(get("/api/v1/returnees/{id}", duplicate).with(as("grid1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(kept));
        String list = body(mvc.perform(get("/api/v1/returnees").param("size", "200").with(as("grid1"))).andReturn());
        // (the records' ids, not the persons' ids inside them, which may be the same number)
        List<Integer> listed = com.jayway.jsonpath.JsonPath.read(list, "$.items[*].id");
        assertThat(listed).doesNotContain((int) duplicate).contains((int) kept);
        assertThat(count("select count(*) from returnee where person_id = ? and merged_into is null", person)).isEqualTo(1);
        assertThat(announcer.announce()).as("announced once").isZero();
    }
}
