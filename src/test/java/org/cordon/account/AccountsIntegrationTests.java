package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** Accounts: validation, adaptive password hashes, and the sign-in memory that must never outlive a change. */
class AccountsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    CachingAuthenticationProvider authentication;

    private String newOfficer(String password) {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, password, "测试执勤员", Role.OFFICER, null, Set.of("KK03")));
        return username;
    }

    @Test
    void passwordsAreStoredAsAdaptiveHashes() {
        String username = newOfficer("correct-horse");
        String hash = jdbc.sql("select password_hash from account where username = ?").param(username).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct-horse");
    }

    @Test
    void anInvalidAccountIsRejectedWholeAndStoresNothing() {
        long before = count("select count(*) from account");
        assertThatThrownBy(() -> accounts.createAccount(new NewAccount("x", "short", " ", Role.OFFICER, null, Set.of("KK99"))))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.code())
                        .contains("username:validation.account.username", "password:validation.password.tooShort",
                                "displayName:validation.required", "checkpointCodes:validation.checkpoint.unknown"));
        assertThat(count("select count(*) from account")).isEqualTo(before);
    }

    @Test
    void aRememberedSignInEndsWhenThePasswordChangesOrTheAccountIsDisabled() {
        String username = newOfficer("first-password");
        var first = UsernamePasswordAuthenticationToken.unauthenticated(username, "first-password");
        assertThat(authentication.authenticate(first).isAuthenticated()).isTrue();
        // remembered: accepted again
        assertThat(authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "first-password"))
                .getPrincipal()).isInstanceOf(CordonUser.class);
        assertThatThrownBy(() -> authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "wrong-password")))
                .isInstanceOf(BadCredentialsException.class);

        long id = accounts.loadUserByUsername(username).id();
        accounts.changePassword(id, "second-password");
        assertThatThrownBy(() -> authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "first-password")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "second-password"))
                .isAuthenticated()).isTrue();

        accounts.setEnabled(id, false);
        assertThatThrownBy(() -> authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "second-password")))
                .isInstanceOf(DisabledException.class);
    }

    @Test
    void theApiTellsTheCallerTheirJurisdiction() throws Exception {
        String username = newOfficer("api-password");
        mvc.perform(get("/api/v1/me").with(httpBasic(username, "api-password")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("OFFICER"))
                .andExpect(jsonPath("$.checkpointCodes[0]").value("KK03"));
        mvc.perform(get("/api/v1/checkpoints/KK01/passages").with(httpBasic(username, "api-password")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/me").with(httpBasic(username, "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void rolesWithoutATaskInScreeningOrObservationSeeNoPersonalRecordsWhateverTheirArea() throws Exception {
        for (Role role : new Role[] {Role.WORKING_GROUP, Role.SUPPLIES_CLERK, Role.VOLUNTEER_COORDINATOR}) {
            String username = "r" + UUID.randomUUID().toString().substring(0, 8);
            accounts.createAccount(new NewAccount(username, "role-password", "城市级" + role, role, "610881", Set.of()));
            mvc.perform(get("/api/v1/checkpoints").with(httpBasic(username, "role-password")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
            mvc.perform(get("/api/v1/checkpoints/KK01/passages").with(httpBasic(username, "role-password")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/returnees").with(httpBasic(username, "role-password"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/observation/worklist").with(httpBasic(username, "role-password"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/referrals").with(httpBasic(username, "role-password"))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/people").param("q", "王").with(httpBasic(username, "role-password"))).andExpect(status().isForbidden());
        }
    }

    @Test
    void theStartPageFollowsTheRole() throws Exception {
        java.util.Map<String, String> expected = java.util.Map.of("commander", "/dashboard", "officer1", "/checkpoints",
                "admin", "/checkpoints", "grid1", "/observation", "medic", "/observation");
        for (var entry : expected.entrySet()) {
            mvc.perform(get("/").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                            .user(accounts.loadUserByUsername(entry.getKey()))))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(entry.getValue()));
        }
        String clerk = newAccount(Role.SUPPLIES_CLERK);
        mvc.perform(get("/").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                        .user(accounts.loadUserByUsername(clerk))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/supplies"));
    }

    private String newAccount(Role role) {
        String username = "s" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, "role-password", "测试", role, "610881", Set.of()));
        return username;
    }
}
