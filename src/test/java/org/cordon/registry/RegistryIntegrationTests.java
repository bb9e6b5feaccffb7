package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

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
        // the same person arriving again later: a second returnee record, still one person
        register("grid1", UUID.randomUUID().toString(), "孙丽华", idNumber, today().toString(), VILLAGE).andExpect(status().isCreated());
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
        accounts.createAccount(new NewAccount(other, "password1", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        register("grid1", UUID.randomUUID().toString(), "韩梅", randomIdNumber(), today().toString(), "610881106202")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.destination.outsideJurisdiction"));
        long id = readLong(register("grid1", UUID.randomUUID().toString(), "韩梅", randomIdNumber(), today().toString(), VILLAGE)
                .andReturn(), "$.id");
        mvc.perform(get("/api/v1/returnees").with(httpBasic(other, "password1")))
                .andExpect(jsonPath("$.items[*].id").value(not(hasItem((int) id))));
        mvc.perform(get("/api/v1/returnees").param("area", VILLAGE).with(httpBasic(other, "password1")))
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
        accounts.createAccount(new NewAccount(other, "password1", "二村网格员", Role.GRID_WORKER, "610881106202", Set.of()));
        mvc.perform(get("/api/v1/people").param("q", idNumber).with(httpBasic(other, "password1")))
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
        accounts.createAccount(new NewAccount(grid, "password1", "一村网格员", Role.GRID_WORKER, VILLAGE, Set.of()));
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "上官云", "idNumber": "%s", "phone": "%s", "originCode": "4201",
                         "arrivedOn": "%s", "transportMode": "SELF_DRIVE", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), idNumber, phone, today(), VILLAGE)))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/people").param("q", idNumber).with(httpBasic(grid, "password1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/people").param("q", phone).with(httpBasic(grid, "password1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/people").param("q", "上官").with(httpBasic(grid, "password1"))).andExpect(status().isOk());

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
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/returnees/{id}", id).param("full", "true").with(as("medic")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.person.idNumber").value(idNumber))
                .andExpect(jsonPath("$.person.name").value("钱学森"));
        assertThat(count("select count(*) from audit_entry where record_type = 'returnee' and record_id = ? and username = 'medic'",
                String.valueOf(id))).isEqualTo(1);
    }
}
