package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.notice.NoticeFixtures.COMMANDER;
import static org.cordon.notice.NoticeFixtures.cityNow;
import static org.cordon.notice.NoticeFixtures.closing;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.shared.Masking;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The public portal without sign-in: pages readable anonymously and free of personal data, the self-report
 * hand-over to the grid worker, volunteer sign-up, and the abuse protection of the forms (rate limit,
 * honeypot, size limits, validation).
 */
@RecordApplicationEvents
class PortalIntegrationTests extends IntegrationTestSupport {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);
    private static final Pattern CONFIRMATION = Pattern.compile("id=\"confirmation-number\">([A-Z0-9]{8})<");

    @Autowired
    NoticeManagement notices;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    AccountManagement accounts;

    /** Each test its own client address, so that the rate limit of one test does not affect another. */
    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String newClient() {
        int n = CLIENTS.getAndIncrement();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    MockHttpServletRequestBuilder selfReport(String name, String idNumber, String phone) {
        return post("/portal/self-report").with(csrf())
                .param("name", name).param("idType", "RESIDENT_ID").param("idNumber", idNumber).param("phone", phone)
                .param("originProvince", "42").param("originCity", "4201").param("originCounty", "420102")
                .param("leftRiskAreaOn", today().minusDays(2).toString()).param("arrivedOn", today().minusDays(1).toString())
                .param("transportMode", "TRAIN").param("transportDetail", "G402")
                .param("destinationTown", "610881106").param("destinationCode", "610881106201").param("destinationAddress", "3组12号")
                .param("website", "");
    }

    @Test
    void portalPagesAreReadableWithoutSignIn() throws Exception {
        String page = body(mvc.perform(get("/portal")).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("现行通告").contains("关闭的场所").contains("12345").contains("勤洗手、戴口罩");
        mvc.perform(get("/portal/self-report")).andExpect(status().isOk());
        mvc.perform(get("/portal/volunteer")).andExpect(status().isOk());
        mvc.perform(get("/portal/api/status")).andExpect(status().isOk()).andExpect(jsonPath("$.hotlines[0].phone").exists());
        mvc.perform(get("/portal/ref/division-options").param("originProvince", "42")).andExpect(status().isOk());
        mvc.perform(get("/portal/ref/place-options").param("destinationTown", "610881106")).andExpect(status().isOk());
        String english = body(mvc.perform(get("/portal").param("lang", "en")).andExpect(status().isOk()).andReturn());
        assertThat(english).contains("Closed venues").contains("Hotlines");
        // without JavaScript, "update choices" shows the cities of the chosen province and stores nothing
        long receipts = count("select count(*) from self_report");
        assertThat(body(mvc.perform(post("/portal/self-report").with(csrf()).with(from(newClient()))
                        .param("refresh", "1").param("originProvince", "42").param("name", "王五"))
                .andExpect(status().isOk()).andReturn())).contains("武汉市").contains("value=\"王五\"").doesNotContain("id=\"form-errors\"");
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
        // the first published article (other tests add drafts)
        long advice = notices.allAdvice(COMMANDER).stream().filter(a -> a.published()).findFirst().orElseThrow().id();
        mvc.perform(get("/portal/advice/{id}", advice)).andExpect(status().isOk());
    }

    @Test
    void draftsAreNotPublicRevokedNoticesSayTheyWereRevoked() throws Exception {
        NoticeView draft = notices.createDraft(COMMANDER, closing("尚未发布的草稿", cityNow(), null));
        mvc.perform(get("/portal/notices/{id}", draft.id())).andExpect(status().isNotFound());
        assertThat(body(mvc.perform(get("/portal")).andReturn())).doesNotContain("尚未发布的草稿");

        notices.publish(COMMANDER, draft.id());
        assertThat(body(mvc.perform(get("/portal/notices/{id}", draft.id())).andExpect(status().isOk()).andReturn()))
                .contains("尚未发布的草稿").doesNotContain("commander");
        notices.revoke(COMMANDER, draft.id(), "内容有误");
        assertThat(body(mvc.perform(get("/portal/notices/{id}", draft.id())).andExpect(status().isOk()).andReturn()))
                .contains("id=\"notice-revoked\"").contains("内容有误");
        long hidden = notices.addAdvice(COMMANDER, "未公开的文章", "正文", false, 99);
        mvc.perform(get("/portal/advice/{id}", hidden)).andExpect(status().isNotFound());
    }

    @Test
    void aSelfReportReachesTheGridWorkerAsUnverifiedAndOnlyTheConfirmationNumberComesBack(ApplicationEvents events) throws Exception {
        String name = "申报" + (char) ('甲' + CLIENTS.get() % 50) + "明";
        String id = randomIdNumber();
        String phone = randomPhone();
        long receipts = count("select count(*) from self_report");

        String page = body(mvc.perform(selfReport(name, id, phone).with(from(newClient()))).andExpect(status().isOk()).andReturn());

        Matcher m = CONFIRMATION.matcher(page);
        assertThat(m.find()).as("the page shows a confirmation number").isTrue();
        String confirmation = m.group(1);
        assertThat(page).doesNotContain(name).doesNotContain(id).doesNotContain(phone).doesNotContain(id.substring(0, 6) + "*")
                .doesNotContain("3组12号");
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts + 1);
        assertThat(count("select count(*) from self_report where confirmation = ?", confirmation)).isEqualTo(1);
        assertThat(events.stream(SelfReportReceived.class)).hasSize(1);

        String list = body(mvc.perform(get("/api/v1/returnees").param("status", "UNVERIFIED").param("size", "200").with(as("grid1")))
                .andExpect(status().isOk()).andReturn());
        String masked = Masking.idNumber(id);
        assertThat(list).contains(masked);
        mvc.perform(get("/api/v1/returnees").param("status", "UNVERIFIED").param("size", "200").with(as("grid1")))
                .andExpect(jsonPath("$.items[?(@.person.idNumber == '" + masked + "')].source").value("SELF_REPORT"))
                .andExpect(jsonPath("$.items[?(@.person.idNumber == '" + masked + "')].responsibleUsername").value("grid1"))
                .andExpect(jsonPath("$.items[?(@.person.idNumber == '" + masked + "')].destinationCode").value("610881106201"));
        // and the public pages never show it
        assertThat(body(mvc.perform(get("/portal")).andReturn())).doesNotContain(name).doesNotContain(masked);
        assertThat(body(mvc.perform(get("/portal/api/status")).andReturn())).doesNotContain(name).doesNotContain(masked);
    }

    /** The answer page without what differs between any two answers (the confirmation number, the CSRF token). */
    static String withoutPerRequestValues(String page) {
        return CONFIRMATION.matcher(page).replaceAll("id=\"confirmation-number\">X<")
                .replaceAll("name=\"_csrf\" content=\"[^\"]*\"", "name=\"_csrf\"");
    }

    @Test
    void aSelfReportNeverChangesARegisteredPersonAndAnswersAsForAnyoneElse() throws Exception {
        String known = randomIdNumber();
        String phone = randomPhone();
        mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "鲁大成", "idNumber": "%s", "phone": "%s", "originCode": "4201", "arrivedOn": "%s",
                         "destinationCode": "610881106201", "destinationAddress": "1组1号"}""".formatted(known, phone, today().minusDays(5))))
                .andExpect(status().isCreated());
        byte[] knownHash = cipher.hash("idNumber", "RESIDENT_ID::" + known);
        long persons = count("select count(*) from person");

        // someone reports the registered ID number with another name and phone; someone else a new person
        String otherPhone = randomPhone();
        String answerForKnown = body(mvc.perform(selfReport("鲁小成", known, otherPhone).with(from(newClient())))
                .andExpect(status().isOk()).andReturn());
        String answerForNew = body(mvc.perform(selfReport("鲁小成", randomIdNumber(), randomPhone()).with(from(newClient())))
                .andExpect(status().isOk()).andReturn());

        // the same answer either way: nothing tells whether the person was registered
        assertThat(withoutPerRequestValues(answerForKnown)).isEqualTo(withoutPerRequestValues(answerForNew));
        assertThat(count("select count(*) from person")).isEqualTo(persons + 1);
        // nothing of the registered person changed
        var stored = jdbc.sql("select name, phone_hash, address, updated_at = created_at from person where id_number_hash = ?")
                .param(knownHash).query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getBoolean(4)})
                .single();
        assertThat(stored[0]).isEqualTo("鲁大成");
        assertThat((byte[]) stored[1]).isEqualTo(cipher.hash("phone", phone));
        assertThat(stored[2]).isEqualTo("1组1号");
        assertThat(stored[3]).isEqualTo(true);

        // the grid worker sees the unverified self-report with the reported values as differing (masked) ...
        Matcher m = CONFIRMATION.matcher(answerForKnown);
        assertThat(m.find()).isTrue();
        long returnee = jdbc.sql("select id from returnee where source = 'SELF_REPORT' and source_ref = ?").param(m.group(1))
                .query(Long.class).single();
        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(as("grid1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNVERIFIED"))
                .andExpect(jsonPath("$.identityDiffers").value(true))
                .andExpect(jsonPath("$.reportedIdentity.reportedBy").value("self-report"))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'NAME')].reported").value(hasItem("鲁*成")))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].reported")
                        .value(hasItem(Masking.phone(otherPhone))))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'ADDRESS')].reported")
                        .value(hasItem("3组12号")));
        // ... on the page too, and keeps the registered identity
        String page = body(mvc.perform(get("/returnees/{id}", returnee)
                        .with(user(accounts.loadUserByUsername("grid1"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"identity-differs\"").contains("自主申报").contains("报告的电话“" + Masking.phone(otherPhone) + "”");
        mvc.perform(post("/api/v1/returnees/{id}/identity", returnee).with(as("grid1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.identityDiffers").value(false));
        assertThat(jdbc.sql("select name from person where id_number_hash = ?").param(knownHash).query(String.class).single())
                .isEqualTo("鲁大成");
    }

    @Test
    void anInvalidSelfReportStoresNothingAndSaysWhatIsWrongNextToTheFields() throws Exception {
        long returnees = count("select count(*) from returnee");
        long persons = count("select count(*) from person");
        long receipts = count("select count(*) from self_report");

        String page = body(mvc.perform(post("/portal/self-report").with(csrf()).with(from(newClient()))
                        .param("name", "王五").param("idType", "RESIDENT_ID").param("idNumber", "11010519491231002Y")
                        .param("phone", "12345").param("arrivedOn", today().plusDays(3).toString())
                        .param("destinationTown", "610881106").param("destinationCode", "610881106"))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("id=\"form-errors\"").contains("id=\"idNumber-error\"").contains("id=\"phone-error\"")
                .contains("id=\"originCode-error\"").contains("id=\"arrivedOn-error\"").contains("id=\"destinationCode-error\"")
                .contains("不能只选镇/街道").doesNotContain("id=\"name-error\"")
                .contains("value=\"王五\""); // the person's own input comes back in the form to be corrected
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        assertThat(count("select count(*) from person")).isEqualTo(persons);
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
    }

    @Test
    void overLongFieldsAndOversizedBodiesAreRefused() throws Exception {
        long receipts = count("select count(*) from self_report");
        String page = body(mvc.perform(selfReport("长".repeat(60), randomIdNumber(), randomPhone()).with(from(newClient()))
                        .param("destinationAddress", "址".repeat(300)))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"name-error\"").contains("不能超过 200 个字");
        mvc.perform(selfReport("赵六", randomIdNumber(), randomPhone()).with(from(newClient()))
                        .content("note=" + "x".repeat(20_000)).contentType("application/x-www-form-urlencoded"))
                .andExpect(status().isContentTooLarge());
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
    }

    @Test
    void formsNeedTheCsrfTokenOfThePage() throws Exception {
        long receipts = count("select count(*) from self_report");
        mvc.perform(post("/portal/self-report").with(from(newClient())).param("name", "无令牌")).andExpect(status().isForbidden());
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
    }

    @Test
    void theSixthSubmissionWithinTheWindowIsRefusedWith429() throws Exception {
        String client = newClient();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/portal/volunteer").with(csrf()).with(from(client)).param("name", "").param("phone", ""))
                    .andExpect(status().isOk());
        }
        String page = body(mvc.perform(post("/portal/volunteer").with(csrf()).with(from(client))
                        .param("name", "李四").param("phone", randomPhone()))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After")).andReturn());
        assertThat(page).contains("提交过于频繁");
        // another address, or the other form, is not affected
        mvc.perform(post("/portal/volunteer").with(csrf()).with(from(newClient())).param("name", "").param("phone", ""))
                .andExpect(status().isOk());
        mvc.perform(post("/portal/self-report").with(csrf()).with(from(client)).param("name", "")).andExpect(status().isOk());
    }

    @Test
    void theHoneypotDropsASubmissionSilently() throws Exception {
        long receipts = count("select count(*) from self_report");
        long returnees = count("select count(*) from returnee");
        long signups = count("select count(*) from volunteer_signup");
        String page = body(mvc.perform(selfReport("机器人", randomIdNumber(), randomPhone()).with(from(newClient()))
                        .param("website", "http://spam.example"))
                .andExpect(status().isOk()).andReturn());
        assertThat(CONFIRMATION.matcher(page).find()).as("looks like a success").isTrue();
        mvc.perform(post("/portal/volunteer").with(csrf()).with(from(newClient())).param("name", "机器人").param("phone", randomPhone())
                .param("website", "http://spam.example")).andExpect(status().isOk());
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        assertThat(count("select count(*) from volunteer_signup")).isEqualTo(signups);
    }

    @Test
    void aVolunteerSignUpIsStoredWithTheEncryptedPhoneOnceAndListedMaskedForStaff() throws Exception {
        String phone = randomPhone();
        String name = NoticeFixtures.unique("志愿者");
        long before = count("select count(*) from volunteer_signup");
        String page = body(mvc.perform(post("/portal/volunteer").with(csrf()).with(from(newClient()))
                        .param("name", name).param("phone", phone).param("areaCode", "610881103")
                        .param("organisation", "神木中学〔示例〕").param("skills", "驾驶").param("availability", "周末"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"volunteer-done\"").doesNotContain(phone);
        assertThat(count("select count(*) from volunteer_signup")).isEqualTo(before + 1);

        byte[] stored = jdbc.sql("select phone_enc from volunteer_signup where name = ?").param(name).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(phone);
        assertThat(cipher.decrypt(PortalManagement.PHONE_FIELD, stored)).isEqualTo(phone);
        assertThat(jdbc.sql("select status from volunteer_signup where name = ?").param(name).query(String.class).single())
                .isEqualTo("RESERVE");

        // the same phone again with other skills, a note and nothing else: one sign-up, only the empty note filled in,
        // nothing replaced or erased (the name, area, organisation, skills and availability stay)
        mvc.perform(post("/portal/volunteer").with(csrf()).with(from(newClient()))
                .param("name", "别人").param("phone", phone).param("skills", "驾驶、医护").param("note", "可值夜班"))
                .andExpect(status().isOk());
        assertThat(count("select count(*) from volunteer_signup")).isEqualTo(before + 1);

        mvc.perform(get("/api/v1/volunteer-signups").with(as("commander"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].maskedPhone").value(Masking.phone(phone)))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].skills").value("驾驶"))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].areaCode").value("610881103"))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].organisation").value("神木中学〔示例〕"))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].availability").value("周末"))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].note").value("可值夜班"))
                .andExpect(jsonPath("$[?(@.name == '别人')]").isEmpty());
        assertThat(body(mvc.perform(get("/api/v1/volunteer-signups").with(as("commander"))).andReturn())).doesNotContain(phone);
        mvc.perform(get("/api/v1/volunteer-signups").with(as("grid1"))).andExpect(status().isForbidden());
    }
}
