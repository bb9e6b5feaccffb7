package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * API tokens: an administrator issues one for an account (API and page), the device then works as that account —
 * role and checkpoints — with {@code Authorization: Bearer}, until the token is revoked, expires or the account is
 * disabled; only a hash is stored; the last use is recorded at most once a minute; every refusal is a 401 problem.
 */
class ApiTokenIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    private String newOfficer() {
        String username = "tk" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, "officer-password", "令牌测试执勤员", Role.OFFICER, null, Set.of("KK01")));
        return username;
    }

    private ResultActions issue(String json) throws Exception {
        return mvc.perform(post("/api/v1/tokens").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private String issueFor(String username) throws Exception {
        MvcResult result = issue("""
                {"username": "%s", "name": "KK01 手机 1", "kind": "DEVICE"}""".formatted(username))
                .andExpect(status().isCreated()).andReturn();
        return read(result, "$.token");
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private String passage(String checkpoint) {
        return """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                 "originAreaCode": "610802", "destinationAreaCode": "610881106201", "disinfected": true,
                 "occupants": [{"name": "令牌", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                .formatted(UUID.randomUUID(), freshPlate(), randomIdNumber(), randomPhone());
    }

    private void expectInvalidToken(String token) throws Exception {
        mvc.perform(bearer(get("/api/v1/me"), token).header("Accept-Language", "en"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"cordon\", error=\"invalid_token\""))
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE + ";charset=UTF-8"))
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:invalid-token"))
                .andExpect(jsonPath("$.title").value("Invalid API token"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revoked")));
    }

    @Test
    void aDeviceTokenActsAsItsAccountWithItsRoleAndCheckpoints() throws Exception {
        String officer = newOfficer();
        String token = issueFor(officer);
        assertThat(token).matches("cdn_[A-Za-z0-9_-]{43}");

        mvc.perform(bearer(get("/api/v1/me"), token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(officer))
                .andExpect(jsonPath("$.role").value("OFFICER"))
                .andExpect(jsonPath("$.checkpointCodes[0]").value("KK01"));
        // registers at its checkpoint (a JSON post needs no extra header: a Bearer request cannot be forged by a browser)
        mvc.perform(bearer(post("/api/v1/checkpoints/KK01/passages"), token).contentType(MediaType.APPLICATION_JSON)
                        .content(passage("KK01")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recordedBy").value(officer));
        // ... but not at another one, nor administer anything
        mvc.perform(bearer(post("/api/v1/checkpoints/KK02/passages"), token).contentType(MediaType.APPLICATION_JSON)
                        .content(passage("KK02")))
                .andExpect(status().isForbidden());
        mvc.perform(bearer(get("/api/v1/tokens"), token)).andExpect(status().isForbidden());
        // a body-less or form post with a token is not refused as forgeable
        mvc.perform(bearer(post("/api/v1/dispatches/{id}/receipt", 987654321), token)).andExpect(status().isNotFound());
        // the token does not open the pages: they take a signed-in session only
        mvc.perform(bearer(get("/checkpoints"), token)).andExpect(status().is3xxRedirection());
    }

    @Test
    void onlyTheHashIsStoredAndTheListShowsNoTokenValue() throws Exception {
        String officer = newOfficer();
        String token = issueFor(officer);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        assertThat(count("select count(*) from api_token where token_hash = ?", (Object) hash)).isEqualTo(1);
        assertThat(jdbc.sql("select token_prefix from api_token where token_hash = ?").param(hash).query(String.class).single())
                .isEqualTo(token.substring(0, 12));
        String list = body(mvc.perform(get("/api/v1/tokens").with(as("admin"))).andExpect(status().isOk()).andReturn());
        assertThat(list).contains(officer).contains(token.substring(0, 12)).doesNotContain(token);
        String page = body(mvc.perform(get("/admin/tokens").with(user(accounts.loadUserByUsername("admin"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains(officer).contains(token.substring(0, 12)).doesNotContain(token);
    }

    @Test
    void revokingATokenRefusesItsNextRequestAndIsAudited() throws Exception {
        String token = issueFor(newOfficer());
        mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());
        long id = jdbc.sql("select id from api_token where token_prefix = ?").param(token.substring(0, 12)).query(Long.class).single();
        assertThat(count("select count(*) from audit_entry where action = 'TOKEN_ISSUED' and record_id = ?", String.valueOf(id))).isEqualTo(1);

        mvc.perform(post("/api/v1/tokens/{id}/revoke", id).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revokedBy").value("admin"));
        expectInvalidToken(token);
        // revoking again changes nothing and is not audited twice
        mvc.perform(post("/api/v1/tokens/{id}/revoke", id).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REVOKED"));
        assertThat(count("select count(*) from audit_entry where action = 'TOKEN_REVOKED' and record_id = ?", String.valueOf(id))).isEqualTo(1);
        mvc.perform(post("/api/v1/tokens/{id}/revoke", 987654321).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anExpiredTokenOrOneOfADisabledAccountIsRefused() throws Exception {
        String officer = newOfficer();
        MvcResult issued = issue("""
                {"username": "%s", "name": "到期测试", "kind": "INTEGRATION", "expiresOn": "%s"}""".formatted(officer, today()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.summary.status").value("ACTIVE"))
                .andExpect(jsonPath("$.summary.kind").value("INTEGRATION"))
                .andReturn();
        String token = read(issued, "$.token");
        // valid through the whole of its last day, city time
        Instant expiresAt = Instant.parse(read(issued, "$.summary.expiresAt"));
        assertThat(expiresAt).isEqualTo(today().plusDays(1).atStartOfDay(CITY_ZONE).toInstant());
        mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());

        long accountId = accounts.loadUserByUsername(officer).id();
        accounts.setEnabled(accountId, false);
        expectInvalidToken(token);
        accounts.setEnabled(accountId, true);
        mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());

        jdbc.sql("update api_token set expires_at = ? where token_prefix = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), token.substring(0, 12)).update();
        expectInvalidToken(token);
        String list = body(mvc.perform(get("/api/v1/tokens").with(as("admin"))).andReturn());
        assertThat(list).contains("\"prefix\":\"" + token.substring(0, 12) + "\"");
        assertThat((java.util.List<String>) read(mvc.perform(get("/api/v1/tokens").with(as("admin"))).andReturn(),
                "$[?(@.prefix == '" + token.substring(0, 12) + "')].status")).containsExactly("EXPIRED");
    }

    @Test
    void unknownAndMalformedTokensAreRefusedAlike() throws Exception {
        expectInvalidToken("cdn_" + "A".repeat(43));
        expectInvalidToken("not-a-token");
        expectInvalidToken("");
        expectInvalidToken("cdn_" + "A".repeat(4000));
        // a refused token is never passed on as anonymous, also where anonymous callers would be welcome
        mvc.perform(get("/api/v1/me").header("Authorization", "bearer cdn_" + "B".repeat(43))).andExpect(status().isUnauthorized());
    }

    @Test
    void theLastUseIsRecordedAtMostOncePerMinute() throws Exception {
        String token = issueFor(newOfficer());
        String prefix = token.substring(0, 12);
        assertThat(jdbc.sql("select last_used_at from api_token where token_prefix = ?").param(prefix).query(Timestamp.class).optional())
                .isEmpty();
        mvc.perform(bearer(get("/api/v1/me"), token).with(r -> {
            r.setRemoteAddr("10.77.0.1");
            return r;
        })).andExpect(status().isOk());
        Timestamp first = jdbc.sql("select last_used_at from api_token where token_prefix = ?").param(prefix).query(Timestamp.class).single();
        assertThat(jdbc.sql("select last_used_address from api_token where token_prefix = ?").param(prefix).query(String.class).single())
                .isEqualTo("10.77.0.1");
        for (int i = 0; i < 5; i++) {
            mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());
        }
        assertThat(jdbc.sql("select last_used_at from api_token where token_prefix = ?").param(prefix).query(Timestamp.class).single())
                .isEqualTo(first);
        // older than a minute: the next use is recorded
        jdbc.sql("update api_token set last_used_at = last_used_at - interval '2 minutes' where token_prefix = ?").param(prefix).update();
        mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());
        assertThat(jdbc.sql("select last_used_at from api_token where token_prefix = ?").param(prefix).query(Timestamp.class).single())
                .isAfter(new Timestamp(first.getTime() - 1000));
    }

    @Test
    void anInvalidRequestIsRefusedWithFieldMessagesAndStoresNothing() throws Exception {
        String officer = newOfficer();
        long before = count("select count(*) from api_token");
        issue("""
                {"username": "no-such-account-x", "name": " ", "expiresOn": "%s"}""".formatted(today().minusDays(1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'username')].code").value("validation.token.accountUnknown"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("validation.required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'kind')].code").value("validation.required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'expiresOn')].code").value("validation.token.expiresPast"));
        issue("""
                {"username": "%s", "name": "%s", "kind": "DEVICE", "expiresOn": "%s"}""".formatted(officer, "长".repeat(101), today().plusYears(6)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("validation.tooLong"))
                .andExpect(jsonPath("$.errors[?(@.field == 'expiresOn')].code").value("validation.token.expiresTooLate"));
        issue("""
                {"username": "%s", "name": "x", "kind": "DEVICE", "expiresOn": "+999999-01-01"}""".formatted(officer))
                .andExpect(status().isBadRequest());
        issue("""
                {"username": "%s", "name": "x", "kind": "PHONE"}""".formatted(officer)).andExpect(status().isBadRequest());
        issue("not json").andExpect(status().isBadRequest());
        accounts.setEnabled(accounts.loadUserByUsername(officer).id(), false);
        issue("""
                {"username": "%s", "name": "x", "kind": "DEVICE"}""".formatted(officer))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.token.accountDisabled"));
        assertThat(count("select count(*) from api_token")).isEqualTo(before);
    }

    @Test
    void onlyAdministratorsIssueListAndRevoke() throws Exception {
        long before = count("select count(*) from api_token");
        mvc.perform(post("/api/v1/tokens").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"officer1\", \"name\": \"x\", \"kind\": \"DEVICE\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/tokens").with(as("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/tokens").with(user(accounts.loadUserByUsername("commander")))).andExpect(status().isForbidden());
        assertThat(count("select count(*) from api_token")).isEqualTo(before);
    }

    @Test
    void theAdministratorsPageIssuesATokenShownOnceAndRevokesIt() throws Exception {
        String officer = newOfficer();
        var admin = user(accounts.loadUserByUsername("admin"));
        String page = body(mvc.perform(post("/admin/tokens").with(admin).with(csrf()).param("lang", "en")
                        .param("username", officer).param("name", "KK01 phone 3").param("kind", "DEVICE")
                        .param("expiresOn", LocalDate.now(CITY_ZONE).plusDays(30).toString()))
                .andExpect(status().isOk()).andReturn());
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page);
        String token = html.selectFirst("#issued-token").attr("value");
        assertThat(token).matches("cdn_[A-Za-z0-9_-]{43}");
        assertThat(html.select("#issued").text()).contains("shown only this once").contains(officer);
        assertThat(html.select("#tokens-table").text()).contains("KK01 phone 3").contains("Active").contains("Never used");
        mvc.perform(bearer(get("/api/v1/me"), token)).andExpect(status().isOk());

        // shown once: the list afterwards has only its first characters
        String again = body(mvc.perform(get("/admin/tokens").with(admin)).andExpect(status().isOk()).andReturn());
        assertThat(again).doesNotContain(token).contains(token.substring(0, 12));

        long id = jdbc.sql("select id from api_token where token_prefix = ?").param(token.substring(0, 12)).query(Long.class).single();
        mvc.perform(post("/admin/tokens/{id}/revoke", id).with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());
        expectInvalidToken(token);
        String after = body(mvc.perform(get("/admin/tokens").with(admin).param("lang", "en")).andReturn());
        assertThat(org.jsoup.Jsoup.parse(after).select("#token-" + id).text()).contains("Revoked").contains("admin");
    }

    @Test
    void aRejectedPageFormIssuesNothingAndSaysWhy() throws Exception {
        long before = count("select count(*) from api_token");
        String page = body(mvc.perform(post("/admin/tokens").with(user(accounts.loadUserByUsername("admin"))).with(csrf())
                        .param("lang", "en").param("username", "").param("name", "").param("kind", "DEVICE").param("expiresOn", "31.12.2020"))
                .andExpect(status().isOk()).andReturn());
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page);
        assertThat(html.select("#issued")).isEmpty();
        assertThat(html.select(".field-error").eachAttr("data-field")).contains("expiresOn");
        String page2 = body(mvc.perform(post("/admin/tokens").with(user(accounts.loadUserByUsername("admin"))).with(csrf())
                        .param("lang", "en").param("username", "").param("name", "").param("kind", "DEVICE"))
                .andExpect(status().isOk()).andReturn());
        assertThat(org.jsoup.Jsoup.parse(page2).select(".field-error").eachAttr("data-field")).contains("username", "name");
        assertThat(count("select count(*) from api_token")).isEqualTo(before);
    }
}
