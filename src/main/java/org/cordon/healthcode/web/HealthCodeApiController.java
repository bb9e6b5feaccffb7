package org.cordon.healthcode.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.healthcode.CodeColor;
import org.cordon.healthcode.CodeReason;
import org.cordon.healthcode.HealthCodeKeyManagement;
import org.cordon.healthcode.HealthCodeManagement;
import org.cordon.healthcode.IssuedCode;
import org.cordon.healthcode.RevocationList;
import org.cordon.healthcode.Verification;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The health code's API: a person's code for staff, verification, the revocation list, keys and trusted issuers. */
@RestController
@Tag(name = "Health code")
class HealthCodeApiController {

    private final HealthCodeManagement codes;
    private final HealthCodeKeyManagement keys;
    private final MessageSource messages;

    HealthCodeApiController(HealthCodeManagement codes, HealthCodeKeyManagement keys, MessageSource messages) {
        this.codes = codes;
        this.keys = keys;
        this.messages = messages;
    }

    record StaffCode(CodeColor color, String token, Instant validUntil, Instant issuedAt, Instant colourSince,
                     List<CodeReason> reasons, List<String> reasonTexts, String name, Integer birthYear, int qrVersion) {
    }

    @GetMapping("/api/v1/people/{id}/health-code")
    @Operation(summary = "The health code of a person in one's area, with the reasons for its colour (staff)")
    StaffCode code(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale) {
        IssuedCode c = codes.codeOf(user, id);
        return new StaffCode(c.color(), c.token(), c.validUntil(), c.issuedAt(), c.colourSince(), c.reasons(),
                c.reasons().stream().map(r -> messages.getMessage("healthCode.reason." + r, null, locale)).toList(),
                c.holderName().text(), c.birthYear(), org.cordon.healthcode.HealthCodeQr.version(c.token()));
    }

    record VerifyRequest(String token) {
    }

    /**
     * @param disposition what the checkpoint's rules propose for the colour: FEVER_REFERRAL (red), HOME_OBSERVATION
     *                    (yellow), RELEASED (green); null when not valid
     */
    record VerifyResponse(boolean valid, CodeColor color, String problem, String message, String issuer, boolean ownIssuer,
                          String issuerName, String name, Integer birthYear, Instant issuedAt, Instant expiresAt, boolean card,
                          String disposition) {
    }

    @PostMapping("/api/v1/health-codes/verify")
    @Operation(summary = "Verify a scanned health code: issuer, key, signature, validity and revocation")
    VerifyResponse verify(@AuthenticationPrincipal CordonUser user, @RequestBody(required = false) VerifyRequest request, Locale locale) {
        Verification v = codes.verify(user, request == null ? null : request.token());
        return response(v, messages, locale);
    }

    static VerifyResponse response(Verification v, MessageSource messages, Locale locale) {
        String message = messages.getMessage(v.valid() ? "healthCode.scan.verified" : "healthCode.problem." + v.problem(), null, locale);
        String disposition = !v.valid() ? null : switch (v.color()) {
            case RED -> "FEVER_REFERRAL";
            case YELLOW -> "HOME_OBSERVATION";
            case GREEN -> "RELEASED";
        };
        return new VerifyResponse(v.valid(), v.valid() ? v.color() : null, v.problem(), message, v.issuer(), v.ownIssuer(),
                v.issuerName(), v.name(), v.birthYear(), v.issuedAt(), v.expiresAt(), v.card(), disposition);
    }

    @GetMapping("/api/v1/health-codes/revocations")
    @SecurityRequirements
    @Operation(summary = "Code ids revoked after a cursor, for offline verifiers (public); ask again with the answer's cursor")
    ResponseEntity<RevocationList> revocations(@RequestParam(defaultValue = "0") long since) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(codes.revocations(since));
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    @SecurityRequirements
    @Operation(summary = "This platform's health-code public keys (JWK set, RFC 7517; Ed25519, RFC 8037)")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .contentType(MediaType.valueOf("application/jwk-set+json")).body(keys.jwks());
    }

    @GetMapping("/api/v1/health-codes/keys")
    @Operation(summary = "This platform's published signing keys (administrators)")
    List<HealthCodeKeyManagement.PublishedKey> publishedKeys(@AuthenticationPrincipal CordonUser user) {
        return keys.publishedKeys(user);
    }

    @PostMapping("/api/v1/health-codes/keys/rotate")
    @Operation(summary = "Replace the signing key now; the old one stays published until its codes have expired")
    HealthCodeKeyManagement.PublishedKey rotate(@AuthenticationPrincipal CordonUser user) {
        return keys.rotate(user);
    }

    @GetMapping("/api/v1/health-codes/issuers")
    @Operation(summary = "Trusted keys of other issuers (mutual recognition)")
    List<HealthCodeKeyManagement.TrustedKeyView> issuers(@AuthenticationPrincipal CordonUser user) {
        return keys.trustedKeys(user);
    }

    record TrustRequest(String issuer, String name, Object jwks) {
    }

    @PostMapping("/api/v1/health-codes/issuers")
    @Operation(summary = "Trust another issuer's Ed25519 keys from its published JWK set: {\"issuer\", \"name\", \"jwks\"}")
    ResponseEntity<List<HealthCodeKeyManagement.TrustedKeyView>> trust(@AuthenticationPrincipal CordonUser user,
                                                                      @RequestBody TrustRequest request) {
        String json = request.jwks() == null ? null : request.jwks() instanceof String s ? s
                : request.jwks() instanceof java.util.Map<?, ?> m ? toJson(m) : null;
        return ResponseEntity.status(201).body(keys.trust(user, request.issuer(), request.name(), json));
    }

    @SuppressWarnings("unchecked")
    private static String toJson(java.util.Map<?, ?> map) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString((java.util.Map<String, ?>) map);
    }

    @DeleteMapping("/api/v1/health-codes/issuers/{id}")
    @Operation(summary = "Stop trusting a key of another issuer")
    ResponseEntity<Void> distrust(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        keys.distrust(user, id);
        return ResponseEntity.noContent().build();
    }
}
