package org.cordon.checkpoint.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.checkpoint.Alert;
import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.checkpoint.DailyCounts;
import org.cordon.checkpoint.KnownPerson;
import org.cordon.checkpoint.PassagePage;
import org.cordon.checkpoint.PassageRequest;
import org.cordon.checkpoint.PassageView;
import org.cordon.checkpoint.ScreeningRules;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of checkpoint screening. HTTP Basic; every call is limited to the caller's jurisdiction. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Checkpoint screening")
@SecurityRequirement(name = "basic")
class CheckpointApiController {

    private final CheckpointManagement checkpoints;

    CheckpointApiController(CheckpointManagement checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Checkpoints the caller may see")
    List<Checkpoint> checkpoints(@AuthenticationPrincipal CordonUser user) {
        return checkpoints.visibleCheckpoints(user);
    }

    @PostMapping("/checkpoints/{code}/passages")
    @Operation(summary = "Register a passage with its occupants",
            description = "201 with the stored passage and each occupant's disposition; a repeat with the same clientId "
                    + "returns 200 with the stored passage and stores nothing. 400 problem details list every invalid field.")
    ResponseEntity<PassageView> register(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                                         @RequestBody PassageRequest request) {
        CheckpointManagement.Registration registration = checkpoints.registerPassage(user, code, request);
        PassageView passage = registration.passage();
        if (registration.created()) {
            return ResponseEntity.created(URI.create("/api/v1/passages/" + passage.id())).body(passage);
        }
        return ResponseEntity.ok(passage);
    }

    @GetMapping("/checkpoints/{code}/passages")
    @Operation(summary = "A day's passages at a checkpoint, newest first, masked",
            description = "q: plate prefix, or a full ID or phone number")
    PassagePage passages(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                         @RequestParam(required = false) String q,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return checkpoints.passages(user, code, date, q, page, size);
    }

    @GetMapping("/checkpoints/{code}/counts")
    @Operation(summary = "A checkpoint's figures for a day")
    DailyCounts counts(@AuthenticationPrincipal CordonUser user, @PathVariable String code,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return checkpoints.dailyCounts(user, date, code).get(0);
    }

    @GetMapping("/counts")
    @Operation(summary = "Figures for a day of every checkpoint the caller may see")
    List<DailyCounts> allCounts(@AuthenticationPrincipal CordonUser user,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return checkpoints.dailyCounts(user, date, null);
    }

    @GetMapping("/passages/{id}")
    @Operation(summary = "One passage; full=true shows full ID numbers and phones (permission needed, audit-logged)")
    PassageView passage(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                        @RequestParam(defaultValue = "false") boolean full) {
        return checkpoints.passage(user, id, full);
    }

    /** Body of a known-person look-up; POST keeps ID numbers out of URLs and access logs. */
    record LookupRequest(String idType, String idNumber) {
    }

    @PostMapping("/people/lookup")
    @Operation(summary = "Known person: masked name and phone, earlier passages in the caller's jurisdiction")
    KnownPerson lookup(@AuthenticationPrincipal CordonUser user, @RequestBody LookupRequest request) {
        return checkpoints.lookup(user, request.idType(), request.idNumber());
    }

    @GetMapping("/screening-rules")
    @Operation(summary = "Fever threshold and risk areas")
    ScreeningRules rules() {
        return checkpoints.rules();
    }

    record ThresholdRequest(BigDecimal feverThreshold) {
    }

    @PutMapping("/screening-rules/fever-threshold")
    @Operation(summary = "Set the fever threshold (commander, administrator)")
    ScreeningRules threshold(@AuthenticationPrincipal CordonUser user, @RequestBody ThresholdRequest request) {
        checkpoints.updateFeverThreshold(user, request.feverThreshold());
        return checkpoints.rules();
    }

    record RiskAreaRequest(String codePrefix, LocalDate validFrom, LocalDate validTo) {
    }

    @PostMapping("/risk-areas")
    @Operation(summary = "Add a risk area by division-code prefix (commander, administrator)")
    ResponseEntity<ScreeningRules> addRiskArea(@AuthenticationPrincipal CordonUser user, @RequestBody RiskAreaRequest request) {
        long id = checkpoints.addRiskArea(user, request.codePrefix(), request.validFrom(), request.validTo());
        return ResponseEntity.created(URI.create("/api/v1/risk-areas/" + id)).body(checkpoints.rules());
    }

    record EndRequest(LocalDate validTo) {
    }

    @PutMapping("/risk-areas/{id}/end")
    @Operation(summary = "End a risk area's validity on a day (commander, administrator)")
    ScreeningRules endRiskArea(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody EndRequest request) {
        checkpoints.endRiskArea(user, id, request.validTo());
        return checkpoints.rules();
    }

    @GetMapping("/alerts")
    @Operation(summary = "Open fever referrals and risk arrivals (commander, medical staff)")
    List<Alert> alerts(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all) {
        return checkpoints.alerts(user, all);
    }

    @PostMapping("/alerts/{id}/acknowledge")
    @Operation(summary = "Acknowledge an alert")
    ResponseEntity<Void> acknowledge(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        checkpoints.acknowledgeAlert(user, id);
        return ResponseEntity.noContent().build();
    }
}
