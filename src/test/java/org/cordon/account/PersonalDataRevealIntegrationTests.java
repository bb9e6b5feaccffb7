package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The one audited reveal: permission from the table, jurisdiction of the record, an audit entry per reveal. */
class PersonalDataRevealIntegrationTests extends IntegrationTestSupport {

    @Autowired
    PersonalDataManagement personalData;

    @Autowired
    AccountManagement accounts;

    private CordonUser user(String name) {
        return (CordonUser) accounts.loadUserByUsername(name);
    }

    private long audits(String recordType, String recordId) {
        return jdbc.sql("select count(*) from audit_entry where action = 'VIEW_FULL' and record_type = ? and record_id = ?")
                .params(recordType, recordId).query(Long.class).single();
    }

    @Test
    void gridWorkersRevealNameAndPhoneOfTheirOwnAreaAndAreAudited() {
        String id = UUID.randomUUID().toString();
        Disclosure d = personalData.reveal(user("grid1"), PersonalDataManagement.Record.inArea("returnee", id, "610881106201001"));
        assertThat(d.level()).isEqualTo(Disclosure.Level.CONTACT);
        assertThat(d.idNumber("61088119850312001X").text()).contains("*");
        assertThat(audits("returnee", id)).isEqualTo(1);
        assertThat(jdbc.sql("select detail from audit_entry where record_type = 'returnee' and record_id = ?").param(id)
                .query(String.class).single()).isEqualTo("name and phone of returnee record");
    }

    @Test
    void aRecordOutsideTheJurisdictionIsRefusedAndNotAudited() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> personalData.reveal(user("grid1"), PersonalDataManagement.Record.inArea("returnee", id, "610881106202")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> personalData.reveal(user("officer1"), PersonalDataManagement.Record.atCheckpoint("passage", id, "KK02", null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> personalData.reveal(user("grid1"), PersonalDataManagement.Record.inArea("returnee", id, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(audits("returnee", id) + audits("passage", id)).isZero();
    }

    @Test
    void rolesWithoutARevealPermissionAreRefusedByTheGate() {
        String id = UUID.randomUUID().toString();
        for (String name : new String[] {"clerk", "coordinator", "wg1", "admin"}) {
            assertThatThrownBy(() -> personalData.reveal(user(name), PersonalDataManagement.Record.inArea("returnee", id, "610881")))
                    .as(name).isInstanceOf(AccessDeniedException.class);
            assertThat(personalData.mayRevealContact(user(name))).as(name).isFalse();
        }
        assertThat(audits("returnee", id)).isZero();
    }

    @Test
    void screeningAndMedicalRolesRevealEverythingInTheirJurisdiction() {
        String id = UUID.randomUUID().toString();
        Disclosure officer = personalData.reveal(user("officer1"), PersonalDataManagement.Record.atCheckpoint("passage", id, "KK01", null));
        assertThat(officer.full()).isTrue();
        assertThat(officer.idNumber("61088119850312001X").text()).isEqualTo("61088119850312001X");
        Disclosure medic = personalData.revealFully(user("medic"), PersonalDataManagement.Record.inArea("roster", id, "610881106"), "roster export");
        assertThat(medic.full()).isTrue();
        assertThat(audits("passage", id)).isEqualTo(1);
        assertThat(jdbc.sql("select detail from audit_entry where record_type = 'roster' and record_id = ?").param(id)
                .query(String.class).single()).isEqualTo("full view of roster record: roster export");
    }

    @Test
    void aRevealedPageSwitchesLanguageToItsOwnPageNotToThePostThatRevealedIt() throws Exception {
        String created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/returnees")
                        .with(as("grid1")).contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "刘德明", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                         "arrivedOn": "%s", "transportMode": "SELF_DRIVE", "destinationCode": "610881106201"}""".formatted(
                        UUID.randomUUID(), randomIdNumber(), randomPhone(), today())))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/returnees/{id}/full", id)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(user("grid1")))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"lang-en\" href=\"/returnees/" + id + "?lang=en\"").contains("id=\"call-phone\"");
    }

    @Test
    void aPhoneTakenCheckOfTheVolunteerListIsAnAuditedExactSearch() throws Exception {
        String phone = "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        long before = jdbc.sql("select count(*) from audit_entry where username = 'coordinator' and action = 'EXACT_SEARCH'")
                .query(Long.class).single();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/volunteers").with(as("coordinator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"name\": \"王志愿\", \"phone\": \"" + phone + "\"}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/volunteers").with(as("coordinator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"name\": \"李志愿\", \"phone\": \"" + phone + "\"}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from audit_entry where username = 'coordinator' and action = 'EXACT_SEARCH'")
                .query(Long.class).single()).isEqualTo(before + 2);
    }

    @Test
    void aFullRevealIsNotDowngradedForContactRoles() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> personalData.revealFully(user("grid1"), PersonalDataManagement.Record.inArea("roster", id, "610881106201"), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(audits("roster", id)).isZero();
    }
}
