package org.cordon.notice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.notice.PortalManagement;
import org.cordon.notice.PortalStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public JSON of the portal (no sign-in): current notices and closures. Contains no personal data. */
@RestController
@Tag(name = "Public portal")
class PortalStatusApiController {

    private final PortalManagement portal;

    PortalStatusApiController(PortalManagement portal) {
        this.portal = portal;
    }

    @GetMapping("/portal/api/status")
    @SecurityRequirements
    @Operation(summary = "Current notices, closed venues, cancelled events, suspended transport services and hotlines (public)")
    ResponseEntity<PortalStatus> status() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(30)).cachePublic())
                .body(portal.status());
    }
}
