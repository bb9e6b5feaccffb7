package org.cordon.notice.web;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.healthcode.Declared;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.HealthDeclarationRequest;
import org.cordon.healthcode.IssuedCode;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The public JSON of the health code (no sign-in): declare and get a code; reopen it with its secret link. */
@RestController
@Tag(name = "Public portal")
class PortalHealthCodeApiController {

    private static final String HEALTH_CODE = PortalHealthCodeController.HEALTH_CODE;

    private final HealthCodeManagement codes;
    private final SubmissionRateLimiter limiter;

    PortalHealthCodeApiController(HealthCodeManagement codes, SubmissionRateLimiter limiter) {
        this.codes = codes;
        this.limiter = limiter;
    }

    
    record PublicCode(String color, String token, java.time.Instant validUntil, java.time.Instant issuedAt, String name,
                      Integer birthYear, String link) {
        static PublicCode of(IssuedCode c, String secret) {
            return new PublicCode(c.color().name(), c.token(), c.validUntil(), c.issuedAt(), c.holderName().text(), c.birthYear(),
                    secret == null ? null : "/portal/health-code/c/" + secret);
        }
    }

    @PostMapping("/portal/api/health-code/declarations")
    @SecurityRequirements
    @Operation(summary = "Declare and get a health code (public): the code and a secret link to reopen it")
    ResponseEntity<PublicCode> declareJson(@RequestBody HealthDeclarationRequest body, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        if (!limiter.tryAcquire(HEALTH_CODE, client)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(limiter.retryAfterSeconds(HEALTH_CODE, client))).build();
        }
        Declared d = codes.declare(body, client);
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(PublicCode.of(d.code(), d.secret()));
    }

    @GetMapping("/portal/api/health-code/{secret}")
    @SecurityRequirements
    @Operation(summary = "The code behind a secret link (public): colour, token, validity, masked name")
    ResponseEntity<PublicCode> codeJson(@PathVariable String secret) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(PublicCode.of(codes.codeByLink(secret), null));
    }

}
