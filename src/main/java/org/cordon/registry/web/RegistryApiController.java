package org.cordon.registry.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.Permission;
import org.cordon.registry.PersonSummary;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReturneeRequest;
import org.cordon.registry.ReturneeStatus;
import org.cordon.registry.ReturneeView;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of the person registry and returnees; limited to the caller's area. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Returnee registry")
@SecurityRequirement(name = "basic")
class RegistryApiController {

    private final RegistryManagement registry;
    private final MessageSource messages;

    RegistryApiController(RegistryManagement registry, MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    /**
     * The answer to a registration: the record (its fields at the top level, as {@code GET /returnees/{id}} gives
     * them) and whether it was registered before.
     *
     * @param alreadyRegistered true when the arrival was registered before and nothing new was stored
     * @param registeredBefore  that earlier registration (when, how, by whom); null otherwise
     */
    record RegistrationAnswer(@JsonUnwrapped ReturneeView returnee, boolean alreadyRegistered,
                              RegistryManagement.EarlierRegistration registeredBefore) {
    }

    @GetMapping("/returnees")
    @Operation(summary = "Returnees whose destination lies in the area (default: the caller's), newest arrival first, masked")
    RegistryManagement.ReturneePage returnees(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String area,
                                              @RequestParam(required = false) ReturneeStatus status,
                                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return registry.returnees(user, area, status, page, size);
    }

    @PostMapping("/returnees")
    @Operation(summary = "Register a returnee door to door. One person, one arrival, one record: 201 with the new record; "
            + "200 with the existing record (Location, alreadyRegistered=true, registeredBefore) when the person's arrival "
            + "(arrival dates at most 2 days apart, any source) is registered already — nothing new is stored, empty "
            + "details are filled in, differing identity values are kept as reported; 200 when sourceRef was used before; "
            + "409 (problem with arrivedOn, registeredAt, source, destinationName) when that record lies outside the "
            + "caller's jurisdiction (counted and audited as an exact search)")
    ResponseEntity<?> register(@AuthenticationPrincipal CordonUser user, @RequestBody ReturneeRequest request) {
        RegistryManagement.Registration r = registry.registerReturnee(user, request);
        RegistryManagement.EarlierRegistration before = r.alreadyRegistered();
        if (before != null && !before.visible()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(elsewhere(before));
        }
        RegistrationAnswer answer = new RegistrationAnswer(r.returnee(), before != null, before);
        URI location = URI.create("/api/v1/returnees/" + r.returnee().id());
        if (r.created()) {
            return ResponseEntity.created(location).body(answer);
        }
        return ResponseEntity.ok().location(location).body(answer);
    }

    private ProblemDetail elsewhere(RegistryManagement.EarlierRegistration before) {
        Locale locale = LocaleContextHolder.getLocale();
        String source = messages.getMessage("returneeSource." + before.source(), null, before.source().name(), locale);
        ProblemDetail problem = Problems.problem(messages, locale, HttpStatus.CONFLICT, "urn:cordon:problem:already-registered",
                "registry.alreadyRegisteredElsewhere", before.arrivedOn().toString(), source, before.destinationName());
        problem.setProperty("arrivedOn", before.arrivedOn().toString());
        problem.setProperty("registeredAt", before.registeredAt().toString());
        problem.setProperty("source", before.source().name());
        problem.setProperty("destinationName", before.destinationName());
        return problem;
    }

    @GetMapping("/returnees/{id}")
    @Operation(summary = "One returnee; full=true reveals the person as far as the caller's role allows (reveal roles: "
            + "everything; grid workers and town staff: name and phone), audit-logged")
    ReturneeView returnee(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                          @RequestParam(defaultValue = "false") boolean full) {
        return registry.returnee(user, id, full);
    }

    /** The decision on a reported identity: adopt the reported values ({@code true}) or keep the registered ones. */
    record IdentityDecision(Boolean accept) {
    }

    @RequiresPermission(Permission.RETURNEE_REGISTER)
    @PostMapping("/returnees/{id}/identity")
    @Operation(summary = "Confirm the identity reported by this registration where it differs from the registered person: "
            + "accept=true adopts the reported values (audited), false keeps the registered ones; the difference is cleared "
            + "(404 when there is none)")
    ReturneeView identity(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                          @RequestBody(required = false) IdentityDecision decision) {
        // the record's jurisdiction is checked before the decision, so outsiders learn nothing from a 400
        return registry.confirmReturneeIdentity(user, id, decision == null ? null : decision.accept());
    }

    @PostMapping("/returnees/{id}/verify")
    @Operation(summary = "Confirm a self-reported returnee (starts observation)")
    ResponseEntity<Void> verify(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        registry.verifyReturnee(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/people")
    @Operation(summary = "Search persons in the caller's area by name (fuzzy) or a full ID or phone number; masked")
    List<PersonSummary> people(@AuthenticationPrincipal CordonUser user, @RequestParam String q) {
        return registry.searchPersons(user, q);
    }
}
