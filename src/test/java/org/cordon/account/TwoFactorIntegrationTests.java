package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * TOTP second factor, as a commander uses it: enrol with the QR code's secret, sign in with password then
 * code, a wrong or reused code refused, recovery codes once each, HTTP Basic refused for such accounts.
 */
class TwoFactorIntegrationTests extends IntegrationTestSupport {

    static final String GOOD = "the command post at dawn";
    static final Pattern SECRET = Pattern.compile("id=\"two-factor-secret\">([A-Z2-7]+)<");
    static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>");

    @Autowired
    AccountManagement accounts;

    final Totp totp = new Totp();
    final String address = "10.75." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));

    RequestPostProcessor from() {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    String newCommander() {
        String username = "tf" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, GOOD, "两步验证测试", Role.COMMANDER, "610881", Set.of()));
        return username;
    }

    /** Codes of the steps before, at and after now are accepted: start well inside a 30-second step. */
    static long stepNow() throws InterruptedException {
        while (Instant.now().getEpochSecond() % Totp.PERIOD_SECONDS > Totp.PERIOD_SECONDS - 6) {
            Thread.sleep(500);
        }
        return Totp.step(Instant.now());
    }

    MockHttpSession signInWithPassword(String name) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).with(from()).session(session).param("username", name).param("password", GOOD))
                .andExpect(redirectedUrl("/login/code"));
        return session;
    }

    record Enrolled(String secret, List<String> recoveryCodes, long step) {
    }

    Enrolled enrol(String name) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).session(session).param("username", name).param("password", GOOD))
                .andExpect(redirectedUrl("/"));
        String page = body(mvc.perform(get("/account/two-factor").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"two-factor-qr\"").contains("src=\"data:image/png;base64,").contains("nav-two-factor");
        Matcher m = SECRET.matcher(page);
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        // the page keeps one secret per session until it is confirmed
        assertThat(body(mvc.perform(get("/account/two-factor").session(session)).andReturn())).contains(secret);

        long step = stepNow();
        String wrong = body(mvc.perform(post("/account/two-factor").session(session).with(csrf())
                .param("code", totp.code(secret, step + 5))).andReturn());
        assertThat(wrong).contains("验证码不正确或已用过");
        String done = body(mvc.perform(post("/account/two-factor").session(session).with(csrf())
                .param("code", totp.code(secret, step - 1))).andExpect(status().isOk()).andReturn());
        List<String> codes = new ArrayList<>();
        Matcher r = RECOVERY.matcher(done);
        while (r.find()) {
            codes.add(r.group(1));
        }
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}"));
        assertThat(done).contains("id=\"two-factor-on\"");
        return new Enrolled(secret, codes, step - 1);
    }

    @Test
    void aCommanderEnrolsAndThenSignsInWithPasswordAndCodeAWrongOrReusedCodeIsRefused() throws Exception {
        String name = newCommander();
        Enrolled enrolled = enrol(name);
        long id = accounts.loadUserByUsername(name).id();
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'TWO_FACTOR_ENABLED'", name)).isEqualTo(1);
        // stored encrypted, recovery codes only as keyed hashes
        byte[] stored = jdbc.sql("select secret from account_totp where account_id = ?").param(id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(enrolled.secret());
        assertThat(count("select count(*) from account_recovery_code where account_id = ?", id)).isEqualTo(10);

        // the password alone reaches no page
        MockHttpSession session = signInWithPassword(name);
        mvc.perform(get("/dashboard").session(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/account/password").session(session)).andExpect(redirectedUrl("/login"));
        String codePage = body(mvc.perform(get("/login/code").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(codePage).contains("id=\"code-form\"");

        long step = enrolled.step() + 1;   // the enrolment used the step before
        String wrong = body(mvc.perform(post("/login/code").session(session).with(csrf()).with(from())
                .param("code", totp.code(enrolled.secret(), step + 10)).param("lang", "en")).andExpect(status().isOk()).andReturn());
        assertThat(wrong).contains("The code is wrong or was used already");
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(1);
        mvc.perform(get("/dashboard").session(session)).andExpect(redirectedUrl("/login"));

        String code = totp.code(enrolled.secret(), step);
        mvc.perform(post("/login/code").session(session).with(csrf()).with(from()).param("code", code.substring(0, 3) + " " + code.substring(3)))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk());
        assertThat(count("select count(*) from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isZero();

        // the same code again, within its window: refused
        MockHttpSession again = signInWithPassword(name);
        mvc.perform(post("/login/code").session(again).with(csrf()).with(from()).param("code", code)).andExpect(status().isOk());
        mvc.perform(get("/dashboard").session(again)).andExpect(redirectedUrl("/login"));
        // the code enrolment used is no sign-in code either
        mvc.perform(post("/login/code").session(again).with(csrf()).with(from()).param("code", totp.code(enrolled.secret(), enrolled.step())))
                .andExpect(status().isOk());
        mvc.perform(get("/dashboard").session(again)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void aRecoveryCodeSignsInOnceAndTenWrongCodesLockTheAccount() throws Exception {
        String name = newCommander();
        Enrolled enrolled = enrol(name);
        String recovery = enrolled.recoveryCodes().get(3);

        MockHttpSession session = signInWithPassword(name);
        mvc.perform(post("/login/code").session(session).with(csrf()).with(from()).param("code", recovery.toUpperCase().replace("-", " ")))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk());
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'RECOVERY_CODE_USED'", name)).isEqualTo(1);
        String status = body(mvc.perform(get("/account/two-factor").session(session).param("lang", "en")).andReturn());
        assertThat(status).contains("9 unused recovery codes are left");

        MockHttpSession second = signInWithPassword(name);
        mvc.perform(post("/login/code").session(second).with(csrf()).with(from()).param("code", recovery)).andExpect(status().isOk());
        mvc.perform(get("/dashboard").session(second)).andExpect(redirectedUrl("/login"));

        // wrong codes count like wrong passwords: delays, then the lock sends the half-signed-in session back to the start
        for (int i = 2; i <= 10; i++) {
            jdbc.sql("update signin_throttle set last_failure_at = last_failure_at - interval '10 minutes' where kind = 'ACCOUNT' and subject = ?")
                    .param(name).update();
            mvc.perform(post("/login/code").session(second).with(csrf()).with(from()).param("code", "000000")).andExpect(status().isOk());
        }
        var locked = mvc.perform(post("/login/code").session(second).with(csrf()).with(from())
                .param("code", enrolled.recoveryCodes().get(0))).andReturn();
        assertThat(locked.getResponse().getRedirectedUrl()).startsWith("/login?locked=");
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'SIGN_IN_LOCKED'", name)).isEqualTo(1);
        mvc.perform(get("/login/code").session(second)).andExpect(redirectedUrl("/login?expired"));
        mvc.perform(post("/login").with(csrf()).with(from()).param("username", name).param("password", GOOD))
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).startsWith("/login?locked="));
    }

    @Test
    void theRightPasswordAgainDoesNotForgetWrongCodesSoCodesCannotBeGuessedWithoutEnd() throws Exception {
        String name = newCommander();
        Enrolled enrolled = enrol(name);
        MockHttpSession session = signInWithPassword(name);
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/login/code").session(session).with(csrf()).with(from()).param("code", "000000")).andExpect(status().isOk());
        }
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(4);
        // the password again, on the form and with HTTP Basic (refused for such accounts, but the password is checked)
        MockHttpSession again = signInWithPassword(name);
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD))).andExpect(status().isForbidden());
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(4);
        // the fifth wrong code starts the delays: the right code is refused until it has passed
        mvc.perform(post("/login/code").session(again).with(csrf()).with(from()).param("code", "000000")).andExpect(status().isOk());
        var delayed = mvc.perform(post("/login/code").session(again).with(csrf()).with(from())
                .param("code", enrolled.recoveryCodes().get(0))).andReturn();
        assertThat(delayed.getResponse().getRedirectedUrl()).startsWith("/login?wait=");
        // the right code, once the delay is over, forgets them
        jdbc.sql("update signin_throttle set last_failure_at = last_failure_at - interval '10 minutes' where kind = 'ACCOUNT' and subject = ?")
                .param(name).update();
        MockHttpSession third = signInWithPassword(name);
        mvc.perform(post("/login/code").session(third).with(csrf()).with(from()).param("code", enrolled.recoveryCodes().get(1)))
                .andExpect(redirectedUrl("/"));
        assertThat(count("select count(*) from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isZero();
    }

    @Test
    void httpBasicIsRefusedForAnAccountWithASecondFactorItsTokensWorkAndAnAdministratorCanRemoveIt() throws Exception {
        String name = newCommander();
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD))).andExpect(status().isOk());   // remembered
        enrol(name);
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD)).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:second-factor-required"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Use an API token")));
        mvc.perform(get("/api/v1/dashboard").with(httpBasic(name, GOOD))).andExpect(status().isForbidden());
        // the API goes through a token for such an account
        String token = read(mvc.perform(post("/api/v1/tokens").with(as("admin")).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"%s\", \"name\": \"指挥员脚本\", \"kind\": \"INTEGRATION\"}".formatted(name)))
                .andExpect(status().isCreated()).andReturn(), "$.token");
        mvc.perform(get("/api/v1/dashboard").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(jsonPath("$.username").value(name));

        long id = accounts.loadUserByUsername(name).id();
        mvc.perform(delete("/api/v1/accounts/{id}/two-factor", id).with(as("officer1")).header("X-Cordon-Client", "test")).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/accounts/{id}/two-factor", id).with(as("admin")).header("X-Cordon-Client", "test")).andExpect(status().isNoContent());
        assertThat(count("select count(*) from account_recovery_code where account_id = ?", id)).isZero();
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD))).andExpect(status().isOk());
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", GOOD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void turningItOffTakesThePasswordAndACodeAndRolesWithoutThePermissionCannotEnrol() throws Exception {
        String name = newCommander();
        Enrolled enrolled = enrol(name);
        MockHttpSession session = signInWithPassword(name);
        long step = enrolled.step() + 1;
        mvc.perform(post("/login/code").session(session).with(csrf()).with(from()).param("code", totp.code(enrolled.secret(), step)))
                .andExpect(redirectedUrl("/"));

        String wrongPassword = body(mvc.perform(post("/account/two-factor/disable").session(session).with(csrf()).with(from())
                .param("password", "not my password").param("code", totp.code(enrolled.secret(), step + 1))).andReturn());
        assertThat(wrongPassword).contains("当前密码不正确");
        mvc.perform(post("/account/two-factor/disable").session(session).with(csrf()).with(from())
                        .param("password", GOOD).param("code", enrolled.recoveryCodes().get(0)))
                .andExpect(redirectedUrl("/account/two-factor"));
        assertThat(count("select count(*) from account_totp t join account a on a.id = t.account_id where a.username = ?", name)).isZero();
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'TWO_FACTOR_DISABLED'", name)).isEqualTo(1);
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", GOOD)).andExpect(redirectedUrl("/"));

        // officers, medics, grid workers ... have no second factor to enrol
        mvc.perform(get("/account/two-factor").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(accounts.loadUserByUsername("officer1")))).andExpect(status().isForbidden());
    }

    @Test
    void aSignInAskedForByAPageWhoseSessionExpiredReturnsThereAfterTheSecondFactor() throws Exception {
        String name = newCommander();
        Enrolled enrolled = enrol(name);
        String back = "/checkpoints/KK01/passages/new?offline=" + UUID.randomUUID();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).with(from()).session(session).param("username", name).param("password", GOOD)
                .param("next", back)).andExpect(redirectedUrl("/login/code"));
        mvc.perform(post("/login/code").session(session).with(csrf()).with(from()).param("code", enrolled.recoveryCodes().get(0)))
                .andExpect(redirectedUrl(back));
        // where to return is used once: the next sign-in of this session goes to the start page
        MockHttpSession again = signInWithPassword(name);
        mvc.perform(post("/login/code").session(again).with(csrf()).with(from()).param("code", enrolled.recoveryCodes().get(1)))
                .andExpect(redirectedUrl("/"));
    }
}
