package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.cordon.account.AccountManagement;
import org.cordon.healthcode.Declared;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The installable field app's server side (README "Offline field app"): the manifest, icons and service worker open
 * without sign-in (the worker never taken from a cache without asking); the session check the device's queue asks
 * before it sends; the page-side JSON addresses of the passage form and the check form, which store a record sent twice
 * once (201, then 200) and answer a rejection with the message per field and nothing stored; a check repeated with its
 * clientId through the API too; the capture time of a passage sent later, also for a scanned health code revoked after
 * the passage; and the sign-in that returns to the page that asked for it, only when that is a page of the platform.
 */
class FieldAppIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";

    @Autowired
    AccountManagement accounts;

    @Autowired
    HealthCodeManagement codes;

    RequestPostProcessor page(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    MockHttpServletRequestBuilder passageForm(String checkpoint, String clientId, String plate, String idNumber, String temperature) {
        return post("/checkpoints/{code}/passages/queued", checkpoint).with(csrf()).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("clientId", clientId).param("direction", "ENTERING").param("plateNumber", plate).param("vehicleType", "CAR")
                .param("originProvince", "42").param("originCity", "4201").param("originCounty", "420102")
                .param("destinationTown", "610881106").param("destinationArea", VILLAGE)
                .param("occupants[0].idType", "RESIDENT_ID").param("occupants[0].idNumber", idNumber)
                .param("occupants[0].name", "离线测试").param("occupants[0].phone", randomPhone())
                .param("occupants[0].temperature", temperature);
    }

    long passagesWith(String clientId) {
        return count("select count(*) from passage where client_id = ?::uuid", clientId);
    }

    // ------------------------------------------------------------------ manifest, icons, service worker, session

    @Test
    void theManifestIconsAndServiceWorkerOpenWithoutSignIn() throws Exception {
        MvcResult manifest = mvc.perform(get("/manifest.webmanifest")).andExpect(status().isOk()).andReturn();
        assertThat(manifest.getResponse().getContentType()).startsWith("application/manifest+json");
        assertThat((String) read(manifest, "$.start_url")).isEqualTo("/checkpoints");
        assertThat((String) read(manifest, "$.scope")).isEqualTo("/");
        assertThat((String) read(manifest, "$.display")).isEqualTo("standalone");
        assertThat((String) read(manifest, "$.name")).isEqualTo("联防联控 · 卡口与网格");
        assertThat((String) read(manifest, "$.short_name")).isEqualTo("联防联控");
        MvcResult english = mvc.perform(get("/manifest.webmanifest").param("lang", "en")).andExpect(status().isOk()).andReturn();
        assertThat((String) read(english, "$.name")).isEqualTo("Cordon · checkpoints and grid");
        assertThat((String) read(english, "$.lang")).isEqualTo("en");

        List<Map<String, String>> icons = read(manifest, "$.icons");
        assertThat(icons).extracting(i -> i.get("purpose")).contains("any", "maskable");
        for (Map<String, String> icon : icons) {
            MvcResult file = mvc.perform(get(icon.get("src"))).andExpect(status().isOk()).andReturn();
            assertThat(file.getResponse().getContentType()).as(icon.get("src")).startsWith(icon.get("type"));
            if (icon.get("type").equals("image/png")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.getResponse().getContentAsByteArray()));
                assertThat(image.getWidth() + "x" + image.getHeight()).as(icon.get("src")).isEqualTo(icon.get("sizes"));
            } else {
                assertThat(file.getResponse().getContentAsString()).contains("<svg");
            }
        }

        MvcResult worker = mvc.perform(get("/sw.js")).andExpect(status().isOk()).andReturn();
        assertThat(worker.getResponse().getContentType()).contains("javascript");
        assertThat(worker.getResponse().getHeader("Cache-Control")).as("a new version reaches the devices").contains("no-cache")
                .doesNotContain("max-age=3");
        assertThat(worker.getResponse().getContentAsString()).contains("addEventListener('fetch'");
        mvc.perform(get("/vendor/idb/umd.js")).andExpect(status().isOk());
        MvcResult offline = mvc.perform(get("/offline")).andExpect(status().isOk()).andReturn();
        assertThat(body(offline)).contains("网络不通").contains("href=\"/checkpoints\"");
    }

    @Test
    void theSessionCheckSaysWhoIsSignedInWithAFreshTokenAndTheServersClock() throws Exception {
        MvcResult anonymous = mvc.perform(get("/offline/session")).andExpect(status().isOk()).andReturn();
        assertThat((Boolean) read(anonymous, "$.signedIn")).isFalse();
        assertThat(body(anonymous)).doesNotContain("csrfToken").doesNotContain("user");
        assertThat(anonymous.getResponse().getHeader("Cache-Control")).contains("no-store");

        long before = System.currentTimeMillis();
        MvcResult signedIn = mvc.perform(get("/offline/session").with(page("officer1"))).andExpect(status().isOk()).andReturn();
        assertThat((Boolean) read(signedIn, "$.signedIn")).isTrue();
        assertThat((String) read(signedIn, "$.user")).isEqualTo("officer1");
        assertThat((String) read(signedIn, "$.csrfHeader")).isEqualTo("X-CSRF-TOKEN");
        assertThat((String) read(signedIn, "$.csrfToken")).isNotBlank();
        assertThat(((Number) read(signedIn, "$.now")).longValue()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }

    // ------------------------------------------------------------------ the passage form's JSON address

    @Test
    void aPassageSentTwiceIsStoredOnceAndARejectedOneStoresNothing() throws Exception {
        String clientId = newClientId();
        String plate = freshPlate();
        String id = randomIdNumber();
        MvcResult first = mvc.perform(passageForm("KK01", clientId, plate, id, "36.6").with(page("officer1")))
                .andExpect(status().isCreated()).andReturn();
        assertThat((Boolean) read(first, "$.created")).isTrue();
        long passage = ((Number) read(first, "$.id")).longValue();
        assertThat((String) read(first, "$.url")).isEqualTo("/passages/" + passage + "?registered");
        assertThat(first.getResponse().getHeader("Cache-Control")).contains("no-store");

        // the queue sends it again (its answer was lost): the same passage, nothing new
        MvcResult again = mvc.perform(passageForm("KK01", clientId, plate, id, "36.6").with(page("officer1")))
                .andExpect(status().isOk()).andReturn();
        assertThat((Boolean) read(again, "$.created")).isFalse();
        assertThat(((Number) read(again, "$.id")).longValue()).isEqualTo(passage);
        assertThat(passagesWith(clientId)).isEqualTo(1);
        assertThat(count("select count(*) from occupant where passage_id = ?", passage)).isEqualTo(1);

        // rejected: every message per field, in the page's language, and nothing stored
        String rejectedId = newClientId();
        long passages = passageRows();
        MvcResult rejected = mvc.perform(passageForm("KK01", rejectedId, "not a plate", id, "45").param("lang", "en")
                        .with(page("officer1")))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(rejected, "$.message")).startsWith("Some fields need correcting");
        assertThat((String) read(rejected, "$.errors['occupants[0].temperature']")).isNotBlank();
        assertThat((String) read(rejected, "$.errors.plateNumber")).isNotBlank();
        assertThat(passagesWith(rejectedId)).isZero();
        assertThat(passageRows()).isEqualTo(passages);

        // a form field that is no value of its type, and a capture time that is no time: 400, never 500
        mvc.perform(passageForm("KK01", newClientId(), freshPlate(), randomIdNumber(), "36.6").param("disinfected", "maybe")
                .with(page("officer1"))).andExpect(status().isBadRequest());
        MvcResult badTime = mvc.perform(passageForm("KK01", newClientId(), freshPlate(), randomIdNumber(), "36.6")
                .param("recordedAt", "yesterday at noon").with(page("officer1"))).andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(badTime, "$.errors.recordedAt")).contains("yesterday at noon");
        assertThat(passageRows()).isEqualTo(passages);
    }

    @Test
    void aPassageSentLaterKeepsItsCaptureTime() throws Exception {
        String clientId = newClientId();
        OffsetDateTime captured = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.SECONDS);
        mvc.perform(passageForm("KK01", clientId, freshPlate(), randomIdNumber(), "36.5").param("recordedAt", captured.toString())
                .with(page("officer1"))).andExpect(status().isCreated());
        Instant stored = jdbc.sql("select recorded_at from passage where client_id = ?::uuid").param(clientId)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(stored).isEqualTo(captured.toInstant());
        // older than a passage may be: refused with the field named
        MvcResult old = mvc.perform(passageForm("KK01", newClientId(), freshPlate(), randomIdNumber(), "36.5")
                        .param("recordedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(8).toString()).with(page("officer1")))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(old, "$.errors.recordedAt")).isNotBlank();
    }

    @Test
    void anotherCheckpointsOfficerAnExpiredSessionAndAMissingTokenAreRefused() throws Exception {
        String clientId = newClientId();
        // officer2 stands at another checkpoint
        mvc.perform(passageForm("KK01", clientId, freshPlate(), randomIdNumber(), "36.5").with(page("officer2")))
                .andExpect(status().isForbidden());
        // a grid worker registers no passages
        mvc.perform(passageForm("KK01", clientId, freshPlate(), randomIdNumber(), "36.5").with(page("grid1")))
                .andExpect(status().isForbidden());
        // no session any more: the page is told to sign in again (the sign-in page), the CSRF token of the old one is refused
        // (a script's request without a session is answered 401 "sign in again", see ErrorPagesIntegrationTests)
        MvcResult anonymous = mvc.perform(passageForm("KK01", clientId, freshPlate(), randomIdNumber(), "36.5")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        mvc.perform(post("/checkpoints/KK01/passages/queued").with(page("officer1")).param("clientId", clientId))
                .andExpect(status().isForbidden());
        assertThat(passagesWith(clientId)).isZero();
    }

    @Test
    void aScannedCodeOfAPassageSentLaterIsJudgedAsItStoodWhenThePassageHappened() throws Exception {
        String id = randomIdNumber();
        String phone = randomPhone();
        Declared green = codes.declare(new HealthDeclarationRequest(UUID.randomUUID(), "李晓红", "RESIDENT_ID", id, phone, VILLAGE,
                List.of(), null, List.of()), "10.77.0.1");
        Instant beforeRevocation = Instant.now();
        Thread.sleep(20);
        // the holder declares a fever afterwards: the green code is revoked
        codes.declare(new HealthDeclarationRequest(UUID.randomUUID(), "李晓红", "RESIDENT_ID", id, phone, VILLAGE,
                List.of(), null, List.of("FEVER")), "10.77.0.2");
        assertThat(codes.verify(green.code().token()).problem()).isEqualTo("REVOKED");

        // captured before the revocation (the phone checked the revocations it had), sent now: the green holder passed
        String clientId = newClientId();
        mvc.perform(codeHolder(clientId, green.code().token()).param("recordedAt", beforeRevocation.atOffset(ZoneOffset.UTC).toString())
                .with(page("officer1"))).andExpect(status().isCreated());
        Map<String, Object> row = jdbc.sql("""
                        select o.health_code_color, o.name from occupant o join passage p on p.id = o.passage_id
                        where p.client_id = ?::uuid""").param(clientId).query().singleRow();
        assertThat(row.get("health_code_color")).isEqualTo("GREEN");
        assertThat(row.get("name")).isEqualTo("李晓红");

        // captured now: the code is revoked
        String late = newClientId();
        MvcResult refused = mvc.perform(codeHolder(late, green.code().token()).with(page("officer1")))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(refused, "$.errors['occupants[0].healthCode']")).isNotBlank();
        assertThat(passagesWith(late)).isZero();
    }

    MockHttpServletRequestBuilder codeHolder(String clientId, String token) {
        return post("/checkpoints/{code}/passages/queued", "KK01").with(csrf()).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("clientId", clientId).param("direction", "ENTERING").param("vehicleType", "PEDESTRIAN")
                .param("originProvince", "61").param("originCity", "6108").param("originCounty", "610802")
                .param("destinationTown", "610881106").param("destinationArea", VILLAGE)
                .param("occupants[0].healthCode", token).param("occupants[0].temperature", "36.6");
    }

    // ------------------------------------------------------------------ checks

    long episode() throws Exception {
        MvcResult returnee = mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "刘德明", "idNumber": "%s", "phone": "%s", "originCode": "420102",
                         "arrivedOn": "%s", "transportMode": "TRAIN", "transportDetail": "G402", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), randomIdNumber(), randomPhone(), today().minusDays(1), VILLAGE)))
                .andExpect(status().isCreated()).andReturn();
        long returneeId = ((Number) read(returnee, "$.id")).longValue();
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returneeId).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
    }

    MockHttpServletRequestBuilder checkForm(long episode, String clientId, String slot, String temperature) {
        return post("/observation/episodes/{id}/checks/queued", episode).with(csrf()).with(page("grid1"))
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("clientId", clientId).param("date", today().toString()).param("slot", slot).param("temperature", temperature);
    }

    long checksOf(long episode) {
        return count("select count(*) from observation_check where episode_id = ? and not missed", episode);
    }

    @Test
    void aCheckSentTwiceIsStoredOnceAndAnotherCheckOfTheSameSlotIsStillRefused() throws Exception {
        long episode = episode();
        String clientId = newClientId();
        MvcResult first = mvc.perform(checkForm(episode, clientId, "MORNING", "36.6")).andExpect(status().isCreated()).andReturn();
        assertThat((Boolean) read(first, "$.created")).isTrue();
        assertThat((Boolean) read(first, "$.abnormal")).isFalse();
        assertThat((String) read(first, "$.url")).isEqualTo("/observation/episodes/" + episode);
        MvcResult again = mvc.perform(checkForm(episode, clientId, "MORNING", "36.6")).andExpect(status().isOk()).andReturn();
        assertThat((Boolean) read(again, "$.created")).isFalse();
        assertThat(checksOf(episode)).isEqualTo(1);
        assertThat(count("select count(*) from observation_check where client_id = ?::uuid", clientId)).isEqualTo(1);

        // another check of the slot (another device, a second entry) is a different check: refused, nothing stored
        MvcResult other = mvc.perform(checkForm(episode, newClientId(), "MORNING", "36.9")).andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(other, "$.errors.slot")).isEqualTo("该时段已记录过体温");
        // the same client id for another person's check: refused
        long otherEpisode = episode();
        MvcResult reused = mvc.perform(checkForm(otherEpisode, clientId, "MORNING", "36.6")).andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(reused, "$.errors.clientId")).isNotBlank();
        assertThat(checksOf(otherEpisode)).isZero();
        // not a client id, no temperature: messages per field
        MvcResult bad = mvc.perform(checkForm(episode, "not-a-uuid", "EVENING", "")).andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(bad, "$.errors.clientId")).contains("not-a-uuid");
        MvcResult noDate = mvc.perform(checkForm(episode, newClientId(), "EVENING", "36.5").param("date", "31.02."))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(noDate, "$.errors.date")).isNotBlank();
        assertThat(checksOf(episode)).isEqualTo(1);
    }

    @Test
    void anAbnormalCheckRepeatedAnswersItsReferralAndOpensNoSecond() throws Exception {
        long episode = episode();
        String clientId = newClientId();
        MvcResult first = mvc.perform(checkForm(episode, clientId, "EVENING", "38.1")).andExpect(status().isCreated()).andReturn();
        assertThat((Boolean) read(first, "$.abnormal")).isTrue();
        // through the API, with the same client id (a device's retry): the stored check, its referral, nothing new
        MvcResult api = mvc.perform(post("/api/v1/observation/episodes/{id}/checks", episode).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"clientId": "%s", "date": "%s", "slot": "EVENING", "temperature": 38.1, "symptoms": []}"""
                                .formatted(clientId, today())))
                .andExpect(status().isOk()).andReturn();
        assertThat((Boolean) read(api, "$.created")).isFalse();
        assertThat((Boolean) read(api, "$.abnormal")).isTrue();
        long referral = ((Number) read(api, "$.referralId")).longValue();
        assertThat(count("select count(*) from referral where episode_id = ?", episode)).isEqualTo(1);
        assertThat(count("select count(*) from referral where id = ? and episode_id = ?", referral, episode)).isEqualTo(1);
        assertThat(checksOf(episode)).isEqualTo(1);
        // the page's form POST with the same id: "saved", no error about the slot
        MvcResult form = mvc.perform(post("/observation/episodes/{id}/checks", episode).with(csrf()).with(page("grid1"))
                        .param("clientId", clientId).param("date", today().toString()).param("slot", "EVENING").param("temperature", "38.1"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((Map<String, Object>) form.getFlashMap()).containsKey("abnormal").doesNotContainKey("errors");
        assertThat(checksOf(episode)).isEqualTo(1);
    }

    @Test
    void aRoleWithoutChecksAndAnotherVillagesRecordsAreRefused() throws Exception {
        long episode = episode();
        mvc.perform(post("/observation/episodes/{id}/checks/queued", episode).with(csrf()).with(page("officer1"))
                .param("clientId", newClientId()).param("temperature", "36.5")).andExpect(status().isForbidden());
        mvc.perform(post("/observation/episodes/{id}/checks/queued", 987654321L).with(csrf()).with(page("grid1"))
                .param("clientId", newClientId()).param("temperature", "36.5")).andExpect(status().isNotFound());
        assertThat(checksOf(episode)).isZero();
    }

    // ------------------------------------------------------------------ sign-in that returns

    @Test
    void signingInReturnsToThePageThatAskedOnlyWhenItIsAPageOfThePlatform() throws Exception {
        String back = "/checkpoints/KK01/passages/new?offline=" + UUID.randomUUID();
        MvcResult ok = mvc.perform(post("/login").with(csrf()).with(address(1)).param("username", "officer1").param("password", DEMO_PASSWORD)
                .param("next", back)).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo(back);
        for (String elsewhere : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "/login?error", "/logout",
                "/checkpoints\r\nSet-Cookie: x=1", "javascript:alert(1)", "/" + "a".repeat(600))) {
            MvcResult r = mvc.perform(post("/login").with(csrf()).with(address(2)).param("username", "officer1")
                    .param("password", DEMO_PASSWORD).param("next", elsewhere)).andExpect(status().is3xxRedirection()).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).as(elsewhere).isEqualTo("/");
        }
        // a mistyped password keeps where to return
        MvcResult wrong = mvc.perform(post("/login").with(csrf()).with(address(3)).param("username", "officer1").param("password", "nope")
                .param("next", back)).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(wrong.getResponse().getRedirectedUrl()).startsWith("/login?error&next=%2Fcheckpoints%2FKK01%2Fpassages%2Fnew%3Foffline%3D");
        MvcResult again = mvc.perform(get(java.net.URI.create(wrong.getResponse().getRedirectedUrl()))).andExpect(status().isOk()).andReturn();
        assertThat(body(again)).contains("<input type=\"hidden\" name=\"next\" value=\"" + back + "\">");
        // the page that sent the officer here says that what was entered is kept
        MvcResult asked = mvc.perform(get("/login").param("next", back)).andExpect(status().isOk()).andReturn();
        assertThat(body(asked)).contains("id=\"login-kept\"").contains("记录已保存在本机");
    }

    static RequestPostProcessor address(int n) {
        return r -> {
            r.setRemoteAddr("10.76.0." + n);
            return r;
        };
    }
}
