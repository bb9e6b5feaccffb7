package org.cordon.account.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SignInManagement;
import org.cordon.account.SignInThrottle;
import org.cordon.account.TwoFactorManagement;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Passwords and sign-in locks through the API: one's own password change, and the administrator's resets and unlocks. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts")
class SignInApiController {

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record TemporaryPassword(String temporaryPassword, boolean changeRequired) {
    }

    private final SignInManagement signIn;
    private final TwoFactorManagement twoFactor;

    SignInApiController(SignInManagement signIn, TwoFactorManagement twoFactor) {
        this.signIn = signIn;
        this.twoFactor = twoFactor;
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password (the current one is required; 400 with the policy's messages, 429 after repeated wrong ones)")
    void changePassword(@AuthenticationPrincipal CordonUser user, @RequestBody(required = false) PasswordChange change,
                        HttpServletRequest request) {
        signIn.changeOwnPassword(user, change == null ? null : change.currentPassword(), change == null ? null : change.newPassword(),
                request.getRemoteAddr());
    }

    @PostMapping("/accounts/{id}/password-reset")
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @Operation(summary = "Set a temporary password (returned once) that must be changed at the next sign-in; lifts a lock")
    TemporaryPassword resetPassword(@AuthenticationPrincipal CordonUser admin, @PathVariable long id) {
        return new TemporaryPassword(signIn.resetPassword(admin, id), true);
    }

    @DeleteMapping("/accounts/{id}/two-factor")
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an account's second factor (its owner lost the phone and the recovery codes)")
    void removeTwoFactor(@AuthenticationPrincipal CordonUser admin, @PathVariable long id) {
        twoFactor.removeByAdministrator(admin, id);
    }

    @GetMapping("/sign-in/locks")
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @Operation(summary = "Account names and client addresses locked or delayed after failed sign-ins")
    List<SignInThrottle.Entry> locks(@AuthenticationPrincipal CordonUser admin) {
        return signIn.throttled(admin);
    }

    @DeleteMapping("/sign-in/locks")
    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift the lock of an account name (kind=ACCOUNT) or a client address (kind=ADDRESS)")
    void unlock(@AuthenticationPrincipal CordonUser admin, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String subject) {
        signIn.unlock(admin, kind, subject);
    }
}
