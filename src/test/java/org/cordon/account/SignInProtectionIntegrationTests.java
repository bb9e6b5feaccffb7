package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Brute force against the sign-in (HTTP Basic and the form) is delayed, then locked, the right password
 * included, for the account name and for the client address; administrators lift locks; the state is in
 * the database. Each test uses its own accounts and client addresses (10.77.x.y), so the shared context's
 * other tests (all from 127.0.0.1) are never throttled.
 */
class SignInProtectionIntegrationTests extends IntegrationTestSupport {

    static final String GOOD = "night shift at the bridge";
    static final AtomicInteger ADDRESSES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    @Autowired
    AccountManagement accounts;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    SignInSettings settings;
    @Autowired
    AuditLog audit;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Clock clock;

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250 % 250) + "." + (1 + n % 250);
    }

    static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    String newOfficer() {
        String username = "bf" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, GOOD, "防爆破测试", Role.OFFICER, null, Set.of("KK03")));
        return username;
    }

    /** As if the delay after the last failure had passed: the failure is moved back in time (not past forget-after). */
    void letTheDelayPass(String kind, String subject) {
        jdbc.sql("update signin_throttle set last_failure_at = last_failure_at - interval '10 minutes' where kind = ? and subject = ?")
                .params(kind, subject).update();
    }

    int auditCount(String username, AuditLog.Action action) {
        return jdbc.sql("select count(*) from audit_entry where username = ? and action = ?").params(username, action.name())
                .query(Integer.class).single();
    }

    MockHttpServletRequestBuilder me(String username, String password, String address) {
        return get("/api/v1/me").with(httpBasic(username, password)).with(from(address)).header("Accept-Language", "en");
    }

    // ------------------------------------------------------------------ HTTP Basic

    @Test
    void bruteForceOverHttpBasicIsDelayedThenLockedTheRememberedRightPasswordIncludedUntilAnAdministratorUnlocks() throws Exception {
        String name = newOfficer();
        String address = newAddress();
        mvc.perform(me(name, GOOD, address)).andExpect(status().isOk());   // now remembered by the Basic cache

        for (int i = 1; i <= 5; i++) {
            mvc.perform(me(name, "guess-number-" + i, address)).andExpect(status().isUnauthorized());
        }
        // the fifth failure starts the delays: even the right (remembered) password is not checked now
        MvcResult delayed = mvc.perform(me(name, GOOD, address)).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:sign-in-throttled"))
                .andExpect(jsonPath("$.title").value("Too many failed sign-ins"))
                .andExpect(jsonPath("$.retryAfter").value(2)).andReturn();
        assertThat(read(delayed, "$.detail").toString()).contains("2 seconds");
        // and a refused attempt does not count
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(5);

        for (int i = 6; i <= 10; i++) {
            letTheDelayPass("ACCOUNT", name);
            mvc.perform(me(name, "guess-number-" + i, address)).andExpect(status().isUnauthorized());
        }
        letTheDelayPass("ACCOUNT", name);
        // locked: 15 minutes, from any address, the right password included
        for (String where : List.of(address, newAddress())) {
            mvc.perform(me(name, GOOD, where)).andExpect(status().isTooManyRequests())
                    .andExpect(jsonPath("$.title").value("Sign-in temporarily locked"))
                    .andExpect(result -> assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After")))
                            .isBetween(14 * 60L, 15 * 60L));
        }
        assertThat(auditCount(name, AuditLog.Action.SIGN_IN_FAILED)).isEqualTo(10);
        assertThat(auditCount(name, AuditLog.Action.SIGN_IN_LOCKED)).isEqualTo(1);

        // the administrator sees the lock and lifts it
        MvcResult locks = mvc.perform(get("/api/v1/sign-in/locks").with(as("admin"))).andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(locks, "$[?(@.locked == true)].subject")).contains(name);
        mvc.perform(delete("/api/v1/sign-in/locks").param("kind", "ACCOUNT").param("subject", name).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isNoContent());
        assertThat(count("select count(*) from audit_entry where username = 'admin' and action = 'SIGN_IN_UNLOCKED' and record_id = ?",
                name)).isEqualTo(1);
        mvc.perform(me(name, GOOD, address)).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/sign-in/locks").param("kind", "ACCOUNT").param("subject", name).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/sign-in/locks").param("kind", "SOMETHING").param("subject", name).with(as("admin")).header("X-Cordon-Client", "test"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aSuccessfulSignInForgetsTheAccountsFailuresAndALockAfterItsTimeLocksAgainAtTheNextFailure() throws Exception {
        String name = newOfficer();
        String address = newAddress();
        for (int i = 1; i <= 4; i++) {
            mvc.perform(me(name, "guess-" + i, address)).andExpect(status().isUnauthorized());
        }
        mvc.perform(me(name, GOOD, address)).andExpect(status().isOk());
        assertThat(count("select count(*) from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isZero();

        for (int i = 1; i <= 10; i++) {
            letTheDelayPass("ACCOUNT", name);
            mvc.perform(me(name, "guess-" + i, address)).andExpect(status().isUnauthorized());
        }
        // the lock runs out (moved 16 minutes back) ...
        jdbc.sql("update signin_throttle set locked_until = locked_until - interval '16 minutes', last_failure_at = last_failure_at - interval '16 minutes' where kind = 'ACCOUNT' and subject = ?")
                .param(name).update();
        // ... one more wrong password locks it again at once, the right one afterwards is refused
        mvc.perform(me(name, "guess-11", address)).andExpect(status().isUnauthorized());
        mvc.perform(me(name, GOOD, address)).andExpect(status().isTooManyRequests());
        assertThat(auditCount(name, AuditLog.Action.SIGN_IN_LOCKED)).isEqualTo(2);
    }

    @Test
    void oneAddressTryingManyNamesIsDelayedForEveryName() throws Exception {
        String address = newAddress();
        String victim = newOfficer();
        for (int i = 0; i < settings.addressDelayAfter(); i++) {
            mvc.perform(me("nobody-" + UUID.randomUUID().toString().substring(0, 8), "guess", address))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(me(victim, GOOD, address)).andExpect(status().isTooManyRequests());
        // the account itself is not locked: from elsewhere it signs in
        mvc.perform(me(victim, GOOD, newAddress())).andExpect(status().isOk());
        assertThat(count("select failures from signin_throttle where kind = 'ADDRESS' and subject = ?", address))
                .isEqualTo(settings.addressDelayAfter());
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsAWrongPasswordNotAServerError() throws Exception {
        String name = newOfficer();
        String address = newAddress();
        mvc.perform(me(name, "长".repeat(40), address)).andExpect(status().isUnauthorized());
        mvc.perform(me(name, GOOD + "x".repeat(100), address)).andExpect(status().isUnauthorized());
        mvc.perform(post("/login").with(csrf()).with(from(address)).param("username", name).param("password", "y".repeat(500)))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(count("select failures from signin_throttle where kind = 'ACCOUNT' and subject = ?", name)).isEqualTo(3);
    }

    @Test
    void aNameTriedCannotWriteLinesIntoTheLogOrTheAuditLog() throws Exception {
        String address = newAddress();
        String forged = "x\n2020-01-28 INFO fake line " + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(me(forged, "guess", address)).andExpect(status().isUnauthorized());
        String stored = forged.replace('\n', '?');
        assertThat(count("select count(*) from signin_throttle where kind = 'ACCOUNT' and subject = ?", stored)).isEqualTo(1);
        assertThat(count("select count(*) from audit_entry where action = 'SIGN_IN_FAILED' and username = ?", stored)).isEqualTo(1);
    }

    @Test
    void theLockIsInTheDatabaseSoAFreshNodeKnowsIt() {
        String name = newOfficer();
        String address = newAddress();
        for (int i = 0; i < settings.accountLockAfter(); i++) {
            throttle.failed(name, address, "test");
        }
        // another node, or this one restarted: nothing of the first's memory, the same database
        SignInThrottle freshThrottle = new SignInThrottle(jdbc, settings, audit, clock);
        CachingAuthenticationProvider freshProvider = new CachingAuthenticationProvider(accounts, encoder, clock, freshThrottle);
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(name, GOOD);
        attempt.setDetails(new WebAuthenticationDetails(newAddress(), null));
        assertThatThrownBy(() -> freshProvider.authenticate(attempt))
                .isInstanceOfSatisfying(SignInThrottledException.class, e -> {
                    assertThat(e.locked()).isTrue();
                    assertThat(e.retryAfterSeconds()).isBetween(14 * 60L, 15 * 60L);
                });
    }

    // ------------------------------------------------------------------ the sign-in form

    MockHttpServletRequestBuilder signIn(String name, String password, String address, MockHttpSession session) {
        return post("/login").with(csrf()).with(from(address)).session(session).param("username", name).param("password", password);
    }

    @Test
    void bruteForceOnTheFormIsDelayedThenLockedAndTheAdministratorUnlocksOnTheAccountsPage() throws Exception {
        String name = newOfficer();
        String address = newAddress();
        MockHttpSession session = new MockHttpSession();
        for (int i = 1; i <= 5; i++) {
            mvc.perform(signIn(name, "guess-" + i, address, session)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signIn(name, GOOD, address, session)).andExpect(redirectedUrl("/login?wait=2"));
        String waitPage = body(mvc.perform(get("/login").param("wait", "2").param("lang", "en")).andReturn());
        assertThat(waitPage).contains("Too many failed sign-ins. Try again in 2 seconds.");
        for (int i = 6; i <= 10; i++) {
            letTheDelayPass("ACCOUNT", name);
            mvc.perform(signIn(name, "guess-" + i, address, session)).andExpect(redirectedUrl("/login?error"));
        }
        MvcResult locked = mvc.perform(signIn(name, GOOD, address, session)).andReturn();
        assertThat(locked.getResponse().getRedirectedUrl()).startsWith("/login?locked=");
        String lockedPage = body(mvc.perform(get(locked.getResponse().getRedirectedUrl()).param("lang", "en")).andReturn());
        assertThat(lockedPage).contains("Try again in about 15 minutes, or ask an administrator to lift the lock.");
        String zh = body(mvc.perform(get(locked.getResponse().getRedirectedUrl())).andReturn());
        assertThat(zh).contains("请约 15 分钟后重试");
        mvc.perform(get("/checkpoints").session(session)).andExpect(redirectedUrl("/login"));

        // the accounts page shows the lock, the administrator lifts it there
        long id = accounts.loadUserByUsername(name).id();
        CordonUser admin = accounts.loadUserByUsername("admin");
        String page = body(mvc.perform(get("/admin/accounts").with(user(admin))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("signin-" + name).contains("已锁定至").contains("10 次失败");
        mvc.perform(post("/admin/accounts/{id}/unlock", id).with(user(admin)).with(csrf()))
                .andExpect(redirectedUrl("/admin/accounts"));
        mvc.perform(signIn(name, GOOD, address, session)).andExpect(redirectedUrl("/"));
        mvc.perform(get("/checkpoints").session(session)).andExpect(status().isOk());
        assertThat(auditCount("admin", AuditLog.Action.SIGN_IN_UNLOCKED)).isPositive();
        mvc.perform(post("/admin/accounts/{id}/unlock", 987654321L).with(user(admin)).with(csrf())).andExpect(status().isNotFound());
    }
}
