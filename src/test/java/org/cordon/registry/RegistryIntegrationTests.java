package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.Masking;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The person registry and returnee records: one person per ID, idempotent registration, validation, jurisdiction, privacy. */
class RegistryIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";

    @Autowired
    AccountManagement accounts;

    ResultActions register(String user, String sourceRef, String name, String idNumber, String arrivedOn, String destination)
            throws Exception {
        return mvc.perform(post("/api/v1/returnees").with(as(user)).contentType(MediaType.APPLICATION_JSON).content("""
                {"sourceRef": "%s", "name": "%s", "idNumber": "%s", "phone": "13812345678", "originCode": "4201",
                 "arrivedOn": "%s", "transportMode": "FLIGHT", "transportDetail": "CA1234", "destinationCode": "%s"}"""
                .formatted(sourceRef, name, idNumber, arrivedOn, destination)));
    }

    @Test
    void aDoorToDoorRegistrationIsStoredOnceAndThePersonOnlyOnce() throws Exception {
        String idNumber = randomIdNumber();
        String ref = UUID.randomUUID().toString();
        long persons = count("select count(*) from person");
        long id = readLong(register("grid1", ref, "孙丽华", idNumber, today().toString(), VILLAGE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.person.name").value("孙*华"))
                .andExpect(jsonPath("$.person.idNumber").value(idNumber.substring(0, 6) + "********" + idNumber.substring(14)))
                .andExpect(jsonPath("$.person.phone").value("138****5678"))
                .andExpect(jsonPath("$.source").value("DOOR_TO_DOOR"))
                .andExpect(jsonPath("$.responsibleUsername").value("grid1"))
                .andReturn(), "$.id");
        register("grid1", ref, "孙丽华", idNumber, today().toString(), VILLAGE)
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        // the same person arriving again later (a new arrival, not within 2 days): a second returnee record, still one person
        register("grid1", UUID.randomUUID().toString(), "孙丽华", idNumber, today().minusDays(10).toString(), VILLAGE)
                .andExpect(status().isCreated());
        assertThat(count("select count(*) from person")).isEqualTo(persons + 1);
        // sex and birth date come from the ID number
        var person = jdbc.sql("select sex, birth_date from person where id = (select person_id from returnee where id = ?)")
                .param(id).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single();
        assertThat(person).isEqualTo((Integer.parseInt(idNumber.substring(16, 17)) % 2 == 1 ? "MALE" : "FEMALE") + " "
                + idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14));
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsStored() throws Exception {
        long returnees = count("select count(*) from returnee");
        long persons = count("select count(*) from person");
        mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "", "idNumber": "110105194912310021", "phone": "12345", "originCode": "999999",
                         "arrivedOn": "%s", "leftRiskAreaOn": "%s", "transportMode": "ROCKET"}"""
                        .formatted(today().plusDays(1), today().plusDays(2))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("name")))
                .andExpect(jsonPath("$.errors[*].code").value(hasItem("validation.idNumber.checksum")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("phone")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("originCode")))
                .andExpect(jsonPath("$.errors[*].code").value(hasItem("validation.date.future")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("transportMode")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("destinationCode")));
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        assertThat(count("select count(*) from person")).isEqualTo(persons);
    }

    @Test
    void aGridWorkerRegistersAndSeesOnlyTheirOwnVillage() throws Exception {
        String other = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        register("grid1", UUID.randomUUID().toString(), "韩梅", randomIdNumber(), today().toString(), "610881106202")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.destination.outsideJurisdiction"));
        long id = readLong(register("grid1", UUID.randomUUID().toString(), "韩梅", randomIdNumber(), today().toString(), VILLAGE)
                .andReturn(), "$.id");
        mvc.perform(get("/api/v1/returnees").with(httpBasic(other, "password1-for-tests")))
                .andExpect(jsonPath("$.items[*].id").value(not(hasItem((int) id))));
        mvc.perform(get("/api/v1/returnees").param("area", VILLAGE).with(httpBasic(other, "password1-for-tests")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/returnees").with(as("grid1"))).andExpect(jsonPath("$.items[*].id").value(hasItem((int) id)));
        mvc.perform(get("/api/v1/returnees").with(as("commander")).param("size", "200"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/returnees").with(as("officer1"))).andExpect(status().isForbidden());
    }

    @Test
    void personsAreFoundByFuzzyNameOrExactNumbersInsideTheArea() throws Exception {
        String idNumber = randomIdNumber();
        String name = "欧阳" + "振" + (char) ('甲' + java.util.concurrent.ThreadLocalRandom.current().nextInt(50));
        register("grid1", UUID.randomUUID().toString(), name, idNumber, today().toString(), VILLAGE).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/people").param("q", name.substring(0, 3)).with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(hasItem(name.charAt(0) + "**" + name.charAt(3))));
        mvc.perform(get("/api/v1/people").param("q", idNumber).with(as("grid1")))
                .andExpect(jsonPath("$.length()").value(1));
        String other = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        mvc.perform(get("/api/v1/people").param("q", idNumber).with(httpBasic(other, "password1-for-tests")))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aMaskedViewNeverCarriesTheBirthDateTheMaskHides() throws Exception {
        // 610881********0015: the eight hidden digits are exactly the birth date
        String idNumber = randomIdNumber();
        String birth = idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14);
        long id = readLong(register("grid1", UUID.randomUUID().toString(), "韩梅梅", idNumber, today().toString(), VILLAGE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.person.birthDate").doesNotExist())
                .andReturn(), "$.id");
        String masked = body(mvc.perform(get("/api/v1/returnees/{id}", id).with(as("grid1"))).andExpect(status().isOk()).andReturn());
        String list = body(mvc.perform(get("/api/v1/returnees").with(as("grid1"))).andExpect(status().isOk()).andReturn());
        String search = body(mvc.perform(get("/api/v1/people").param("q", "韩梅梅").with(as("grid1"))).andExpect(status().isOk()).andReturn());
        for (String answer : new String[] {masked, list, search}) {
            assertThat(answer).doesNotContain(birth).doesNotContain(idNumber.substring(6, 14)).doesNotContain("birthDate");
        }
        // the audited full view may show it
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("medic")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.birthDate").value(birth));
    }

    @Test
    void exactSearchesByIdOrPhoneAreAuditedWithoutTheValueAndSearchesByNameAreNot() throws Exception {
        String grid = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(grid, "password1-for-tests", "一村网格员", Role.GRID_WORKER, VILLAGE, Set.of()));
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "上官云", "idNumber": "%s", "phone": "%s", "originCode": "4201",
                         "arrivedOn": "%s", "transportMode": "SELF_DRIVE", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), idNumber, phone, today(), VILLAGE)))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/people").param("q", idNumber).with(httpBasic(grid, "password1-for-tests")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/people").param("q", phone).with(httpBasic(grid, "password1-for-tests")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/people").param("q", "上官").with(httpBasic(grid, "password1-for-tests"))).andExpect(status().isOk());

        java.util.List<String> entries = jdbc.sql("""
                        select record_type || '|' || record_id || '|' || coalesce(detail, '') from audit_entry
                        where username = ? and action = 'EXACT_SEARCH' order by id""")
                .param(grid).query(String.class).list();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).startsWith("exact-search|ID_NUMBER|").contains(VILLAGE);
        assertThat(entries.get(1)).startsWith("exact-search|PHONE|");
        assertThat(String.join("\n", entries)).doesNotContain(idNumber).doesNotContain(idNumber.substring(6, 14))
                .doesNotContain(phone).doesNotContain(phone.substring(3, 7));
    }

    @Test
    void theFullViewOfAReturneeIsAudited() throws Exception {
        String idNumber = randomIdNumber();
        long id = readLong(register("grid1", UUID.randomUUID().toString(), "钱学森", idNumber, today().toString(), VILLAGE).andReturn(), "$.id");
        // roles without a reveal: neither the full view nor name and phone
        String clerkInArea = "clerk" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(clerkInArea, "password1-for-tests", "库管员", Role.SUPPLIES_CLERK, VILLAGE, Set.of()));
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(httpBasic(clerkInArea, "password1-for-tests")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("medic")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.idNumber").value(idNumber))
                .andExpect(jsonPath("$.person.name").value("钱学森"));
        assertThat(count("select count(*) from audit_entry where record_type = 'returnee' and record_id = ? and username = 'medic'",
                String.valueOf(id))).isEqualTo(1);
    }

    // ------------------------------------------------------------------ grid workers reach their own people

    /** A page request as this account (pages sign in by form, not HTTP Basic). */
    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }


    @Test
    void aGridWorkerRevealsNameAndPhoneOfAReturneeInTheirVillageButNotTheIdNumber() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        long id = readLong(mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "高红梅", "idNumber": "%s", "phone": "%s", "originCode": "4201", "arrivedOn": "%s",
                         "destinationCode": "%s"}""".formatted(idNumber, phone, today(), VILLAGE)))
                .andExpect(status().isCreated()).andReturn(), "$.id");

        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.name").value("高红梅"))
                .andExpect(jsonPath("$.person.phone").value(phone))
                .andExpect(jsonPath("$.person.idNumber").value(Masking.idNumber(idNumber)))
                .andExpect(jsonPath("$.person.full").value(false))
                .andExpect(jsonPath("$.person.contactRevealed").value(true));
        assertThat(count("""
                select count(*) from audit_entry where record_type = 'returnee' and record_id = ? and username = 'grid1'
                  and action = 'VIEW_FULL' and detail like 'name and phone%'""", String.valueOf(id))).isEqualTo(1);
        // town staff (a grid-worker account of the town) too
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("town1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.person.phone").value(phone));
        assertThat(count("select count(*) from audit_entry where record_type = 'returnee' and record_id = ? and username = 'town1'",
                String.valueOf(id))).isEqualTo(1);

        // a grid worker of another village: 403 and no audit entry in their name
        String other = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(httpBasic(other, "password1-for-tests")))
                .andExpect(status().isForbidden());
        assertThat(count("select count(*) from audit_entry where record_id = ? and username = ?", String.valueOf(id), other)).isZero();

        // the phone-first page: "show phone", then the number as a tel: link
        String page = body(mvc.perform(get("/returnees/{id}", id).with(signedIn("grid1"))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("显示电话").contains(Masking.phone(phone)).doesNotContain("tel:");
        String revealed = body(mvc.perform(post("/returnees/{id}/full", id).with(signedIn("grid1")).with(csrf()))
                .andExpect(status().isOk()).andReturn());
        assertThat(revealed).contains("href=\"tel:" + phone + "\"").contains("高红梅").contains("id=\"contact-revealed\"")
                .doesNotContain(idNumber).doesNotContain("显示电话");
        String english = body(mvc.perform(get("/returnees/{id}", id).param("lang", "en").with(signedIn("grid1"))).andReturn());
        assertThat(english).contains("Show phone");
        mvc.perform(post("/returnees/{id}/full", id).with(signedIn(other)).with(csrf())).andExpect(status().isForbidden());
    }

    // ------------------------------------------------------------------ a registration never overwrites an identity

    @Autowired
    PersonalDataCipher cipher;

    record StoredIdentity(String name, byte[] phoneHash, String address) {
    }

    StoredIdentity identityOf(String idNumber) {
        return jdbc.sql("select name, phone_hash, address from person where id_number_hash = ?")
                .param(cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + idNumber))
                .query((rs, n) -> new StoredIdentity(rs.getString(1), rs.getBytes(2), rs.getString(3))).single();
    }

    ResultActions registerWithPhone(String user, String name, String idNumber, String phone) throws Exception {
        return registerWithPhone(user, name, idNumber, phone, today());
    }

    ResultActions registerWithPhone(String user, String name, String idNumber, String phone, java.time.LocalDate arrivedOn)
            throws Exception {
        return mvc.perform(post("/api/v1/returnees").with(as(user)).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "%s", "idNumber": "%s", "phone": "%s", "originCode": "4201", "arrivedOn": "%s",
                 "destinationCode": "%s", "destinationAddress": "中鸡一村 5 号"}""".formatted(name, idNumber, phone, arrivedOn, VILLAGE)));
    }

    @Test
    void aDoorToDoorRegistrationKeepsTheRegisteredIdentityAndShowsTheReportedOneAsDiffering() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        String otherPhone = randomPhone();
        registerWithPhone("grid1", "李建国", idNumber, phone).andExpect(status().isCreated())
                .andExpect(jsonPath("$.identityDiffers").value(false))
                .andExpect(jsonPath("$.reportedIdentity").doesNotExist());

        // a later arrival of the same person (a new record) reports another name and phone
        long second = readLong(registerWithPhone("town1", "张建国", idNumber, otherPhone, today().minusDays(20))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.identityDiffers").value(true))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'NAME')].reported").value(hasItem("张*国")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'NAME')].registered").value(hasItem("李*国")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].reported").value(hasItem(Masking.phone(otherPhone))))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].registered").value(hasItem(Masking.phone(phone))))
                .andExpect(jsonPath("$.reportedIdentity.differences.length()").value(2))
                .andReturn(), "$.id");

        // the stored identity is unchanged; the reported values are kept on the record (phone encrypted)
        StoredIdentity stored = identityOf(idNumber);
        assertThat(stored.name()).isEqualTo("李建国");
        assertThat(stored.phoneHash()).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, phone));
        var reported = jdbc.sql("select reported_name, reported_phone_hash, reported_phone_enc from reported_identity "
                        + "where record_type = 'RETURNEE' and record_id = ?")
                .param(second).query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getBytes(3)}).single();
        assertThat(reported[0]).isEqualTo("张建国");
        assertThat((byte[]) reported[1]).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, otherPhone));
        assertThat(new String((byte[]) reported[2], java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(otherPhone);

        // the responsible grid worker sees it on the list, the API view and the page, masked
        mvc.perform(get("/api/v1/returnees").param("size", "200").with(as("grid1")))
                .andExpect(jsonPath("$.items[?(@.id == %d)].identityDiffers".formatted(second)).value(hasItem(true)));
        String page = body(mvc.perform(get("/returnees/{id}", second).with(signedIn("grid1"))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"identity-differs\"").contains("报告的姓名“张*国”与登记的姓名“李*国”不一致")
                .contains("id=\"identity-adopt\"").doesNotContain("张建国").doesNotContain(otherPhone);
        // a revealed view shows the reported values in full
        mvc.perform(get("/api/v1/returnees/{id}", second).param("full", "true").with(as("grid1")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'NAME')].reported").value(hasItem("张建国")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].reported").value(hasItem(otherPhone)));

        // a user outside the area may not confirm, and nothing changes
        String other = "grid" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        mvc.perform(post("/api/v1/returnees/{id}/identity", second).with(httpBasic(other, "password1-for-tests"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/returnees/{id}/identity", second).with(as("officer1"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/returnees/{id}/identity", second).with(as("grid1"))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isBadRequest());
        assertThat(identityOf(idNumber).name()).isEqualTo("李建国");

        // the grid worker adopts the reported values: the person changes, an audit entry is written, the difference is cleared
        long personId = jdbc.sql("select person_id from returnee where id = ?").param(second).query(Long.class).single();
        mvc.perform(post("/api/v1/returnees/{id}/identity", second).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.identityDiffers").value(false))
                .andExpect(jsonPath("$.person.name").value("张*国"))
                .andExpect(jsonPath("$.person.phone").value(Masking.phone(otherPhone)));
        stored = identityOf(idNumber);
        assertThat(stored.name()).isEqualTo("张建国");
        assertThat(stored.phoneHash()).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, otherPhone));
        assertThat(count("""
                select count(*) from audit_entry where action = 'PERSON_CHANGED' and record_type = 'person' and record_id = ?
                  and username = 'grid1' and detail like '%name%phone%'""", String.valueOf(personId))).isEqualTo(1);
        assertThat(count("select count(*) from reported_identity where record_id = ? and record_type = 'RETURNEE' "
                + "and resolution = 'ADOPTED' and resolved_by = 'grid1' and reported_name is null", second)).isEqualTo(1);
        mvc.perform(post("/api/v1/returnees/{id}/identity", second).with(as("grid1"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}")).andExpect(status().isNotFound());
    }

    @Test
    void keepingTheRegisteredIdentityChangesNothingAndClearsTheDifference() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        registerWithPhone("grid1", "王秀英", idNumber, phone).andExpect(status().isCreated());
        long second = readLong(registerWithPhone("grid1", "王秀云", idNumber, phone, today().minusDays(20)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.reportedIdentity.differences.length()").value(1))
                .andExpect(jsonPath("$.reportedIdentity.differences[0].field").value("NAME")).andReturn(), "$.id");

        // from the page: the button posts accept=false and the page says so
        mvc.perform(post("/returnees/{id}/identity", second).param("accept", "false").with(signedIn("grid1")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(identityOf(idNumber).name()).isEqualTo("王秀英");
        mvc.perform(get("/api/v1/returnees/{id}", second).with(as("grid1")))
                .andExpect(jsonPath("$.identityDiffers").value(false)).andExpect(jsonPath("$.person.name").value("王*英"));
        long personId = jdbc.sql("select person_id from returnee where id = ?").param(second).query(Long.class).single();
        assertThat(count("select count(*) from audit_entry where action = 'PERSON_CHANGED' and record_id = ?",
                String.valueOf(personId))).isZero();
        assertThat(body(mvc.perform(get("/returnees/{id}", second).with(signedIn("grid1"))).andReturn())).doesNotContain("identity-differs");
    }
}
