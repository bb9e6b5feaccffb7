package org.cordon.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import static org.awaitility.Awaitility.await;

/**
 * The health code end to end through the API: a declaration on the portal gives a signed code bound to the person,
 * staff and the checkpoint verify it, a change of what the platform knows revokes it everywhere (revocation list),
 * tampered, expired, unknown-issuer codes are refused, another city's trusted key verifies, and the token verifies
 * with OpenSSL — an implementation that is not Cordon's.
 */
class HealthCodeIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";     // grid1's village

    @Autowired
    SigningKeys keys;

    record Declared(String token, String link, String idNumber, String name) {
    }

    Declared declare(String name, String idNumber, String stays, String symptoms) throws Exception {
        String body = """
                {"clientId": "%s", "name": "%s", "idNumber": "%s", "phone": "%s", "residenceCode": "%s",
                 "stays": [%s], "arrivedOn": %s, "symptoms": [%s]}""".formatted(UUID.randomUUID(), name, idNumber, randomPhone(),
                VILLAGE, stays, stays.isEmpty() ? "null" : "\"" + today().minusDays(2) + "\"", symptoms);
        MvcResult r = mvc.perform(post("/api/v1/health-codes/declarations").contentType(MediaType.APPLICATION_JSON).content(body)
                        .with(ownAddress()))
                .andExpect(status().isCreated()).andReturn();
        String json = r.getResponse().getContentAsString();
        return new Declared(JsonPath.read(json, "$.token"), JsonPath.read(json, "$.link"), idNumber, name);
    }

    /** A client address of its own (the public declaration is limited per address). */
    static org.springframework.test.web.servlet.request.RequestPostProcessor ownAddress() {
        String address = "10.9." + ADDRESSES.incrementAndGet() / 250 % 250 + "." + ADDRESSES.get() % 250;
        return req -> {
            req.setRemoteAddr(address);
            return req;
        };
    }

    static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger(
            (int) (Math.random() * 10_000));

    String verify(String token) throws Exception {
        return mvc.perform(post("/api/v1/health-codes/verify").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\": \"" + token + "\"}")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.read(payload, "$");
    }

    long personOf(String token) {
        return jdbc.sql("select person_id from health_code where code_id = ?").param((String) claims(token).get("jti"))
                .query(Long.class).single();
    }

    @Test
    void aDeclarationGivesASignedGreenCodeThatHoldsNoIdNumberOrPhoneAndVerifies() throws Exception {
        Declared d = declare("柏青山", randomIdNumber(), "", "");
        Map<String, Object> c = claims(d.token());
        assertThat(c).containsKeys("iss", "jti", "col", "iat", "exp", "nam").containsEntry("col", "green").containsEntry("nam", "柏*山");
        assertThat(d.token()).doesNotContain(d.idNumber());
        assertThat(c.values().toString()).doesNotContain(d.idNumber()).doesNotContain(d.idNumber().substring(0, 14));
        assertThat(((Number) c.get("exp")).longValue() - ((Number) c.get("iat")).longValue()).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(c.get("yob")).isEqualTo(Integer.parseInt(d.idNumber().substring(6, 10)));
        String v = verify(d.token());
        assertThat((Boolean) JsonPath.read(v, "$.valid")).isTrue();
        assertThat((String) JsonPath.read(v, "$.color")).isEqualTo("GREEN");
        assertThat((String) JsonPath.read(v, "$.disposition")).isEqualTo("RELEASED");
        // small enough for a phone camera at arm's length
        assertThat(d.token().length()).isLessThan(400);
        assertThat(HealthCodeQr.version(d.token())).isLessThanOrEqualTo(13);
        // the link reopens it without declaring again; the public page shows the colour, never the reasons
        String page = mvc.perform(get(d.link())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("绿码").contains("live-clock").contains("<svg").doesNotContain(d.idNumber());
        assertThat(mvc.perform(get(d.link())).andReturn().getResponse().getHeader("Cache-Control")).contains("no-store");
        // the person stops the link: it is gone
        mvc.perform(post(d.link() + "/forget").with(csrf())).andExpect(status().isOk());
        mvc.perform(get(d.link())).andExpect(status().isNotFound());
    }

    @Test
    void coloursFollowTheRulesAndAColourChangeRevokesTheOldCodeForOfflineVerifiersToo() throws Exception {
        // stayed in Wuhan (a risk area): red; in Beijing: yellow; symptoms: red with a fever referral for the clinics
        assertThat(claims(declare("韦红梅", randomIdNumber(), "\"420102\"", "").token())).containsEntry("col", "red");
        assertThat(claims(declare("韦黄河", randomIdNumber(), "\"110105\"", "").token())).containsEntry("col", "yellow");
        Declared feverish = declare("韦发热", randomIdNumber(), "", "\"FEVER\", \"COUGH\"");
        assertThat(claims(feverish.token())).containsEntry("col", "red");
        long feverPerson = personOf(feverish.token());
        assertThat(count("select count(*) from referral where person_id = ? and source = 'DECLARATION' and outcome is null", feverPerson))
                .isEqualTo(1);
        mvc.perform(get("/api/v1/people/{id}/health-code", feverPerson).with(as("grid1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.color").value("RED"))
                .andExpect(jsonPath("$.reasons[0]").value("OPEN_REFERRAL"))
                .andExpect(jsonPath("$.reasonTexts[0]").value("发热转诊待出结果"));

        // a green code; the offline verifier's list before
        Declared green = declare("韦青", randomIdNumber(), "", "");
        String before = mvc.perform(get("/api/v1/health-codes/revocations")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        long cursor = ((Number) JsonPath.read(before, "$.cursor")).longValue();
        String greenId = (String) claims(green.token()).get("jti");
        // the person is made a close contact of the feverish person: the listener re-assesses at once
        // the clinic confirms the feverish person (a case now), whose close contact the green person becomes
        long referral = jdbc.sql("select id from referral where person_id = ? and source = 'DECLARATION'").param(feverPerson)
                .query(Long.class).single();
        mvc.perform(post("/api/v1/referrals/{id}/outcome", referral).with(as("medic")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"outcome\": \"CONFIRMED\"}")).andExpect(status().isOk());
        long casePerson = feverPerson;
        mvc.perform(post("/api/v1/close-contacts").with(as("medic")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"casePersonId": %d, "name": "%s", "idNumber": "%s", "exposureDate": "%s", "areaCode": "%s"}"""
                        .formatted(casePerson, green.name(), green.idNumber(), today().minusDays(1), VILLAGE)))
                .andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from health_code where code_id = ? and revoked_at is not null",
                greenId) == 1);
        // online: revoked; the revocation list (public) has it, asked with the earlier cursor
        String refused = verify(green.token());
        assertThat((Boolean) JsonPath.read(refused, "$.valid")).isFalse();
        assertThat((String) JsonPath.read(refused, "$.problem")).isEqualTo("REVOKED");
        mvc.perform(get("/api/v1/health-codes/revocations").param("since", String.valueOf(cursor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.revoked").value(hasItem(greenId)))
                .andExpect(jsonPath("$.issuer").value("CN-610881"));
        // the person's code now is red, a new code id, for the close contact
        String now = mvc.perform(get("/api/v1/people/{id}/health-code", personOf(green.token())).with(as("grid1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.color").value("RED"))
                .andExpect(jsonPath("$.reasons").value(hasItem("CLOSE_CONTACT"))).andReturn().getResponse().getContentAsString();
        assertThat(claims(JsonPath.read(now, "$.token"))).containsEntry("col", "red").doesNotContainEntry("jti", greenId);
        // the holder's link shows the new colour the next time
        assertThat(mvc.perform(get(green.link())).andReturn().getResponse().getContentAsString()).contains("红码");
    }

    @Test
    void tamperedExpiredUnknownAndForeignCodesAreRefusedUntilTheIssuerIsTrusted() throws Exception {
        Declared d = declare("梁正", randomIdNumber(), "", "");
        String[] parts = d.token().split("\\.");
        // a payload changed to red (signature kept): tampered
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"green\"", "\"red\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat((String) JsonPath.read(verify(tampered), "$.problem")).isEqualTo("BAD_SIGNATURE");
        assertThat((String) JsonPath.read(verify("not a code"), "$.problem")).isEqualTo("MALFORMED");
        assertThat((String) JsonPath.read(verify(""), "$.problem")).isEqualTo("MALFORMED");
        assertThat((String) JsonPath.read(verify("x".repeat(5000)), "$.problem")).isEqualTo("MALFORMED");
        // signed by this platform's key but expired an hour ago
        SigningKeys.Key key = keys.signing();
        Map<String, Object> expired = new LinkedHashMap<>(claims(d.token()));
        expired.put("iat", Instant.now().minus(Duration.ofHours(30)).getEpochSecond());
        expired.put("exp", Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        String expiredToken = CompactJws.sign(key.privateKey(), key.kid(), expired);
        assertThat((String) JsonPath.read(verify(expiredToken), "$.problem")).isEqualTo("EXPIRED");
        // another key claiming to be this platform: unknown key; another city's issuer: not trusted
        KeyPair other = Ed25519Keys.generate();
        byte[] otherX = Ed25519Keys.raw(other.getPublic());
        String kid = SigningKeys.kid(otherX);
        Map<String, Object> foreign = new LinkedHashMap<>(claims(d.token()));
        foreign.put("iss", "CN-610802");
        foreign.put("jti", "yulin-" + UUID.randomUUID().toString().substring(0, 8));
        String forged = CompactJws.sign(other.getPrivate(), kid, claims(d.token()));
        assertThat((String) JsonPath.read(verify(forged), "$.problem")).isEqualTo("UNKNOWN_KEY");
        String yulin = CompactJws.sign(other.getPrivate(), kid, foreign);
        assertThat((String) JsonPath.read(verify(yulin), "$.problem")).isEqualTo("UNKNOWN_ISSUER");

        // the administrator trusts 榆林's published JWK set: its codes verify here, marked as another issuer's
        String jwks = new JWKSet(SigningKeys.jwk(kid, otherX)).toString(true);
        mvc.perform(post("/api/v1/health-codes/issuers").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"issuer": "CN-610802", "name": "榆林市健康码", "jwks": %s}""".formatted(jwks)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$[0].kid").value(kid));
        await().atMost(Duration.ofSeconds(40)).until(() -> (Boolean) JsonPath.read(verify(yulin), "$.valid"));
        String ok = verify(yulin);
        assertThat((Boolean) JsonPath.read(ok, "$.ownIssuer")).isFalse();
        assertThat((String) JsonPath.read(ok, "$.issuerName")).isEqualTo("榆林市健康码");
        // a private key, a key of another curve, this platform's own issuer name: refused with a message, nothing stored
        mvc.perform(post("/api/v1/health-codes/issuers").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"issuer": "CN-610881", "name": "x", "jwks": %s}""".formatted(jwks)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("issuer"));
        mvc.perform(post("/api/v1/health-codes/issuers").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"issuer": "CN-100000", "name": "x", "jwks": {"keys": [{"kty": "oct", "k": "AAAA"}]}}"""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("jwks"));
        // not for everyone
        mvc.perform(post("/api/v1/health-codes/issuers").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"issuer": "CN-100001", "name": "x", "jwks": %s}""".formatted(jwks))).andExpect(status().isForbidden());
        // a passage occupant with another city's code: the holder is not registered here, the officer types them
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "direction": "ENTERING", "vehicleType": "PEDESTRIAN", "originAreaCode": "610802",
                         "destinationAreaCode": "%s", "occupants": [{"healthCode": "%s", "temperature": "36.5"}]}"""
                        .formatted(UUID.randomUUID(), VILLAGE, yulin)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("occupants[0].healthCode"))
                .andExpect(jsonPath("$.errors[0].code").value("healthCode.problem.OTHER_ISSUER"));
    }

    @Test
    void aCodeHolderIsRegisteredAtTheCheckpointWithTheCodeAndATemperatureAndARedCodeIsReferred() throws Exception {
        Declared green = declare("莫绿", randomIdNumber(), "", "");
        Declared red = declare("莫红", randomIdNumber(), "\"420102\"", "");
        String body = mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"clientId": "%s", "direction": "ENTERING", "vehicleType": "PEDESTRIAN", "originAreaCode": "610802",
                                 "destinationAreaCode": "%s", "occupants": [{"healthCode": "%s", "temperature": "36.5"},
                                 {"healthCode": "%s", "temperature": "36.6"}]}""".formatted(UUID.randomUUID(), VILLAGE, green.token(),
                                red.token())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long passage = ((Number) JsonPath.read(body, "$.id")).longValue();
        List<Map<String, Object>> occupants = jdbc.sql("""
                        select name, disposition, health_code_color, health_code_id from occupant where passage_id = ? order by seq""")
                .param(passage).query().listOfRows();
        assertThat(occupants.get(0)).containsEntry("name", "莫绿").containsEntry("disposition", "RELEASED")
                .containsEntry("health_code_color", "GREEN").containsEntry("health_code_id", claims(green.token()).get("jti"));
        assertThat(occupants.get(1)).containsEntry("name", "莫红").containsEntry("disposition", "FEVER_REFERRAL")
                .containsEntry("health_code_color", "RED");
        // the answer shows the officer masked names only
        assertThat(body).doesNotContain(green.idNumber()).doesNotContain("莫绿\"");
        // a tampered code: a clear field error, nothing stored
        long before = count("select count(*) from passage");
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "direction": "ENTERING", "vehicleType": "PEDESTRIAN", "originAreaCode": "610802",
                         "destinationAreaCode": "%s", "occupants": [{"healthCode": "%s", "temperature": "36.5"}]}"""
                        .formatted(UUID.randomUUID(), VILLAGE, green.token().substring(0, green.token().length() - 3) + "AAA")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("healthCode.problem.BAD_SIGNATURE"));
        assertThat(count("select count(*) from passage")).isEqualTo(before);
    }

    @Test
    void aDeclarationNeverOverwritesARegisteredIdentityAndStaffSeeOnlyTheirArea() throws Exception {
        Declared d = declare("祁连山", randomIdNumber(), "", "");
        long person = personOf(d.token());
        long declarations = count("select count(*) from health_declaration");
        // the same ID number with another name: not confirmed online, nothing stored, the registered name unchanged
        mvc.perform(post("/api/v1/health-codes/declarations").with(ownAddress()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "name": "祁小山", "idNumber": "%s", "phone": "%s", "residenceCode": "%s"}"""
                        .formatted(UUID.randomUUID(), d.idNumber(), randomPhone(), VILLAGE)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("healthCode.validation.identityNotConfirmed"));
        assertThat(count("select count(*) from health_declaration")).isEqualTo(declarations);
        assertThat(jdbc.sql("select name from person where id = ?").param(person).query(String.class).single()).isEqualTo("祁连山");
        // bad input: per-field problems, nothing stored
        mvc.perform(post("/api/v1/health-codes/declarations").with(ownAddress()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "name": "", "idNumber": "123", "phone": "12", "residenceCode": "610881",
                         "stays": ["999999"], "symptoms": ["SNEEZING"]}""".formatted(UUID.randomUUID())))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.length()").value(org.hamcrest.Matchers.greaterThan(4)));
        assertThat(count("select count(*) from health_declaration")).isEqualTo(declarations);
        // staff: the village's grid worker sees the code and prints a card; an officer and another village's worker not
        mvc.perform(get("/api/v1/people/{id}/health-code", person).with(as("grid1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.reasons").isEmpty());
        mvc.perform(get("/api/v1/people/{id}/health-code", person).with(as("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/people/{id}/health-code", 987654321L).with(as("grid1"))).andExpect(status().isNotFound());
        String card = mvc.perform(get("/health-codes/people/{id}/card", person)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                                accounts().loadUserByUsername("grid1"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(card).contains("<svg").contains("祁*山").doesNotContain(d.idNumber());
        assertThat(count("select count(*) from audit_entry where action = 'HEALTH_CODE_CARD' and record_id = ?", String.valueOf(person)))
                .isEqualTo(1);
    }

    @Autowired
    org.cordon.account.AccountManagement accountManagement;

    org.cordon.account.AccountManagement accounts() {
        return accountManagement;
    }

    @Test
    void theCodeVerifiesWithOpenSslAgainstThePublishedKeySet() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl missing: interoperability not checked");
        Declared d = declare("黎明", randomIdNumber(), "", "");
        String jwks = mvc.perform(get("/.well-known/jwks.json")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String kid = (String) JsonPath.read(new String(Base64.getUrlDecoder().decode(d.token().split("\\.")[0]), StandardCharsets.UTF_8), "$.kid");
        OctetKeyPair jwk = (OctetKeyPair) JWKSet.parse(jwks).getKeyByKeyId(kid);
        assertThat(jwk).as("the code's key is published").isNotNull();
        assertThat(jwk.isPrivate()).isFalse();
        Path dir = Files.createTempDirectory("hc-openssl");
        byte[] spki = Ed25519Keys.spki(jwk.getX().decode());
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n");
        String[] parts = d.token().split("\\.");
        Files.write(dir.resolve("input"), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("sig"), Base64.getUrlDecoder().decode(parts[2]));
        assertThat(openssl(dir, "input")).as("openssl verifies the code").isZero();
        Files.write(dir.resolve("tampered"), (parts[0] + "." + parts[1] + "x").getBytes(StandardCharsets.US_ASCII));
        assertThat(openssl(dir, "tampered")).as("openssl refuses a tampered code").isNotZero();
    }

    private static int openssl(Path dir, String input) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", input,
                "-sigfile", "sig").directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void theKeysRotateAndTheOldKeyStaysPublishedSoItsCodesStillVerify() throws Exception {
        Declared d = declare("杭松", randomIdNumber(), "", "");
        mvc.perform(post("/api/v1/health-codes/keys/rotate").with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isOk());
        String jwks = mvc.perform(get("/.well-known/jwks.json")).andReturn().getResponse().getContentAsString();
        String oldKid = (String) JsonPath.read(new String(Base64.getUrlDecoder().decode(d.token().split("\\.")[0]), StandardCharsets.UTF_8), "$.kid");
        assertThat(JWKSet.parse(jwks).getKeys()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(JWKSet.parse(jwks).getKeyByKeyId(oldKid)).isNotNull();
        assertThat((Boolean) JsonPath.read(verify(d.token()), "$.valid")).isTrue();
        Declared after = declare("杭柏", randomIdNumber(), "", "");
        String newKid = (String) JsonPath.read(new String(Base64.getUrlDecoder().decode(after.token().split("\\.")[0]), StandardCharsets.UTF_8), "$.kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        mvc.perform(get("/api/v1/health-codes/keys").with(as("admin"))).andExpect(jsonPath("$[?(@.signing == true)].kid").value(hasItem(newKid)))
                .andExpect(jsonPath("$[?(@.signing == true)].kid").value(not(hasItem(oldKid))));
    }
    @Test
    void aGreenHolderEnteringFromAnotherProvinceTurnsYellowAndTheGreenCodeIsRevoked() throws Exception {
        Declared green = declare("尤进京", randomIdNumber(), "", "");
        String greenId = (String) claims(green.token()).get("jti");
        // typed at the checkpoint (no scan): entering from Beijing
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"clientId": "%s", "direction": "ENTERING", "vehicleType": "PEDESTRIAN", "originAreaCode": "110105",
                         "destinationAreaCode": "%s", "occupants": [{"name": "%s", "idNumber": "%s", "phone": "%s", "temperature": "36.4"}]}"""
                        .formatted(UUID.randomUUID(), VILLAGE, green.name(), green.idNumber(), randomPhone())))
                .andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from health_code where code_id = ? and revoked_at is not null",
                greenId) == 1);
        assertThat((String) JsonPath.read(verify(green.token()), "$.problem")).isEqualTo("REVOKED");
        mvc.perform(get("/api/v1/people/{id}/health-code", personOf(green.token())).with(as("grid1")))
                .andExpect(jsonPath("$.color").value("YELLOW")).andExpect(jsonPath("$.reasons[0]").value("OTHER_PROVINCE_ARRIVAL"));
    }
    @Test
    void aPassageCapturedOfflineIsCheckedForWhenItHappenedAnExpiredOrLaterRevokedCodeStillCounts() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        String first = """
                {"clientId": "%s", "name": "邢离线", "idNumber": "%s", "phone": "%s", "residenceCode": "%s"}"""
                .formatted(UUID.randomUUID(), idNumber, phone, VILLAGE);
        String green = JsonPath.read(mvc.perform(post("/api/v1/health-codes/declarations").with(ownAddress())
                .contentType(MediaType.APPLICATION_JSON).content(first)).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString(), "$.token");
        Instant scannedAt = Instant.now().minusSeconds(5);
        // later the same person declares a fever: the green code is revoked (the declaration re-assesses at once)
        String feverish = """
                {"clientId": "%s", "name": "邢离线", "idNumber": "%s", "phone": "%s", "residenceCode": "%s", "symptoms": ["FEVER"]}"""
                .formatted(UUID.randomUUID(), idNumber, phone, VILLAGE);
        mvc.perform(post("/api/v1/health-codes/declarations").with(ownAddress()).contentType(MediaType.APPLICATION_JSON).content(feverish))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.color").value("RED"));
        assertThat((String) JsonPath.read(verify(green), "$.problem")).isEqualTo("REVOKED");
        // the passage scanned before the revocation, sent now from the device's queue: stored, as green then
        String passage = """
                {"clientId": "%s", "direction": "ENTERING", "vehicleType": "PEDESTRIAN", "originAreaCode": "610802",
                 "destinationAreaCode": "%s", "recordedAt": "%s", "occupants": [{"healthCode": "%s", "temperature": "36.5"}]}""";
        String stored = mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content(passage.formatted(UUID.randomUUID(), VILLAGE, java.time.OffsetDateTime.ofInstant(scannedAt, CITY_ZONE), green)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(jdbc.sql("select health_code_color from occupant where passage_id = ?").param(((Number) JsonPath.read(stored, "$.id")).longValue())
                .query(String.class).single()).isEqualTo("GREEN");
        // the same code scanned now: refused
        mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON)
                        .content(passage.formatted(UUID.randomUUID(), VILLAGE, java.time.OffsetDateTime.now(CITY_ZONE), green)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("healthCode.problem.REVOKED"));
    }
}
