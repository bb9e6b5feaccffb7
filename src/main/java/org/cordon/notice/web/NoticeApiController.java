package org.cordon.notice.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.notice.NoticeManagement;
import org.cordon.notice.NoticeRequest;
import org.cordon.notice.NoticeStatus;
import org.cordon.notice.NoticeView;
import org.cordon.notice.Place;
import org.cordon.notice.PortalManagement;
import org.cordon.notice.TargetType;
import org.cordon.notice.VolunteerSignup;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of notices (commanders and administrators), places with their status, volunteer sign-ups. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notices and closures")
@SecurityRequirement(name = "basic")
class NoticeApiController {

    /** Body of a revocation. */
    record Revocation(String reason) {
    }

    private final NoticeManagement notices;
    private final PortalManagement portal;

    NoticeApiController(NoticeManagement notices, PortalManagement portal) {
        this.notices = notices;
        this.portal = portal;
    }

    @GetMapping("/notices")
    @Operation(summary = "Notices, newest first (status: DRAFT, PUBLISHED, REVOKED; default all)")
    List<NoticeView> notices(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) NoticeStatus status) {
        return notices.notices(user, status);
    }

    @GetMapping("/notices/{id}")
    @Operation(summary = "One notice")
    NoticeView notice(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return notices.notice(user, id);
    }

    @PostMapping("/notices")
    @Operation(summary = "Create a draft (201); effective times are city time")
    ResponseEntity<NoticeView> create(@AuthenticationPrincipal CordonUser user, @RequestBody NoticeRequest request) {
        NoticeView n = notices.createDraft(user, request);
        return ResponseEntity.created(URI.create("/api/v1/notices/" + n.id())).body(n);
    }

    @PutMapping("/notices/{id}")
    @Operation(summary = "Change a draft (published notices are immutable: 400)")
    NoticeView update(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody NoticeRequest request) {
        return notices.updateDraft(user, id, request);
    }

    @DeleteMapping("/notices/{id}")
    @Operation(summary = "Delete a draft (204)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        notices.deleteDraft(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/notices/{id}/publish")
    @Operation(summary = "Publish a draft: assigns the next number of the year")
    NoticeView publish(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return notices.publish(user, id);
    }

    @PostMapping("/notices/{id}/revoke")
    @Operation(summary = "Revoke a published notice with a reason: its closures end at once")
    NoticeView revoke(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody(required = false) Revocation body) {
        return notices.revoke(user, id, body == null ? null : body.reason());
    }

    @GetMapping("/venues")
    @Operation(summary = "Venues with their status (closure = the earliest notice in effect closing it)")
    List<Place> venues(@AuthenticationPrincipal CordonUser user) {
        return notices.places(user, TargetType.VENUE);
    }

    @GetMapping("/events")
    @Operation(summary = "Public events with their status")
    List<Place> events(@AuthenticationPrincipal CordonUser user) {
        return notices.places(user, TargetType.EVENT);
    }

    @GetMapping("/transport-services")
    @Operation(summary = "Transport services with their status")
    List<Place> services(@AuthenticationPrincipal CordonUser user) {
        return notices.places(user, TargetType.SERVICE);
    }

    @GetMapping("/volunteer-signups")
    @Operation(summary = "Volunteer sign-ups from the portal, phones masked (commander, admin, volunteer coordinator)")
    List<VolunteerSignup> volunteerSignups(@AuthenticationPrincipal CordonUser user) {
        return portal.volunteerSignups(user);
    }
}
