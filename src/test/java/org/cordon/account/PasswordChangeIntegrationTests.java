package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The password policy where passwords are set, one's own change (page and API), and the administrator's reset. */
class PasswordChangeIntegrationTests extends IntegrationTestSupport {

    static final String GOOD = "tea by the checkpoint stove";

    @Autowired
    AccountManagement accounts;

    static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    static String address() {
        return "10.76." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    String newOfficer() {
        String username = "pw" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, GOOD, "改密测试", Role.OFFICER, null, Set.of("KK03")));
        return username;
    }

    String change(String current, String next) {
        return "{\"currentPassword\": %s, \"newPassword\": %s}".formatted(json(current), json(next));
    }

    static String json(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void theApiRefusesPasswordsThePolicyRefusesWithClearMessagesAndChangesNothing() throws Exception {
        String name = newOfficer();
        String hash = jdbc.sql("select password_hash from account where username = ?").param(name).query(String.class).single();
        record Case(String password, String code, String message) {
        }
        List<Case> cases = List.of(
                new Case("12345678", "validation.password.tooShort", "The password needs at least 12 characters"),
                new Case("password1234", "validation.password.common", "This is a common password"),
                new Case("qwertyuiop12", "validation.password.common", "This is a common password"),
                new Case("my-" + name + "-pass", "validation.password.username", "must not contain the user name"),
                new Case("长".repeat(25), "validation.password.tooManyBytes", "at most 72 bytes (UTF-8; a Chinese character takes 3); it has 75"),
                new Case(GOOD, "validation.password.unchanged", "must differ from the current one"));
        for (Case c : cases) {
            mvc.perform(post("/api/v1/me/password").with(httpBasic(name, GOOD)).with(from(address())).header("Accept-Language", "en")
                            .contentType(MediaType.APPLICATION_JSON).content(change(GOOD, c.password())))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("newPassword"))
                    .andExpect(jsonPath("$.errors[0].code").value(c.code()))
                    .andExpect(result -> assertThat(body(result)).contains(c.message()));
        }
        mvc.perform(post("/api/v1/me/password").with(httpBasic(name, GOOD)).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("currentPassword", "newPassword")));
        assertThat(jdbc.sql("select password_hash from account where username = ?").param(name).query(String.class).single())
                .isEqualTo(hash);
    }

    @Test
    void theAdministratorsAccountFormAppliesThePolicy() throws Exception {
        CordonUser admin = accounts.loadUserByUsername("admin");
        String name = "np" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/admin/accounts").with(user(admin)).with(csrf()).param("username", name).param("password", "12345678")
                        .param("displayName", "新账号").param("role", "MEDIC").param("areaCode", "610881"))
                .andExpect(redirectedUrl("/admin/accounts"))
                .andExpect(flash().attribute("errors", org.hamcrest.Matchers.hasEntry(org.hamcrest.Matchers.is("password"),
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("密码至少需要 12 个字符"),
                                org.hamcrest.Matchers.containsString("这是常见密码")))));
        assertThat(accounts.exists(name)).isFalse();
        mvc.perform(post("/admin/accounts").with(user(admin)).with(csrf()).param("username", name).param("password", GOOD)
                .param("displayName", "新账号").param("role", "MEDIC").param("areaCode", "610881")).andExpect(flash().attribute("saved", true));
        assertThat(accounts.exists(name)).isTrue();
    }

    @Test
    void anAccountChangesItsPasswordThroughTheApiWithTheCurrentOneAndAWrongCurrentOneCounts() throws Exception {
        String name = newOfficer();
        String next = "a new sentence for " + UUID.randomUUID().toString().substring(0, 4);
        mvc.perform(post("/api/v1/me/password").with(httpBasic(name, GOOD)).with(from(address())).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(change("not-the-current-one", next)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("validation.password.currentWrong"));
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(1);

        mvc.perform(post("/api/v1/me/password").with(httpBasic(name, GOOD)).contentType(MediaType.APPLICATION_JSON).content(change(GOOD, next)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(name, next))).andExpect(status().isOk());
        assertThat(count("select count(*) from audit_entry where username = ? and action = 'PASSWORD_CHANGED'", name)).isEqualTo(1);
    }

    @Test
    void anAccountChangesItsPasswordOnThePageLinkedFromTheUserMenu() throws Exception {
        String name = newOfficer();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).session(session).param("username", name).param("password", GOOD))
                .andExpect(redirectedUrl("/"));
        String page = body(mvc.perform(get("/account/password").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("href=\"/account/password\"").contains("id=\"password-form\"").doesNotContain("nav-two-factor");

        String mismatch = body(mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", GOOD)
                .param("newPassword", "another sentence here").param("confirmPassword", "another sentence her")).andReturn());
        assertThat(mismatch).contains("两次输入的新密码不一致");
        String common = body(mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", GOOD)
                .param("newPassword", "password1234").param("confirmPassword", "password1234").param("lang", "en")).andReturn());
        assertThat(common).contains("This is a common password").contains("aria-invalid=\"true\"");

        String next = "another sentence here";
        mvc.perform(post("/account/password").session(session).with(csrf()).param("currentPassword", GOOD)
                        .param("newPassword", next).param("confirmPassword", next))
                .andExpect(redirectedUrl("/account/password")).andExpect(flash().attribute("passwordChanged", true));
        mvc.perform(get("/checkpoints").session(session)).andExpect(status().isOk());
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", next)).andExpect(redirectedUrl("/"));
    }

    @Test
    void anAdministratorsResetForcesAChangeAtTheNextSignInOnPagesAndInTheApi() throws Exception {
        String name = newOfficer();
        long id = accounts.loadUserByUsername(name).id();
        // the account is signed in on a page already when the reset comes
        MockHttpSession earlier = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).session(earlier).param("username", name).param("password", GOOD))
                .andExpect(redirectedUrl("/"));

        MvcResult reset = mvc.perform(post("/api/v1/accounts/{id}/password-reset", id).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.changeRequired").value(true)).andReturn();
        String temporary = read(reset, "$.temporaryPassword");
        assertThat(temporary).matches("[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}");
        assertThat(count("select count(*) from audit_entry where username = 'admin' and action = 'PASSWORD_RESET' and record_id = ?",
                String.valueOf(id))).isEqualTo(1);
        mvc.perform(get("/api/v1/me").with(httpBasic(name, GOOD))).andExpect(status().isUnauthorized());

        // API: only who-am-I and the change itself until the password is changed
        mvc.perform(get("/api/v1/checkpoints").with(httpBasic(name, temporary)).header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:password-change-required"))
                .andExpect(jsonPath("$.title").value("Change the password first"));
        mvc.perform(get("/api/v1/me").with(httpBasic(name, temporary))).andExpect(status().isOk());
        // pages: the session signed in before the reset, and a new sign-in, only reach the change page
        mvc.perform(get("/checkpoints").session(earlier)).andExpect(redirectedUrl("/account/password"));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").with(csrf()).session(session).param("username", name).param("password", temporary))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/checkpoints").session(session)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/admin/accounts").session(session)).andExpect(status().isForbidden());
        String page = body(mvc.perform(get("/account/password").session(session)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"password-required\"");

        String next = "my own sentence again";
        mvc.perform(post("/api/v1/me/password").with(httpBasic(name, temporary)).contentType(MediaType.APPLICATION_JSON)
                .content(change(temporary, next))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/checkpoints").with(httpBasic(name, next))).andExpect(status().isOk());
        mvc.perform(get("/checkpoints").session(session)).andExpect(status().isOk());
    }

    @Test
    void theAdministratorResetsOnTheAccountsPageAndSeesTheTemporaryPasswordOnce() throws Exception {
        String name = newOfficer();
        long id = accounts.loadUserByUsername(name).id();
        CordonUser admin = accounts.loadUserByUsername("admin");
        MvcResult reset = mvc.perform(post("/admin/accounts/{id}/password-reset", id).with(user(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/accounts")).andReturn();
        String temporary = (String) reset.getFlashMap().get("temporaryPassword");
        assertThat(temporary).hasSize(19);
        mvc.perform(post("/login").with(csrf()).param("username", name).param("password", temporary))
                .andExpect(redirectedUrl("/account/password"));
        String list = body(mvc.perform(get("/admin/accounts").with(user(admin))).andReturn());
        assertThat(list).doesNotContain(temporary).contains("须修改密码");
        mvc.perform(post("/api/v1/accounts/{id}/password-reset", 987654321L).with(as("admin")).header("X-Cordon-Client", "test")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/accounts/{id}/password-reset", id).with(as("officer1")).header("X-Cordon-Client", "test")).andExpect(status().isForbidden());
    }
}
