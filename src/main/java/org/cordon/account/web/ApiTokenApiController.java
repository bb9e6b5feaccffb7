package org.cordon.account.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.ApiTokenKind;
import org.cordon.account.ApiTokenManagement;
import org.cordon.account.ApiTokenSummary;
import org.cordon.account.CordonUser;
import org.cordon.account.IssuedApiToken;
import org.cordon.account.NewApiToken;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens for devices and integrations: issue (the value is in this one answer only), list, revoke. Administrators. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Accounts")
class ApiTokenApiController {

    /** A token to issue: for {@code username}'s account; {@code expiresOn} (last valid day, city time) optional. */
    record IssueRequest(String username, String name, ApiTokenKind kind, LocalDate expiresOn) {
    }

    private final ApiTokenManagement tokens;

    ApiTokenApiController(ApiTokenManagement tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @Operation(summary = "Issue an API token for an account (the token is in this answer only; audited)")
    IssuedApiToken issue(@AuthenticationPrincipal CordonUser admin, @RequestBody IssueRequest request) {
        return tokens.issue(admin, new NewApiToken(request.username(), request.name(), request.kind(), request.expiresOn()));
    }

    @GetMapping
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @Operation(summary = "API tokens, newest first, with last use and status (never their values)")
    List<ApiTokenSummary> list(@AuthenticationPrincipal CordonUser admin) {
        return tokens.tokens(admin);
    }

    @PostMapping("/{id}/revoke")
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @Operation(summary = "Revoke an API token: refused from the next request on (audited)")
    ApiTokenSummary revoke(@AuthenticationPrincipal CordonUser admin, @PathVariable long id) {
        return tokens.revoke(admin, id);
    }
}
