package org.cordon.account.web;

import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I: role and jurisdiction of the caller. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts")
class AccountApiController {

    record Me(String username, String displayName, Role role, String areaCode, Set<String> checkpointCodes) {
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's account, role and jurisdiction")
    Me me(@AuthenticationPrincipal CordonUser user) {
        return new Me(user.getUsername(), user.displayName(), user.role(), user.jurisdiction().areaCode(),
                user.jurisdiction().checkpointCodes());
    }
}
