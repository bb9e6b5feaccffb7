package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.account.Permission.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Permission;
import org.cordon.account.Role;
import org.cordon.account.RolePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.awaitility.Awaitility.await;

/**
 * The generated authorisation matrix (issue 10): every handler mapping of the running application is
 * declared in {@link #TABLE} with the permission(s) that allow it, and is called by every demo role (and a
 * grid worker of another village). A role without the permission (per {@link RolePermissions}) gets 403 and
 * never a personal value; a role with it gets neither 403 nor 5xx; records of another area or checkpoint
 * are refused (403 or 404).
 */
class AuthorisationMatrixTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String OTHER_VILLAGE = "610881106202";
    static final String NO_SUCH_ID = "987654321";

    enum Access { PUBLIC, ANY_STAFF, PERMISSION }

    /** Whose records the endpoint's path variables point at: callers outside must get 403 or 404. */
    enum Scope { NONE, AREA, CHECKPOINT }

    static final class Rule {
        final String method;
        final String pattern;
        final Access access;
        final Set<Permission> permissions;
        Scope scope = Scope.NONE;
        String query = "";
        /** Request data is checked before the permission gate: a refused role may get 400/404/415 instead of 403. */
        boolean checkedBeforeGate;
        /** Not called by the roles holding the permission (it would change shared demo data); refusals are still checked. */
        boolean grantedNotCalled;
        /** Also needs one of these (besides one of {@link #permissions}). */
        Set<Permission> alsoNeeds = EnumSet.noneOf(Permission.class);
        /** Data-dependent: answers only callers who have an area (not checkpoint officers). */
        boolean needsArea;

        Rule(String endpoint, Access access, Permission... permissions) {
            String[] parts = endpoint.split(" ", 2);
            this.method = parts[0];
            this.pattern = parts[1];
            this.access = access;
            this.permissions = permissions.length == 0 ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(Arrays.asList(permissions));
        }

        String key() {
            return method + " " + pattern;
        }

        Rule scope(Scope s) {
            scope = s;
            return this;
        }

        Rule query(String q) {
            query = q;
            return this;
        }

        Rule checkedBeforeGate() {
            checkedBeforeGate = true;
            return this;
        }

        Rule and(Permission... oneOf) {
            alsoNeeds = EnumSet.copyOf(Arrays.asList(oneOf));
            return this;
        }

        Rule needsArea() {
            needsArea = true;
            return this;
        }

        Rule grantedNotCalled() {
            grantedNotCalled = true;
            return this;
        }

        boolean grants(Caller c) {
            Role role = c.role();
            if (needsArea && !c.hasArea()) {
                return false;
            }
            if (!alsoNeeds.isEmpty() && alsoNeeds.stream().noneMatch(p -> RolePermissions.has(role, p))) {
                return false;
            }
            return switch (access) {
                case PUBLIC, ANY_STAFF -> true;
                case PERMISSION -> permissions.stream().anyMatch(p -> RolePermissions.has(role, p));
            };
        }

        boolean api() {
            return pattern.startsWith("/api/");
        }
    }

    static Rule pub(String endpoint) {
        return new Rule(endpoint, Access.PUBLIC);
    }

    static Rule staff(String endpoint) {
        return new Rule(endpoint, Access.ANY_STAFF);
    }

    static Rule rule(String endpoint, Permission... permissions) {
        return new Rule(endpoint, Access.PERMISSION, permissions);
    }

    /** Every endpoint of the application and who may call it. */
    static final List<Rule> TABLE = List.of(
            // framework and documentation
            pub("* /error"),
            pub("GET /v3/api-docs"),
            pub("GET /v3/api-docs.yaml"),
            pub("GET /v3/api-docs/swagger-config"),
            pub("GET /swagger-ui.html"),
            // the installable field app: manifest, the offline page, the session check (answers who is signed in, if anyone)
            pub("GET /manifest.webmanifest"), // FieldAppController
            pub("GET /offline"), // FieldAppController
            pub("GET /offline/session"), // FieldAppController
            staff("GET /api/v1/me"), // AccountApiController
            rule("GET /admin/audit", ACCOUNT_ADMIN), // AdminPageController
            rule("GET /admin/accounts", ACCOUNT_ADMIN), // AdminPageController
            rule("POST /admin/accounts", ACCOUNT_ADMIN), // AdminPageController
            rule("POST /admin/accounts/{id}/enabled", ACCOUNT_ADMIN), // AdminPageController
            rule("POST /admin/accounts/{id}/unlock", ACCOUNT_ADMIN), // SignInAdminPageController
            rule("POST /admin/accounts/{id}/password-reset", ACCOUNT_ADMIN), // SignInAdminPageController
            rule("POST /admin/accounts/{id}/two-factor/remove", ACCOUNT_ADMIN), // SignInAdminPageController
            rule("POST /admin/sign-in/unlock", ACCOUNT_ADMIN), // SignInAdminPageController
            // the second sign-in step: open to anyone half-way through a sign-in; without one, back to /login; signed in, to /
            staff("GET /login/code"), // SignInPageController
            staff("POST /login/code"), // SignInPageController
            staff("GET /account/password"), // SignInPageController
            staff("POST /account/password"), // SignInPageController
            rule("GET /account/two-factor", TWO_FACTOR), // TwoFactorPageController
            rule("POST /account/two-factor", TWO_FACTOR), // TwoFactorPageController
            rule("POST /account/two-factor/disable", TWO_FACTOR), // TwoFactorPageController
            staff("POST /api/v1/me/password"), // SignInApiController
            rule("POST /api/v1/accounts/{id}/password-reset", ACCOUNT_ADMIN), // SignInApiController
            rule("DELETE /api/v1/accounts/{id}/two-factor", ACCOUNT_ADMIN), // SignInApiController
            rule("GET /api/v1/sign-in/locks", ACCOUNT_ADMIN), // SignInApiController
            rule("DELETE /api/v1/sign-in/locks", ACCOUNT_ADMIN), // SignInApiController
            rule("GET /admin/tokens", ACCOUNT_ADMIN), // ApiTokenPageController
            rule("POST /admin/tokens", ACCOUNT_ADMIN), // ApiTokenPageController
            rule("POST /admin/tokens/{id}/revoke", ACCOUNT_ADMIN), // ApiTokenPageController
            rule("GET /api/v1/tokens", ACCOUNT_ADMIN), // ApiTokenApiController
            rule("POST /api/v1/tokens", ACCOUNT_ADMIN), // ApiTokenApiController
            rule("POST /api/v1/tokens/{id}/revoke", ACCOUNT_ADMIN), // ApiTokenApiController
            pub("GET /login"), // HomeController
            staff("GET /"), // HomeController
            staff("GET /api/v1/divisions"), // AreaApiController
            staff("GET /api/v1/divisions/resolve").query("code=610821"), // AreaApiController
            staff("GET /api/v1/areas"), // AreaApiController
            staff("GET /api/v1/areas/tree").needsArea(), // AreaGridApiController — data-dependent: callers without an area (checkpoint officers) get 403
            rule("PUT /api/v1/areas/{code}", AREA_EDIT), // AreaGridApiController
            rule("POST /api/v1/areas", AREA_EDIT), // AreaGridApiController
            staff("POST /api/v1/areas/import"), // AreaGridApiController
            staff("GET /areas").needsArea(), // AreaPageController — data-dependent: callers without an area (checkpoint officers) get 403
            staff("GET /areas/{code}/children").needsArea().scope(Scope.AREA), // AreaPageController — data-dependent: needs an area; another village's node is refused
            rule("GET /areas/{code}/edit", AREA_EDIT), // AreaPageController
            rule("POST /areas/{code}", AREA_EDIT), // AreaPageController
            rule("GET /areas/{code}/new", AREA_EDIT), // AreaPageController
            rule("POST /areas/{code}/children", AREA_EDIT), // AreaPageController
            rule("GET /areas/import", AREA_EDIT), // AreaPageController
            rule("POST /areas/import", AREA_EDIT), // AreaPageController
            rule("GET /areas/import/errors.csv", AREA_EDIT), // AreaPageController
            staff("GET /areas/import/template.csv").needsArea(), // AreaPageController — data-dependent: callers without an area (checkpoint officers) get 403
            staff("GET /api/v1/checkpoints"), // CheckpointApiController
            rule("POST /api/v1/checkpoints/{code}/passages", PASSAGE_REGISTER).scope(Scope.CHECKPOINT), // CheckpointApiController
            rule("GET /api/v1/checkpoints/{code}/passages", PASSAGE_READ).scope(Scope.CHECKPOINT), // CheckpointApiController
            rule("GET /api/v1/checkpoints/{code}/counts", PASSAGE_READ).scope(Scope.CHECKPOINT), // CheckpointApiController
            rule("GET /api/v1/counts", PASSAGE_READ), // CheckpointApiController
            rule("GET /api/v1/passages/{id}", PASSAGE_READ), // CheckpointApiController
            rule("POST /api/v1/people/lookup", PERSON_LOOKUP), // CheckpointApiController
            staff("GET /api/v1/screening-rules"), // CheckpointApiController
            rule("PUT /api/v1/screening-rules/fever-threshold", SCREENING_RULES_EDIT), // CheckpointApiController
            rule("POST /api/v1/risk-areas", SCREENING_RULES_EDIT), // CheckpointApiController
            rule("PUT /api/v1/risk-areas/{id}/end", SCREENING_RULES_EDIT), // CheckpointApiController
            rule("GET /api/v1/alerts", ALERT_READ), // CheckpointApiController
            rule("POST /api/v1/alerts/{id}/acknowledge", ALERT_READ), // CheckpointApiController
            rule("GET /checkpoints", PASSAGE_READ), // CheckpointPageController
            rule("GET /checkpoints/{code}/passages/new", PASSAGE_REGISTER).scope(Scope.CHECKPOINT), // CheckpointPageController
            rule("POST /checkpoints/{code}/passages", PASSAGE_REGISTER).scope(Scope.CHECKPOINT), // CheckpointPageController
            rule("POST /checkpoints/{code}/passages/queued", PASSAGE_REGISTER).scope(Scope.CHECKPOINT), // CheckpointPageController (the page's script, offline queue)
            rule("GET /checkpoints/{code}/passages", PASSAGE_READ).scope(Scope.CHECKPOINT), // CheckpointPageController
            rule("GET /passages/{id}", PASSAGE_READ), // CheckpointPageController
            rule("POST /passages/{id}/full", PASSAGE_READ).and(PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL), // CheckpointPageController
            rule("POST /checkpoints/lookup", PERSON_LOOKUP), // CheckpointPageController
            rule("POST /checkpoints/health-code/verify", HEALTH_CODE_VERIFY), // HealthCodeScanController (the passage form's online check)
            staff("GET /ref/division-options"), // CheckpointPageController
            staff("GET /ref/area-options"), // CheckpointPageController
            staff("GET /ref/places").query("source=area&q=sjc"), // PlacePickerController
            staff("GET /api/v1/ref/places").query("source=division&q=hb"), // PlacePickerController
            rule("GET /alerts", ALERT_READ), // ScreeningPageController
            rule("POST /alerts/{id}/acknowledge", ALERT_READ), // ScreeningPageController
            staff("GET /rules"), // ScreeningPageController
            rule("POST /rules/threshold", SCREENING_RULES_EDIT), // ScreeningPageController
            rule("POST /rules/risk-areas", SCREENING_RULES_EDIT), // ScreeningPageController
            rule("POST /rules/risk-areas/{id}/end", SCREENING_RULES_EDIT), // ScreeningPageController
            staff("GET /api/v1/leadership"), // CommandApiController
            rule("POST /api/v1/leadership", GROUPS_EDIT), // CommandApiController
            rule("PUT /api/v1/leadership/{id}", GROUPS_EDIT), // CommandApiController
            rule("DELETE /api/v1/leadership/{id}", GROUPS_EDIT), // CommandApiController
            staff("GET /api/v1/working-groups"), // CommandApiController
            rule("PUT /api/v1/working-groups/{code}", GROUPS_EDIT), // CommandApiController
            rule("POST /api/v1/working-groups/{code}/members", GROUP_MEMBERS_MANAGE), // CommandApiController
            rule("DELETE /api/v1/working-groups/{code}/members/{accountId}", GROUP_MEMBERS_MANAGE), // CommandApiController
            rule("POST /api/v1/directives", DIRECTIVE_ISSUE), // CommandApiController
            staff("GET /api/v1/directives"), // CommandApiController
            staff("GET /api/v1/directives/supervision"), // CommandApiController
            staff("GET /api/v1/directives/{id}"), // CommandApiController
            rule("POST /api/v1/directives/{id}/comments", DIRECTIVE_ISSUE), // CommandApiController
            rule("POST /api/v1/directives/{id}/cancel", DIRECTIVE_ISSUE), // CommandApiController
            staff("POST /api/v1/directives/assignments/{id}/accept"), // CommandApiController
            staff("POST /api/v1/directives/assignments/{id}/progress"), // CommandApiController
            staff("POST /api/v1/directives/assignments/{id}/done"), // CommandApiController
            rule("POST /api/v1/directives/assignments/{id}/reopen", DIRECTIVE_ISSUE), // CommandApiController
            staff("GET /command"), // CommandPageController
            rule("POST /command/directives", DIRECTIVE_ISSUE), // CommandPageController
            staff("GET /command/directives/{id}"), // CommandPageController
            staff("GET /command/directives"), // CommandPageController
            staff("POST /command/assignments/{id}/accept"), // CommandPageController
            staff("POST /command/assignments/{id}/progress"), // CommandPageController
            staff("POST /command/assignments/{id}/done"), // CommandPageController
            rule("POST /command/directives/{id}/comment", DIRECTIVE_ISSUE), // CommandPageController
            rule("POST /command/directives/{id}/cancel", DIRECTIVE_ISSUE), // CommandPageController
            rule("POST /command/assignments/{id}/reopen", DIRECTIVE_ISSUE), // CommandPageController
            staff("GET /command/groups"), // GroupPageController
            rule("POST /command/leadership/{id}", GROUPS_EDIT), // GroupPageController
            rule("POST /command/leadership", GROUPS_EDIT), // GroupPageController
            rule("POST /command/leadership/{id}/remove", GROUPS_EDIT), // GroupPageController
            rule("POST /command/groups/{code}", GROUPS_EDIT), // GroupPageController
            rule("POST /command/groups/{code}/members", GROUP_MEMBERS_MANAGE), // GroupPageController
            rule("POST /command/groups/{code}/members/{accountId}/remove", GROUP_MEMBERS_MANAGE), // GroupPageController
            rule("GET /api/v1/dashboard", DASHBOARD_READ), // DashboardApiController
            rule("GET /api/v1/dashboard/trends", DASHBOARD_READ), // DashboardApiController
            rule("GET /api/v1/dashboard/breakdown", DASHBOARD_READ), // DashboardApiController
            rule("GET /api/v1/dashboard/funnel", DASHBOARD_READ), // DashboardApiController
            rule("POST /api/v1/dashboard/rebuild", DASHBOARD_REBUILD), // DashboardApiController
            rule("GET /dashboard", DASHBOARD_READ), // DashboardPageController
            rule("GET /dashboard/data/trends", DASHBOARD_READ), // DashboardPageController
            rule("GET /dashboard/data/breakdown", DASHBOARD_READ), // DashboardPageController
            rule("GET /dashboard/data/funnel", DASHBOARD_READ), // DashboardPageController
            rule("POST /dashboard/rebuild", DASHBOARD_REBUILD), // DashboardPageController
            rule("GET /dashboard/daily", DASHBOARD_READ), // DashboardPageController
            rule("GET /dashboard/daily.xlsx", DASHBOARD_READ), // DashboardPageController
            rule("GET /api/v1/branches", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/branches", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/branches/{id}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("PUT /api/v1/branches/{id}/secretary", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/branches/gaps", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/members", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/members", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/members/{id}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("PUT /api/v1/members/{id}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/pledges", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/pledges", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/pledges/{id}/assign", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/duty/shifts", DUTY_ROSTER_READ, VOLUNTEERS_MANAGE).query("date=2026-01-01"), // MobilizationApiController
            rule("POST /api/v1/duty/shifts/generate", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/duty/shifts/{id}", DUTY_ROSTER_READ), // MobilizationApiController
            rule("POST /api/v1/duty/shifts/{id}/assignments", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("DELETE /api/v1/duty/shifts/{id}/assignments/{memberId}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/duty/assignments", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/duty/copy", VOLUNTEERS_MANAGE), // MobilizationApiController
            staff("GET /api/v1/duty/my-shifts"), // MobilizationApiController
            rule("GET /api/v1/duty/gaps", DUTY_ROSTER_READ), // MobilizationApiController
            rule("GET /api/v1/volunteers", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/volunteers", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/volunteers/{id}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("PUT /api/v1/volunteers/{id}/status", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/volunteers/{id}/service", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/volunteers/pending-signups", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/volunteers/take-over", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/tasks", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/tasks", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /api/v1/tasks/{id}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("POST /api/v1/tasks/{id}/assignments", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("PUT /api/v1/tasks/{id}/assignments/{volunteerId}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("DELETE /api/v1/tasks/{id}/assignments/{volunteerId}", VOLUNTEERS_MANAGE), // MobilizationApiController
            rule("GET /mobilization", VOLUNTEERS_MANAGE, DUTY_ROSTER_READ), // MobilizationPageController — managers see the overview, officers are sent to their shifts
            rule("GET /mobilization/branches", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/branches", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/branches/{id}/secretary", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("GET /mobilization/members", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/members", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/members/{id}", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/pledges", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/pledges/{id}/assign", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("GET /mobilization/duty", DUTY_ROSTER_READ, VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/duty/generate", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/duty/shifts/{id}/assign", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/duty/assign", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/duty/copy", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/duty/shifts/{id}/remove", VOLUNTEERS_MANAGE).query("memberId=" + NO_SUCH_ID), // MobilizationPageController
            staff("GET /mobilization/my-shifts"), // MobilizationPageController
            rule("GET /mobilization/volunteers", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/volunteers", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/volunteers/take-over", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/volunteers/{id}/status", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("GET /mobilization/volunteers/{id}", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("GET /mobilization/tasks", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/tasks", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/tasks/{id}/assign", VOLUNTEERS_MANAGE), // MobilizationPageController
            rule("POST /mobilization/tasks/{id}/hours", VOLUNTEERS_MANAGE).query("volunteerId=" + NO_SUCH_ID), // MobilizationPageController
            rule("POST /mobilization/tasks/{id}/remove", VOLUNTEERS_MANAGE).query("volunteerId=" + NO_SUCH_ID), // MobilizationPageController
            rule("GET /api/v1/notices", NOTICE_EDIT), // NoticeApiController
            rule("GET /api/v1/notices/{id}", NOTICE_EDIT), // NoticeApiController
            rule("POST /api/v1/notices", NOTICE_EDIT), // NoticeApiController
            rule("PUT /api/v1/notices/{id}", NOTICE_EDIT), // NoticeApiController
            rule("DELETE /api/v1/notices/{id}", NOTICE_EDIT), // NoticeApiController
            rule("POST /api/v1/notices/{id}/publish", NOTICE_EDIT), // NoticeApiController
            rule("POST /api/v1/notices/{id}/revoke", NOTICE_EDIT), // NoticeApiController
            staff("GET /api/v1/venues"), // NoticeApiController
            staff("GET /api/v1/events"), // NoticeApiController
            staff("GET /api/v1/transport-services"), // NoticeApiController
            rule("GET /api/v1/volunteer-signups", VOLUNTEERS_MANAGE), // NoticeApiController
            rule("GET /notices", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/new", NOTICE_EDIT), // NoticePageController
            rule("POST /notices", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/{id}", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/{id}/edit", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/{id}", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/{id}/publish", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/{id}/revoke", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/{id}/delete", NOTICE_EDIT), // NoticePageController
            staff("GET /notices/places"), // NoticePageController
            rule("GET /notices/places/{type}/new", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/places/{type}/{id}/edit", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/places/{type}", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/places/{type}/{id}", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/advice", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/advice/new", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/advice/{id}/edit", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/advice", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/advice/{id}", NOTICE_EDIT), // NoticePageController
            rule("GET /notices/hotlines", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/hotlines", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/hotlines/{id}", NOTICE_EDIT), // NoticePageController
            rule("POST /notices/hotlines/{id}/delete", NOTICE_EDIT), // NoticePageController
            rule("GET /volunteer-signups", VOLUNTEERS_MANAGE), // NoticePageController
            pub("GET /portal"), // PortalPageController
            pub("GET /portal/notices/{id}"), // PortalPageController
            pub("GET /portal/advice/{id}"), // PortalPageController
            pub("GET /portal/self-report"), // PortalPageController
            pub("POST /portal/self-report"), // PortalPageController
            pub("GET /portal/volunteer"), // PortalPageController
            pub("POST /portal/volunteer"), // PortalPageController
            pub("GET /portal/ref/division-options"), // PortalPageController
            pub("GET /portal/ref/place-options"), // PortalPageController
            pub("GET /portal/api/status"), // PortalStatusApiController
            pub("GET /portal/health-code"), // PortalHealthCodeController
            pub("POST /portal/health-code"), // PortalHealthCodeController
            pub("GET /portal/health-code/c/{secret}"), // PortalHealthCodeController
            pub("GET /portal/health-code/c/{secret}/fresh"), // PortalHealthCodeController
            pub("POST /portal/health-code/c/{secret}/forget"), // PortalHealthCodeController
            pub("POST /api/v1/health-codes/declarations").checkedBeforeGate(), // PortalHealthCodeApiController
            pub("GET /api/v1/health-codes/links/{secret}"), // PortalHealthCodeApiController
            pub("GET /.well-known/jwks.json"), // HealthCodeApiController
            pub("GET /api/v1/health-codes/revocations"), // HealthCodeApiController
            rule("POST /api/v1/health-codes/verify", HEALTH_CODE_VERIFY), // HealthCodeApiController
            rule("GET /api/v1/people/{id}/health-code", HEALTH_CODE_READ).scope(Scope.AREA), // HealthCodeApiController
            rule("GET /api/v1/health-codes/keys", HEALTH_CODE_KEYS), // HealthCodeApiController
            rule("POST /api/v1/health-codes/keys/rotate", HEALTH_CODE_KEYS).grantedNotCalled(), // HealthCodeApiController — would replace the key
            rule("GET /api/v1/health-codes/issuers", HEALTH_CODE_KEYS), // HealthCodeApiController
            rule("POST /api/v1/health-codes/issuers", HEALTH_CODE_KEYS).checkedBeforeGate(), // HealthCodeApiController
            rule("DELETE /api/v1/health-codes/issuers/{id}", HEALTH_CODE_KEYS), // HealthCodeApiController
            rule("GET /health-codes/people/{id}", HEALTH_CODE_READ).scope(Scope.AREA), // HealthCodePageController
            rule("GET /health-codes/people/{id}/card", HEALTH_CODE_READ).scope(Scope.AREA), // HealthCodePageController
            rule("GET /admin/health-code-keys", HEALTH_CODE_KEYS), // HealthCodePageController
            rule("POST /admin/health-code-keys/rotate", HEALTH_CODE_KEYS).grantedNotCalled(), // HealthCodePageController — would replace the key
            rule("POST /admin/health-code-keys/trusted", HEALTH_CODE_KEYS), // HealthCodePageController
            rule("POST /admin/health-code-keys/trusted/{id}/remove", HEALTH_CODE_KEYS), // HealthCodePageController
            // data retention (issue 17): what expires when; running it now would expire the shared test data
            rule("GET /admin/retention", DATA_RETENTION), // RetentionPageController
            rule("POST /admin/retention/run", DATA_RETENTION).grantedNotCalled(), // RetentionPageController — would expire data
            rule("GET /api/v1/admin/retention", DATA_RETENTION), // RetentionApiController
            rule("POST /api/v1/admin/retention/run", DATA_RETENTION).grantedNotCalled(), // RetentionApiController — would expire data
            rule("GET /api/v1/observation/worklist", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/observation/episodes", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/observation/episodes/{id}", OBSERVATION_READ), // ObservationApiController
            rule("POST /api/v1/observation/episodes/{id}/identity", OBSERVATION_READ), // ObservationApiController
            rule("POST /api/v1/observation/episodes/{id}/checks", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/observation/checks", OBSERVATION_CHECK), // ObservationApiController (a round's checks)
            rule("POST /api/v1/observation/episodes/{id}/release", OBSERVATION_CHECK), // ObservationApiController
            rule("GET /api/v1/observation/counts", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/referrals", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/referrals/{id}", OBSERVATION_READ), // ObservationApiController
            rule("POST /api/v1/referrals/{id}/outcome", REFERRAL_OUTCOME), // ObservationApiController
            rule("POST /api/v1/close-contacts", OBSERVATION_CHECK), // ObservationApiController
            rule("GET /api/v1/isolations", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/isolations/{id}", OBSERVATION_READ), // ObservationApiController
            rule("POST /api/v1/isolations/{id}/checks", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/isolations/{id}/outcome", REFERRAL_OUTCOME), // ObservationApiController
            rule("GET /api/v1/cases", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/cases/{id}", OBSERVATION_READ), // ObservationApiController
            rule("POST /api/v1/cases/{id}/travellers/search", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/cases/{id}/travellers/{travellerId}/contact", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/cases/{id}/travellers/{travellerId}/dismiss", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/cases/{id}/tracing/complete", OBSERVATION_CHECK), // ObservationApiController
            rule("POST /api/v1/quarantine-sites", ACCOUNT_ADMIN), // ObservationApiController
            rule("PUT /api/v1/quarantine-sites/{id}", ACCOUNT_ADMIN), // ObservationApiController
            rule("POST /api/v1/observation/reports", OBSERVATION_READ), // ObservationApiController
            rule("GET /api/v1/observation/reports", OBSERVATION_READ), // ObservationApiController
            staff("GET /api/v1/quarantine-sites"), // ObservationApiController
            rule("GET /observation", OBSERVATION_READ), // ObservationPageController
            rule("GET /observation/round", OBSERVATION_READ), // ObservationPageController
            rule("POST /observation/round", OBSERVATION_CHECK), // ObservationPageController
            rule("POST /observation/episodes/{id}/phone", OBSERVATION_READ).and(PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL), // ObservationPageController (the call button)
            rule("GET /observation/episodes/{id}", OBSERVATION_READ), // ObservationPageController
            rule("POST /observation/episodes/{id}/full", OBSERVATION_READ).and(PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL), // ObservationPageController
            rule("POST /observation/episodes/{id}/identity", OBSERVATION_READ), // ObservationPageController
            rule("POST /observation/episodes/{id}/checks", OBSERVATION_CHECK), // ObservationPageController
            rule("POST /observation/episodes/{id}/checks/queued", OBSERVATION_CHECK), // ObservationPageController (the page's script, offline queue)
            rule("POST /observation/episodes/{id}/release", OBSERVATION_CHECK), // ObservationPageController
            rule("POST /observation/episodes/{id}/notice", OBSERVATION_READ), // ObservationPageController
            rule("GET /referrals", OBSERVATION_READ), // ObservationPageController
            rule("POST /referrals/{id}/outcome", REFERRAL_OUTCOME), // ObservationPageController
            staff("GET /observation/contacts/new"), // ObservationPageController
            rule("POST /observation/contacts", OBSERVATION_CHECK), // ObservationPageController
            rule("GET /isolations", OBSERVATION_READ), // ReferralChainPageController
            rule("GET /isolations/{id}", OBSERVATION_READ), // ReferralChainPageController
            rule("POST /isolations/{id}/full", OBSERVATION_READ).and(PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL), // ReferralChainPageController
            rule("POST /isolations/{id}/checks", OBSERVATION_CHECK), // ReferralChainPageController
            rule("POST /isolations/{id}/outcome", REFERRAL_OUTCOME), // ReferralChainPageController
            rule("GET /cases", OBSERVATION_READ), // ReferralChainPageController
            rule("GET /cases/{id}", OBSERVATION_READ), // ReferralChainPageController
            rule("POST /cases/{id}/travellers/search", OBSERVATION_CHECK), // ReferralChainPageController
            rule("POST /cases/{id}/travellers/{travellerId}/dismiss", OBSERVATION_CHECK), // ReferralChainPageController
            rule("POST /cases/{id}/tracing/complete", OBSERVATION_CHECK), // ReferralChainPageController
            rule("GET /cases/{id}/travellers/{travellerId}/contact", OBSERVATION_CHECK), // ReferralChainPageController
            rule("POST /cases/{id}/travellers/{travellerId}/contact", OBSERVATION_CHECK), // ReferralChainPageController
            staff("GET /observation/sites"), // ReferralChainPageController
            rule("POST /observation/sites", ACCOUNT_ADMIN), // ReferralChainPageController
            rule("POST /observation/sites/{id}", ACCOUNT_ADMIN), // ReferralChainPageController
            rule("GET /observation/reports", OBSERVATION_READ), // ObservationPageController
            rule("POST /observation/reports", OBSERVATION_READ), // ObservationPageController
            rule("GET /api/v1/returnees", RETURNEE_READ), // RegistryApiController
            rule("POST /api/v1/returnees", RETURNEE_REGISTER), // RegistryApiController
            rule("GET /api/v1/returnees/{id}", RETURNEE_READ), // RegistryApiController
            rule("POST /api/v1/returnees/{id}/identity", RETURNEE_REGISTER), // RegistryApiController
            rule("POST /api/v1/returnees/{id}/verify", RETURNEE_REGISTER), // RegistryApiController
            rule("GET /api/v1/people", RETURNEE_READ).query("q=zz"), // RegistryApiController
            rule("GET /returnees", RETURNEE_READ), // RegistryPageController
            staff("GET /returnees/new"), // RegistryPageController
            rule("POST /returnees", RETURNEE_REGISTER), // RegistryPageController
            rule("GET /returnees/{id}", RETURNEE_READ), // RegistryPageController
            rule("POST /returnees/{id}/full", RETURNEE_READ).and(PERSONAL_DATA_REVEAL, PERSONAL_CONTACT_REVEAL), // RegistryPageController
            rule("POST /returnees/{id}/identity", RETURNEE_REGISTER), // RegistryPageController
            rule("POST /returnees/{id}/verify", RETURNEE_REGISTER), // RegistryPageController
            rule("GET /people", RETURNEE_READ), // RegistryPageController
            staff("GET /api/v1/returnees/roster/template"), // RosterApiController
            rule("POST /api/v1/returnees/roster", RETURNEE_REGISTER).checkedBeforeGate(), // RosterApiController — known exception: a JSON body is refused as 415 before the gate (multipart only)
            staff("GET /api/v1/returnees/roster/errors/{token}"), // RosterApiController
            rule("GET /api/v1/returnees/roster/export", RETURNEE_REGISTER), // RosterApiController
            rule("GET /returnees/roster", RETURNEE_REGISTER), // RosterPageController
            rule("POST /returnees/roster", RETURNEE_REGISTER), // RosterPageController
            staff("GET /returnees/roster/template"), // RosterPageController
            staff("GET /returnees/roster/errors/{token}"), // RosterPageController
            rule("GET /returnees/roster/export", RETURNEE_REGISTER), // RosterPageController
            pub("GET /portal/ledger"), // LedgerController
            pub("GET /portal/api/ledger"), // LedgerController
            rule("GET /api/v1/items", SUPPLIES_READ), // SuppliesApiController
            rule("GET /api/v1/warehouses", SUPPLIES_READ), // SuppliesApiController
            rule("GET /api/v1/stock", SUPPLIES_READ), // SuppliesApiController
            rule("GET /api/v1/stock/movements", SUPPLIES_MANAGE), // SuppliesApiController
            rule("POST /api/v1/stock/purchases", SUPPLIES_MANAGE), // SuppliesApiController
            rule("POST /api/v1/stock/adjustments", SUPPLIES_MANAGE), // SuppliesApiController
            rule("POST /api/v1/donations", SUPPLIES_MANAGE), // SuppliesApiController
            rule("GET /api/v1/donations", SUPPLIES_MANAGE), // SuppliesApiController
            rule("GET /api/v1/campaigns", SUPPLIES_READ), // SuppliesApiController
            rule("POST /api/v1/campaigns", SUPPLIES_MANAGE), // SuppliesApiController
            rule("POST /api/v1/supply-requests", SUPPLIES_REQUEST), // SuppliesApiController
            rule("GET /api/v1/supply-requests", SUPPLIES_READ), // SuppliesApiController
            rule("GET /api/v1/supply-requests/{id}", SUPPLIES_READ, SUPPLIES_REQUEST), // SuppliesApiController
            rule("POST /api/v1/supply-requests/{id}/approve", SUPPLIES_APPROVE), // SuppliesApiController
            rule("POST /api/v1/supply-requests/{id}/reject", SUPPLIES_APPROVE), // SuppliesApiController
            rule("POST /api/v1/supply-requests/{id}/dispatches", SUPPLIES_MANAGE), // SuppliesApiController
            rule("POST /api/v1/dispatches/{id}/receipt", SUPPLIES_RECEIVE), // SuppliesApiController
            rule("GET /supplies", SUPPLIES_MANAGE, SUPPLIES_READ), // SuppliesPageController
            rule("GET /supplies/movements", SUPPLIES_MANAGE), // SuppliesPageController
            rule("GET /supplies/stock/{kind}", SUPPLIES_MANAGE), // SuppliesPageController
            rule("POST /supplies/stock/{kind}", SUPPLIES_MANAGE), // SuppliesPageController
            rule("GET /supplies/donations", SUPPLIES_MANAGE), // SuppliesPageController
            rule("GET /supplies/donations/new", SUPPLIES_MANAGE), // SuppliesPageController
            rule("POST /supplies/donations", SUPPLIES_MANAGE), // SuppliesPageController
            rule("GET /supplies/requests", SUPPLIES_READ), // SuppliesPageController
            rule("GET /supplies/requests/new", SUPPLIES_REQUEST), // SuppliesPageController
            rule("POST /supplies/requests", SUPPLIES_REQUEST), // SuppliesPageController
            rule("GET /supplies/requests/{id}", SUPPLIES_READ, SUPPLIES_REQUEST), // SuppliesPageController
            rule("POST /supplies/requests/{id}/approve", SUPPLIES_APPROVE), // SuppliesPageController
            rule("POST /supplies/requests/{id}/reject", SUPPLIES_APPROVE), // SuppliesPageController
            rule("POST /supplies/requests/{id}/dispatch", SUPPLIES_MANAGE), // SuppliesPageController
            rule("POST /supplies/dispatches/{id}/receipt", SUPPLIES_RECEIVE), // SuppliesPageController
            rule("GET /supplies/campaigns", SUPPLIES_READ), // SuppliesPageController
            rule("POST /supplies/campaigns", SUPPLIES_MANAGE) // SuppliesPageController
    );

    /** Demo accounts and the role each has (AccountsBootstrap). */
    static final Map<String, Role> DEMO = new LinkedHashMap<>();

    static {
        DEMO.put("admin", Role.ADMIN);
        DEMO.put("commander", Role.COMMANDER);
        DEMO.put("officer1", Role.OFFICER);
        DEMO.put("officer2", Role.OFFICER);
        DEMO.put("medic", Role.MEDIC);
        DEMO.put("grid1", Role.GRID_WORKER);
        DEMO.put("town1", Role.GRID_WORKER);
        DEMO.put("wg1", Role.WORKING_GROUP);
        DEMO.put("coordinator", Role.VOLUNTEER_COORDINATOR);
        DEMO.put("clerk", Role.SUPPLIES_CLERK);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountManagement accounts;

    /** Every endpoint of the application as "METHOD pattern" ("*" when the mapping takes any method). */
    Set<String> applicationEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        Map<String, RequestMappingHandlerMapping> mappings = context.getBeansOfType(RequestMappingHandlerMapping.class);
        for (RequestMappingHandlerMapping mapping : mappings.values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        endpoints.add("* " + pattern);
                    }
                    for (RequestMethod m : methods) {
                        endpoints.add(m.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyEndpointIsInTheTableAndTheTableNamesOnlyEndpointsThatExist() {
        Set<String> app = applicationEndpoints();
        Set<String> table = new TreeSet<>();
        for (Rule r : TABLE) {
            assertThat(table.add(r.key())).as("declared twice: %s", r.key()).isTrue();
        }
        Set<String> missing = new TreeSet<>(app);
        missing.removeAll(table);
        Set<String> stale = new TreeSet<>(table);
        stale.removeAll(app);
        missing.forEach(p -> System.out.println("MISSING " + p));
        stale.forEach(p -> System.out.println("STALE " + p));
        assertThat(missing).as("endpoints of the application missing from the authorisation table").isEmpty();
        assertThat(stale).as("endpoints of the table that the application no longer has").isEmpty();
    }

    @Test
    void handlerMethodsThatDeclareAPermissionDeclareTheTablesPermission() {
        Map<String, Rule> rules = new java.util.HashMap<>();
        TABLE.forEach(r -> rules.put(r.key(), r));
        int declared = 0;
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (var e : mapping.getHandlerMethods().entrySet()) {
                org.cordon.account.RequiresPermission required = org.springframework.core.annotation.AnnotatedElementUtils
                        .findMergedAnnotation(e.getValue().getMethod(), org.cordon.account.RequiresPermission.class);
                if (required == null) {
                    continue;
                }
                for (String pattern : e.getKey().getPatternValues()) {
                    for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
                        Rule rule = rules.get(m.name() + " " + pattern);
                        declared++;
                        assertThat(rule).as("%s %s", m, pattern).isNotNull();
                        assertThat(EnumSet.copyOf(Arrays.asList(required.value()))).as("%s %s", m, pattern).isEqualTo(rule.permissions);
                        assertThat(rule.checkedBeforeGate).as("%s %s is gated before binding", m, pattern).isFalse();
                    }
                }
            }
        }
        assertThat(declared).isGreaterThanOrEqualTo(10);
    }

    record Caller(String username, Role role, boolean demo, boolean hasArea, boolean outsideArea, boolean outsideCheckpoint) {
    }

    record Fixture(long passage, long returnee, long episode, String idNumber, String phone, String name, long person) {
    }

    Fixture fixture() throws Exception {
        String idNumber = randomIdNumber();
        String phone = randomPhone();
        String name = "矩阵测试";
        MvcResult created = mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "420102", "destinationAreaCode": "%s", "disinfected": true,
                                 "occupants": [{"name": "%s", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, name, idNumber, phone)))
                .andExpect(status().isCreated()).andReturn();
        long passage = readLong(created, "$.id");
        long returnee = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                        "select r.id from returnee r join occupant o on r.source_ref = 'occupant:' || o.id where o.passage_id = ?")
                .param(passage).query(Long.class).optional(), Optional::isPresent).orElseThrow();
        long episode = await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returnee).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
        long person = jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single();
        return new Fixture(passage, returnee, episode, idNumber, phone, name, person);
    }

    static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /** The path with its variables filled: the fixture's records where the endpoint reaches them, otherwise an unknown id. */
    static String path(Rule rule, Fixture f) {
        String p = rule.pattern;
        boolean read = rule.method.equals("GET");
        Matcher m = VARIABLE.matcher(p);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String before = p.substring(0, m.start());
            String value = switch (m.group(1)) {
                case "code" -> before.endsWith("/checkpoints/") ? "KK01"
                        : before.endsWith("/areas/") ? (read ? VILLAGE : "610881999999") : "NO-SUCH-GROUP";
                case "id" -> before.endsWith("/passages/") && !before.contains("/checkpoints/") ? String.valueOf(f.passage())
                        : before.endsWith("/returnees/") ? String.valueOf(f.returnee())
                        : before.endsWith("/observation/episodes/") ? String.valueOf(f.episode())
                        : before.endsWith("/people/") ? String.valueOf(f.person())
                        : NO_SUCH_ID;
                case "type" -> "venues";
                case "kind" -> "purchase";
                case "token" -> "no-such-token";
                default -> NO_SUCH_ID;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString() + (rule.query.isEmpty() ? "" : "?" + rule.query);
    }

    static Scope scopeOf(Rule rule) {
        if (rule.scope != Scope.NONE) {
            return rule.scope;
        }
        if (rule.pattern.matches(".*/(returnees|observation/episodes)/\\{id}.*")) {
            return Scope.AREA;
        }
        if (rule.pattern.matches("(/api/v1)?/passages/\\{id}.*")) {
            return Scope.CHECKPOINT;
        }
        return Scope.NONE;
    }

    @Test
    void everyRoleGetsWhatThePermissionTableGrantsAndNothingElse() throws Exception {
        Fixture f = fixture();
        String other = "mx" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(other, "password1-for-tests", "二村网格员", Role.GRID_WORKER, OTHER_VILLAGE, Set.of()));
        List<Caller> callers = new ArrayList<>();
        DEMO.forEach((u, r) -> callers.add(new Caller(u, r, true, r != Role.OFFICER, false, u.equals("officer2"))));
        callers.add(new Caller(other, Role.GRID_WORKER, false, true, true, true));

        List<String> problems = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int checks = 0;
        int endpoints = 0;
        for (Rule rule : TABLE) {
            if (rule.method.equals("*")) {
                continue;
            }
            endpoints++;
            Scope scope = scopeOf(rule);
            // refusals first, so that a granted call changing a fixture cannot mask them
            List<Caller> ordered = new ArrayList<>(callers.stream().filter(c -> !rule.grants(c)).toList());
            ordered.addAll(callers.stream().filter(c -> rule.grants(c)).toList());
            for (Caller c : ordered) {
                boolean granted = rule.grants(c);
                if (granted && rule.grantedNotCalled) {
                    continue;
                }
                boolean outside = (scope == Scope.AREA && c.outsideArea()) || (scope == Scope.CHECKPOINT && c.outsideCheckpoint());
                String path = path(rule, f);
                MvcResult result;
                checks++;
                try {
                    result = mvc.perform(call(rule, path, c)).andReturn();
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    problems.add(rule.key() + " as " + c.username() + " (" + c.role() + ") -> unhandled "
                            + cause.getClass().getSimpleName() + ": " + cause.getMessage() + " (a 500 in the server)");
                    continue;
                }
                int s = result.getResponse().getStatus();
                String where = rule.key() + " as " + c.username() + " (" + c.role() + ") -> " + s;
                outcomes.merge(granted ? (outside ? "outside" : "granted") + " " + s : "refused " + s, 1, Integer::sum);
                String location = result.getResponse().getRedirectedUrl();
                if (s >= 500) {
                    problems.add(where + " (server error)");
                } else if (location != null && location.contains("/login")) {
                    problems.add(where + " (signed-in user sent to the login page)");
                } else if (!granted) {
                    boolean ok = s == 403 || (rule.checkedBeforeGate && s >= 400 && s != 401);
                    if (!ok) {
                        problems.add(where + " (refused role expected 403)");
                    }
                } else if (outside) {
                    if (s != 403 && s != 404 && !(rule.checkedBeforeGate && s == 400)) {
                        problems.add(where + " (record outside the caller's " + scope + " expected 403/404)");
                    }
                } else if (s == 403 || s == 401) {
                    problems.add(where + " (the table grants it)");
                }
                leaks(where, body(result), c, f, problems);
            }
        }
        // nobody signed in: only the public endpoints answer; the API asks for credentials, pages send to the login page
        for (Rule rule : TABLE) {
            if (rule.method.equals("*")) {
                continue;
            }
            MockHttpServletRequestBuilder b = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .request(HttpMethod.valueOf(rule.method), path(rule, f));
            int n = ADDRESSES.incrementAndGet();
            b.with(r -> {
                r.setRemoteAddr("10.89." + (n / 256 % 256) + "." + (n % 256));
                return r;
            });
            if (!rule.method.equals("GET")) {
                if (rule.api()) {
                    b.contentType(MediaType.APPLICATION_JSON).content("{}");
                } else {
                    b.with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED);
                }
            }
            MvcResult result = mvc.perform(b).andReturn();
            checks++;
            int s = result.getResponse().getStatus();
            String location = result.getResponse().getRedirectedUrl();
            boolean toLogin = location != null && location.contains("/login");
            String where = rule.key() + " anonymously -> " + s;
            outcomes.merge("anonymous " + s, 1, Integer::sum);
            if (s >= 500) {
                problems.add(where + " (server error)");
            } else if (rule.access == Access.PUBLIC) {
                if (s == 401 || s == 403 || toLogin) {
                    problems.add(where + " (public endpoint refused)");
                }
            } else if (rule.api() ? s != 401 : !toLogin) {
                problems.add(where + " (expected " + (rule.api() ? "401" : "a redirect to the login page") + ")");
            }
            leaks(where, body(result), new Caller("anonymous", null, false, false, true, true), f, problems);
        }
        System.out.printf("Authorisation matrix: %d endpoints x %d callers + anonymous, %d requests checked; outcomes %s%n",
                endpoints, callers.size(), checks, outcomes);
        problems.forEach(p -> System.out.println("MATRIX " + p));
        assertThat(problems).as("authorisation matrix mismatches").isEmpty();
        assertThat(checks).isGreaterThan(2000);
    }

    MockHttpServletRequestBuilder call(Rule rule, String path, Caller c) {
        MockHttpServletRequestBuilder b = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(HttpMethod.valueOf(rule.method), path);
        // a fresh client address per request, so that the portal's per-address submission limit is not used up for other tests
        int n = ADDRESSES.incrementAndGet();
        b.with(r -> {
            r.setRemoteAddr("10.88." + (n / 256 % 256) + "." + (n % 256));
            return r;
        });
        if (rule.api()) {
            b.with(c.demo() ? as(c.username()) : httpBasic(c.username(), "password1-for-tests"));
            if (!rule.method.equals("GET") && !rule.method.equals("DELETE")) {
                b.contentType(MediaType.APPLICATION_JSON).content("{}");
            } else if (rule.method.equals("DELETE")) {
                b.header("X-Cordon-Client", "matrix");   // a body-less change signed with Basic must say it is no cross-site form
            }
        } else {
            b.with(user(accounts.loadUserByUsername(c.username())));
            if (!rule.method.equals("GET")) {
                b.with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED);
            }
        }
        return b;
    }

    /** Full personal values of the fixture appear only to callers who may reveal them for a record in their reach. */
    static void leaks(String where, String body, Caller c, Fixture f, List<String> problems) {
        boolean inside = !c.outsideArea() && !c.outsideCheckpoint();
        boolean mayRevealId = inside && RolePermissions.has(c.role(), PERSONAL_DATA_REVEAL);
        boolean mayRevealContact = inside && (mayRevealId || RolePermissions.has(c.role(), PERSONAL_CONTACT_REVEAL));
        if (!mayRevealId && body.contains(f.idNumber())) {
            problems.add(where + " (shows the full ID number)");
        }
        if (!mayRevealContact && body.contains(f.phone())) {
            problems.add(where + " (shows the full phone number)");
        }
        if (!mayRevealContact && body.contains(f.name())) {
            problems.add(where + " (shows the full name)");
        }
    }
}
