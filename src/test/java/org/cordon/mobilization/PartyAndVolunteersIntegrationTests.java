package org.cordon.mobilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.mobilization.MobilizationFixtures.login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Branches, members, pledges, volunteers and tasks through the API: missing temporary branches are flagged,
 * pledges get posts, portal sign-ups are taken over once, tasks are staffed and hours make the record of
 * service; invalid input stores nothing and other roles are refused.
 */
class PartyAndVolunteersIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    PersonalDataCipher cipher;

    MobilizationFixtures fixtures;
    String coordinator;

    @BeforeEach
    void setUp() {
        fixtures = new MobilizationFixtures(accounts, jdbc);
        coordinator = fixtures.coordinator("610881");
    }

    private String freshCompound(int households, int residents) {
        while (true) {
            String code = "610881001001" + (500 + ThreadLocalRandom.current().nextInt(500));
            if (count("select count(*) from area where code = ?", code) == 0) {
                jdbc.sql("insert into area(code, name, kind, parent_code, households, residents, sample) values (?, ?, 'COMPOUND', '610881001001', ?, ?, true)")
                        .params(code, MobilizationFixtures.fresh("测试小区"), households, residents).update();
                return code;
            }
        }
    }

    private MvcResult postJson(String url, String who, String json) throws Exception {
        return mvc.perform(post(url).with(login(who)).contentType(MediaType.APPLICATION_JSON).content(json)).andReturn();
    }

    private List<String> gapCompounds() throws Exception {
        return read(mvc.perform(get("/api/v1/branches/gaps").with(login(coordinator))).andExpect(status().isOk()).andReturn(),
                "$.compoundsWithoutBranch[*].code");
    }

    @Test
    void compoundsAndCheckpointsWithoutTemporaryBranchAreFlaggedUntilOneIsSetUp() throws Exception {
        String large = freshCompound(350, 900);
        String populous = freshCompound(120, 1200);
        String small = freshCompound(120, 400);
        assertThat(gapCompounds()).contains(large, populous).doesNotContain(small);

        MvcResult gaps = mvc.perform(get("/api/v1/branches/gaps").with(login(coordinator))).andReturn();
        List<String> checkpoints = read(gaps, "$.checkpointsWithoutBranch[*].code");
        assertThat(checkpoints).doesNotContain("KK01");
        // KK03 has no branch in the demo data; another test of the same run (the roster's pace) may have given it one
        if (count("select count(*) from party_branch where checkpoint_code = 'KK03'") == 0) {
            assertThat(checkpoints).contains("KK03");
        }

        MvcResult created = postJson("/api/v1/branches", coordinator,
                "{\"name\":\"测试小区临时党支部\",\"kind\":\"COMPOUND\",\"parentOrg\":\"滨河新区街道党工委\",\"areaCode\":\"" + large + "\"}");
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        assertThat((Boolean) read(created, "$.temporary")).isTrue();
        assertThat(gapCompounds()).doesNotContain(large).contains(populous);

        // one temporary branch per compound
        MvcResult second = postJson("/api/v1/branches", coordinator,
                "{\"name\":\"重复\",\"kind\":\"COMPOUND\",\"areaCode\":\"" + large + "\"}");
        assertThat(second.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(second, "$.errors[0].code")).isEqualTo("branch.validation.compoundTaken");

        // a checkpoint branch closes the checkpoint's gap; KK01 has one already
        String checkpoint = count("select count(*) from party_branch where checkpoint_code = 'KK03'") == 0 ? "KK03" : null;
        if (checkpoint != null) {
            assertThat(postJson("/api/v1/branches", coordinator, "{\"name\":\"店塔检查点临时党支部\",\"kind\":\"CHECKPOINT\",\"checkpointCode\":\"KK03\"}")
                    .getResponse().getStatus()).isEqualTo(201);
            checkpoints = read(mvc.perform(get("/api/v1/branches/gaps").with(login(coordinator))).andReturn(), "$.checkpointsWithoutBranch[*].code");
            assertThat(checkpoints).doesNotContain("KK03");
        }
        MvcResult kk01 = postJson("/api/v1/branches", coordinator, "{\"name\":\"重复\",\"kind\":\"CHECKPOINT\",\"checkpointCode\":\"KK01\"}");
        assertThat(kk01.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void aPledgeIsSignedAndTheMemberAssignedToAPost() throws Exception {
        MvcResult m = postJson("/api/v1/members", coordinator, "{\"name\":\"孙老师\",\"phone\":\"" + randomPhone()
                + "\",\"unit\":\"孙家岔镇中心学校\",\"branchId\":" + fixtures.kk01Branch() + "}");
        long member = readLong(m, "$.id");
        MvcResult pledge = postJson("/api/v1/pledges", coordinator, "{\"memberId\":" + member + ",\"signedOn\":\"2020-01-28\","
                + "\"statement\":\"我志愿请战，到防控一线去！\"}");
        assertThat(pledge.getResponse().getStatus()).isEqualTo(201);
        long id = readLong(pledge, "$.id");
        assertThat((String) read(pledge, "$.status")).isEqualTo("OPEN");
        List<Number> open = read(mvc.perform(get("/api/v1/pledges").with(login(coordinator)).param("status", "OPEN")).andReturn(), "$[*].id");
        assertThat(open).extracting(Number::longValue).contains(id);

        MvcResult assigned = postJson("/api/v1/pledges/" + id + "/assign", coordinator, "{\"post\":\"后鸡检查点执勤\"}");
        assertThat((String) read(assigned, "$.status")).isEqualTo("ASSIGNED");
        assertThat((String) read(assigned, "$.assignedBy")).isEqualTo(coordinator);
        mvc.perform(get("/api/v1/members/{id}", member).with(login(coordinator)))
                .andExpect(jsonPath("$.currentPost").value("后鸡检查点执勤"));

        // a pledge in the future or without a statement is refused
        MvcResult bad = postJson("/api/v1/pledges", coordinator, "{\"memberId\":" + member + ",\"signedOn\":\"2999-01-01\",\"statement\":\" \"}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat((List<String>) read(bad, "$.errors[*].field")).containsExactlyInAnyOrder("signedOn", "statement");
        assertThat(count("select count(*) from pledge where member_id = ?", member)).isEqualTo(1);
    }

    private long portalSignup(String phone, String name) {
        return jdbc.sql("""
                        insert into volunteer_signup(name, phone_enc, phone_hash, area_code, organisation, skills, availability)
                        values (?, ?, ?, '610881106', '陕北爱心志愿者联盟', '驾驶', '周末') returning id""")
                .params(name, cipher.encrypt("volunteer.phone", phone), cipher.hash("volunteer.phone", phone))
                .query(Long.class).single();
    }

    @Test
    void aNewSignUpIsFoundHoweverManyOlderOnesWereTakenOver() throws Exception {
        // more sign-ups than one page of the portal's hand-over, all taken over
        for (int i = 0; i <= VolunteerManagement.SIGNUP_PAGE; i++) {
            portalSignup(randomPhone(), "往期志愿者" + i);
        }
        postJson("/api/v1/volunteers/take-over", coordinator, "");
        List<Number> none = read(mvc.perform(get("/api/v1/volunteers/pending-signups").with(login(coordinator))).andReturn(), "$[*].id");
        long newest = portalSignup(randomPhone(), MobilizationFixtures.fresh("新志愿者"));

        List<Number> pending = read(mvc.perform(get("/api/v1/volunteers/pending-signups").with(login(coordinator))).andReturn(), "$[*].id");
        assertThat(pending).extracting(Number::longValue).containsExactlyElementsOf(
                java.util.stream.Stream.concat(none.stream().map(Number::longValue), java.util.stream.Stream.of(newest)).toList());
        postJson("/api/v1/volunteers/take-over", coordinator, "");
        assertThat(count("select count(*) from volunteer where signup_ref = ?", newest)).isEqualTo(1);
    }

    @Test
    void chosenSignUpsAreTakenOverOneByOneOrSeveralAndTheOthersStayPending() throws Exception {
        long first = portalSignup(randomPhone(), MobilizationFixtures.fresh("甲"));
        long second = portalSignup(randomPhone(), MobilizationFixtures.fresh("乙"));
        long third = portalSignup(randomPhone(), MobilizationFixtures.fresh("丙"));

        MvcResult one = postJson("/api/v1/volunteers/take-over", coordinator, "{\"signupIds\":[" + first + "]}");
        assertThat(readLong(one, "$.created")).isEqualTo(1);
        assertThat(count("select count(*) from volunteer where signup_ref = ?", first)).isEqualTo(1);
        assertThat(count("select count(*) from volunteer where signup_ref in (?, ?)", second, third)).isZero();
        List<Number> pending = read(mvc.perform(get("/api/v1/volunteers/pending-signups").with(login(coordinator))).andReturn(), "$[*].id");
        assertThat(pending).extracting(Number::longValue).contains(second, third).doesNotContain(first);

        MvcResult several = postJson("/api/v1/volunteers/take-over", coordinator, "{\"signupIds\":[" + first + "," + second + "," + third + "]}");
        assertThat(readLong(several, "$.created")).isEqualTo(2);
        assertThat(count("select count(*) from volunteer where signup_ref in (?, ?, ?)", first, second, third)).isEqualTo(3);

        long volunteers = count("select count(*) from volunteer");
        MvcResult none = postJson("/api/v1/volunteers/take-over", coordinator, "{\"signupIds\":[]}");
        assertThat(none.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(none, "$.errors[0].field")).isEqualTo("signupIds");
        assertThat(count("select count(*) from volunteer")).isEqualTo(volunteers);
    }

    @Test
    void onThePageOneSignUpIsTakenOverByItsOwnButtonAndSeveralByTheirBoxes() throws Exception {
        long one = portalSignup(randomPhone(), MobilizationFixtures.fresh("丁"));
        long two = portalSignup(randomPhone(), MobilizationFixtures.fresh("戊"));
        long three = portalSignup(randomPhone(), MobilizationFixtures.fresh("己"));
        var coordinatorUser = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(accounts.loadUserByUsername(coordinator));
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        String page = mvc.perform(get("/mobilization/volunteers").with(coordinatorUser)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"signup-" + one + "\"").contains("form=\"take-chosen\"");

        mvc.perform(post("/mobilization/volunteers/take-over").with(coordinatorUser).with(csrf).param("chosen", "1")
                        .param("signupId", "" + one))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("succeeded"));
        assertThat(count("select count(*) from volunteer where signup_ref = ?", one)).isEqualTo(1);
        assertThat(count("select count(*) from volunteer where signup_ref in (?, ?)", two, three)).isZero();

        // the "take over the chosen" button with nothing ticked takes nobody (it never falls back to all)
        mvc.perform(post("/mobilization/volunteers/take-over").with(coordinatorUser).with(csrf).param("chosen", "1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("errorsFor", "take-over"));
        assertThat(count("select count(*) from volunteer where signup_ref in (?, ?)", two, three)).isZero();

        mvc.perform(post("/mobilization/volunteers/take-over").with(coordinatorUser).with(csrf).param("chosen", "1")
                .param("signupId", "" + two, "" + three)).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from volunteer where signup_ref in (?, ?)", two, three)).isEqualTo(2);
    }

    @Test
    void portalSignUpsAreTakenOverOnceWithoutDuplicates() throws Exception {
        String phone = randomPhone();
        long signup = portalSignup(phone, MobilizationFixtures.fresh("志愿者"));
        String staffPhone = randomPhone();
        MvcResult staff = postJson("/api/v1/volunteers", coordinator, "{\"name\":\"王志愿\",\"phone\":\"" + staffPhone
                + "\",\"organisation\":\"神木市青年志愿者应急预备队\",\"status\":\"ACTIVE\"}");
        assertThat(staff.getResponse().getStatus()).isEqualTo(201);
        long staffId = readLong(staff, "$.id");
        long sameAsStaff = portalSignup(staffPhone, "王志愿");

        List<Number> pending = read(mvc.perform(get("/api/v1/volunteers/pending-signups").with(login(coordinator))).andReturn(), "$[*].id");
        assertThat(pending).extracting(Number::longValue).contains(signup).doesNotContain(sameAsStaff);

        MvcResult takeOver = postJson("/api/v1/volunteers/take-over", coordinator, "");
        assertThat(readLong(takeOver, "$.created")).isPositive();
        assertThat(count("select count(*) from volunteer where signup_ref = ?", signup)).isEqualTo(1);
        assertThat(count("select count(*) from volunteer where signup_ref = ? and id = ?", sameAsStaff, staffId)).isEqualTo(1);
        long volunteers = count("select count(*) from volunteer");

        MvcResult again = postJson("/api/v1/volunteers/take-over", coordinator, "");
        assertThat(readLong(again, "$.created")).isZero();
        assertThat(count("select count(*) from volunteer")).isEqualTo(volunteers);

        long id = count("select id from volunteer where signup_ref = ?", signup);
        mvc.perform(get("/api/v1/volunteers/{id}", id).with(login(coordinator)))
                .andExpect(jsonPath("$.source").value("PORTAL")).andExpect(jsonPath("$.status").value("RESERVE"))
                .andExpect(jsonPath("$.maskedPhone").value(phone.substring(0, 3) + "****" + phone.substring(7)))
                .andExpect(jsonPath("$.organisation").value("陕北爱心志愿者联盟"));

        // a staff entry with a phone already registered is refused
        MvcResult dup = postJson("/api/v1/volunteers", coordinator, "{\"name\":\"重复\",\"phone\":\"" + phone + "\"}");
        assertThat(dup.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(dup, "$.errors[0].code")).isEqualTo("vol.validation.phoneTaken");
    }

    /** A sign-up through the public portal's form (its own client address, so no rate limit of another test applies). */
    private void portalForm(String... params) throws Exception {
        var request = post("/portal/volunteer").with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.csrf()).with(r -> {
                    r.setRemoteAddr("10.78." + ThreadLocalRandom.current().nextInt(250) + "." + (1 + ThreadLocalRandom.current().nextInt(250)));
                    return r;
                });
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        mvc.perform(request).andExpect(status().isOk());
    }

    @Test
    void aRepeatSignUpFillsInWhatIsEmptyAndTheHandOverPassesItOnWithoutErasingAnything() throws Exception {
        String phone = randomPhone();
        String name = MobilizationFixtures.fresh("报名者");
        portalForm("name", name, "phone", phone, "skills", "驾驶", "website", "");
        long signup = count("select id from volunteer_signup where phone_hash = ?", (Object) cipher.hash("volunteer.phone", phone));
        assertThat(readLong(postJson("/api/v1/volunteers/take-over", coordinator, ""), "$.created")).isPositive();
        long id = count("select id from volunteer where signup_ref = ?", signup);
        mvc.perform(get("/api/v1/volunteers/{id}", id).with(login(coordinator)))
                .andExpect(jsonPath("$.skills").value("驾驶")).andExpect(jsonPath("$.availability").doesNotExist());

        // the same phone again, with other skills and what was left out the first time (and another name)
        portalForm("name", "别的名字", "phone", phone, "skills", "医护", "availability", "周末", "organisation", "神木中学〔示例〕",
                "areaCode", "610881103", "website", "");
        assertThat(count("select count(*) from volunteer_signup where phone_hash = ?", (Object) cipher.hash("volunteer.phone", phone)))
                .isEqualTo(1);
        mvc.perform(get("/api/v1/volunteer-signups").with(login(coordinator))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + signup + ")].name").value(name))
                .andExpect(jsonPath("$[?(@.id == " + signup + ")].skills").value("驾驶"))
                .andExpect(jsonPath("$[?(@.id == " + signup + ")].availability").value("周末"))
                .andExpect(jsonPath("$[?(@.id == " + signup + ")].organisation").value("神木中学〔示例〕"));

        // the hand-over again: no second volunteer; the volunteer gets what they lacked and keeps what they had
        assertThat(readLong(postJson("/api/v1/volunteers/take-over", coordinator, ""), "$.created")).isZero();
        assertThat(count("select count(*) from volunteer where signup_ref = ?", signup)).isEqualTo(1);
        mvc.perform(get("/api/v1/volunteers/{id}", id).with(login(coordinator)))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.skills").value("驾驶"))
                .andExpect(jsonPath("$.availability").value("周末"))
                .andExpect(jsonPath("$.organisation").value("神木中学〔示例〕"))
                .andExpect(jsonPath("$.areaCode").value("610881103"));
    }

    private long volunteer(String name) throws Exception {
        return readLong(postJson("/api/v1/volunteers", coordinator, "{\"name\":\"" + name + "\",\"phone\":\"" + randomPhone()
                + "\",\"status\":\"ACTIVE\"}"), "$.id");
    }

    @Test
    void assignmentsAndHoursMakeTheRecordOfService() throws Exception {
        long v = volunteer(MobilizationFixtures.fresh("李"));
        long other = volunteer(MobilizationFixtures.fresh("赵"));
        MvcResult task = postJson("/api/v1/tasks", coordinator, "{\"title\":\"为环卫工人发放口罩\",\"place\":\"麟州街道\","
                + "\"taskDate\":\"2020-01-29\",\"peopleNeeded\":1,\"description\":\"每人 2 只口罩和一份防控宣传单\"}");
        assertThat(task.getResponse().getStatus()).isEqualTo(201);
        long taskId = readLong(task, "$.id");

        MvcResult assigned = postJson("/api/v1/tasks/" + taskId + "/assignments", coordinator, "{\"volunteerId\":" + v + "}");
        assertThat(assigned.getResponse().getStatus()).isEqualTo(200);
        MvcResult full = postJson("/api/v1/tasks/" + taskId + "/assignments", coordinator, "{\"volunteerId\":" + other + "}");
        assertThat(full.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(full, "$.errors[0].code")).isEqualTo("vol.validation.taskFull");

        mvc.perform(put("/api/v1/tasks/{t}/assignments/{v}", taskId, v).with(login(coordinator))
                .contentType(MediaType.APPLICATION_JSON).content("{\"hours\":3.5}")).andExpect(status().isOk());
        mvc.perform(put("/api/v1/tasks/{t}/assignments/{v}", taskId, v).with(login(coordinator))
                .contentType(MediaType.APPLICATION_JSON).content("{\"hours\":30}")).andExpect(status().isBadRequest());

        MvcResult service = mvc.perform(get("/api/v1/volunteers/{id}/service", v).with(login(coordinator)))
                .andExpect(status().isOk()).andReturn();
        assertThat(((Number) read(service, "$.totalHours")).doubleValue()).isEqualTo(3.5);
        assertThat((String) read(service, "$.entries[0].title")).isEqualTo("为环卫工人发放口罩");
        assertThat(((Number) read(service, "$.entries[0].hours")).doubleValue()).isEqualTo(3.5);

        // an inactive volunteer cannot be assigned
        mvc.perform(put("/api/v1/volunteers/{id}/status", other).with(login(coordinator)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"INACTIVE\"}")).andExpect(status().isOk());
        long task2 = readLong(postJson("/api/v1/tasks", coordinator, "{\"title\":\"散发宣传单\",\"place\":\"西沙街道\","
                + "\"taskDate\":\"2020-01-30\",\"peopleNeeded\":5}"), "$.id");
        MvcResult inactive = postJson("/api/v1/tasks/" + task2 + "/assignments", coordinator, "{\"volunteerId\":" + other + "}");
        assertThat((String) read(inactive, "$.errors[0].code")).isEqualTo("vol.validation.inactive");
    }

    @Test
    void invalidInputStoresNothing() throws Exception {
        long members = count("select count(*) from party_member");
        MvcResult bad = postJson("/api/v1/members", coordinator, "{\"name\":\" \",\"phone\":\"12345\",\"branchId\":999999999}");
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat((List<String>) read(bad, "$.errors[*].field")).containsExactlyInAnyOrder("name", "phone", "branchId");
        assertThat(count("select count(*) from party_member")).isEqualTo(members);

        long tasks = count("select count(*) from volunteer_task");
        MvcResult badTask = postJson("/api/v1/tasks", coordinator, "{\"title\":\"发放口罩\",\"peopleNeeded\":0,\"areaCode\":\"999\"}");
        assertThat((List<String>) read(badTask, "$.errors[*].field")).containsExactlyInAnyOrder("place", "taskDate", "peopleNeeded", "areaCode");
        assertThat(count("select count(*) from volunteer_task")).isEqualTo(tasks);

        long branches = count("select count(*) from party_branch");
        MvcResult badBranch = postJson("/api/v1/branches", coordinator, "{\"name\":\"x\",\"kind\":\"PARTY\"}");
        assertThat((String) read(badBranch, "$.errors[0].field")).isEqualTo("kind");
        assertThat(count("select count(*) from party_branch")).isEqualTo(branches);
    }

    @Test
    void otherRolesAreRefused() throws Exception {
        for (String url : List.of("/api/v1/branches", "/api/v1/members", "/api/v1/volunteers", "/api/v1/tasks", "/api/v1/pledges",
                "/api/v1/branches/gaps")) {
            mvc.perform(get(url).with(as("grid1"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/duty/gaps").with(as("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/volunteers").with(as("medic"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/branches").with(as("officer1"))).andExpect(status().isForbidden());
        long before = count("select count(*) from volunteer");
        mvc.perform(post("/api/v1/volunteers").with(as("grid1")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"张三\",\"phone\":\"" + randomPhone() + "\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/volunteers/take-over").header("X-Cordon-Client", "test").with(as("wg1"))).andExpect(status().isForbidden());
        assertThat(count("select count(*) from volunteer")).isEqualTo(before);
        mvc.perform(get("/api/v1/branches").with(as("commander"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.checkpointCode == 'KK01')].name").value(org.hamcrest.Matchers.hasItem("338国道后鸡陕蒙界检查点临时党支部")));
    }

    @Test
    void aTownCoordinatorSeesOnlyTheTownsRecords() throws Exception {
        String town = fixtures.coordinator(MobilizationFixtures.DALIUTA);
        List<String> areas = read(mvc.perform(get("/api/v1/branches").with(login(town))).andExpect(status().isOk()).andReturn(),
                "$[*].areaCode");
        assertThat(areas).allMatch(a -> a.startsWith(MobilizationFixtures.DALIUTA));
        mvc.perform(get("/api/v1/branches/{id}", fixtures.kk01Branch()).with(login(town))).andExpect(status().isForbidden());
        MvcResult outside = postJson("/api/v1/branches", town, "{\"name\":\"x\",\"kind\":\"VILLAGE\",\"areaCode\":\"610881106\"}");
        assertThat((String) read(outside, "$.errors[0].code")).isEqualTo("mob.validation.outsideArea");
        // a volunteer entered without an area stays in the town
        MvcResult v = postJson("/api/v1/volunteers", town, "{\"name\":\"刘志愿\",\"phone\":\"" + randomPhone() + "\"}");
        assertThat((String) read(v, "$.areaCode")).isEqualTo(MobilizationFixtures.DALIUTA);
    }
}
