package org.cordon.healthcode.web;

import java.util.Locale;

import org.cordon.account.CordonUser;
import org.cordon.healthcode.HealthCodeManagement;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The passage form's online check of a scanned code (static/js/health-code-scan.js), with the page's session and CSRF
 * token: the API's {@code POST /api/v1/health-codes/verify} is stateless (API token or Basic) and does not take the
 * session. Same answer as the API's, in the page's language. The page verifies the code offline first; this answer,
 * when it comes, is the authoritative one (trusted issuers of other cities, revocations of the last seconds).
 */
@Controller
class HealthCodeScanController {

    private final HealthCodeManagement codes;
    private final MessageSource messages;

    HealthCodeScanController(HealthCodeManagement codes, MessageSource messages) {
        this.codes = codes;
        this.messages = messages;
    }

    @PostMapping("/checkpoints/health-code/verify")
    @ResponseBody
    ResponseEntity<HealthCodeApiController.VerifyResponse> verify(@AuthenticationPrincipal CordonUser user,
                                                                 @RequestParam(required = false) String token, Locale locale) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(HealthCodeApiController.response(codes.verify(user, token), messages, locale));
    }
}
