package org.cordon.observation.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.Permission;
import org.cordon.observation.AreaCount;
import org.cordon.observation.CaseManagement;
import org.cordon.observation.CaseView;
import org.cordon.observation.IsolationManagement;
import org.cordon.observation.IsolationOutcomeRequest;
import org.cordon.observation.IsolationView;
import org.cordon.observation.ReferralOutcomeRequest;
import org.cordon.observation.SiteManagement;
import org.cordon.observation.SiteRequest;
import org.cordon.observation.TravellerContactRequest;
import org.cordon.observation.CheckRequest;
import org.cordon.observation.CheckResult;
import org.cordon.observation.CloseContactManagement;
import org.cordon.observation.CloseContactRequest;
import org.cordon.observation.EpisodeManagement;
import org.cordon.observation.EpisodeView;
import org.cordon.observation.QuarantineSite;
import org.cordon.observation.ReferralManagement;
import org.cordon.observation.ReferralView;
import org.cordon.observation.VillageReport;
import org.cordon.observation.VillageReportManagement;
import org.cordon.observation.Worklist;
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

/** JSON API of medical observation; limited to the caller's area. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Medical observation")
@SecurityRequirement(name = "basic")
class ObservationApiController {

    private final EpisodeManagement episodes;
    private final ReferralManagement referrals;
    private final CloseContactManagement contacts;
    private final VillageReportManagement reports;
    private final IsolationManagement isolations;
    private final CaseManagement cases;
    private final SiteManagement sites;
    private final org.cordon.shared.web.Forms forms;

    ObservationApiController(EpisodeManagement episodes, ReferralManagement referrals, CloseContactManagement contacts,
                             VillageReportManagement reports, IsolationManagement isolations, CaseManagement cases,
                             SiteManagement sites, org.cordon.shared.web.Forms forms) {
        this.forms = forms;
        this.episodes = episodes;
        this.referrals = referrals;
        this.contacts = contacts;
        this.reports = reports;
        this.isolations = isolations;
        this.cases = cases;
        this.sites = sites;
    }

    @GetMapping("/observation/worklist")
    @Operation(summary = "Today's work: checks due now, missed, open referrals, episodes ending, all open episodes")
    Worklist worklist(@AuthenticationPrincipal CordonUser user) {
        return episodes.worklist(user);
    }

    @GetMapping("/observation/episodes")
    @Operation(summary = "Open episodes in the caller's area (all=true: closed ones too)")
    List<EpisodeView> episodes(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all) {
        return episodes.episodes(user, all);
    }

    @GetMapping("/observation/episodes/{id}")
    @Operation(summary = "One episode with its checks; full=true reveals the person as far as the caller's role allows "
            + "(grid workers and town staff: name and phone; reveal roles: everything), audit-logged")
    EpisodeView episode(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                        @RequestParam(defaultValue = "false") boolean full) {
        return episodes.episode(user, id, full);
    }

    /** The decision on a reported identity: adopt the reported values ({@code true}) or keep the registered ones. */
    record IdentityDecision(Boolean accept) {
    }

    @RequiresPermission(Permission.OBSERVATION_READ)
    @PostMapping("/observation/episodes/{id}/identity")
    @Operation(summary = "Confirm the identity reported for the person of this episode where it differs from the registered "
            + "one: accept=true adopts it (audited), false keeps the registered values (404 when there is no difference)")
    EpisodeView identity(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                          @RequestBody(required = false) IdentityDecision decision) {
        // the record's jurisdiction is checked before the decision, so outsiders learn nothing from a 400
        return episodes.confirmIdentity(user, id, decision == null ? null : decision.accept());
    }

    @PostMapping("/observation/episodes/{id}/checks")
    @Operation(summary = "Record a morning or evening check; an abnormal one opens a referral")
    CheckResult check(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody CheckRequest request) {
        return episodes.recordCheck(user, id, request);
    }

    /** A round's checks, one row per person ({@link EpisodeManagement#recordChecks}). */
    record RoundRequest(List<org.cordon.observation.RoundCheck> checks) {
    }

    /** What came of one row: SAVED, ALREADY_SAVED (its clientId was stored before) or REJECTED with a message per field. */
    record RoundRow(int row, Long episodeId, java.util.UUID clientId, org.cordon.observation.RoundCheckResult.Outcome outcome,
                    boolean abnormal, Long referralId, java.util.Map<String, String> errors) {
    }

    /** The answer to a round: counts and the rows in the order sent. */
    record RoundAnswer(int saved, int alreadySaved, int rejected, List<RoundRow> results) {
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/observation/checks")
    @Operation(summary = "Record a round's checks at once (at most 200 rows): each row as the single check of its episode, "
            + "saved on its own (partial saves). Per row: SAVED, ALREADY_SAVED (clientId stored before, nothing new) or REJECTED "
            + "with a message per field. 200 when any row was saved or already saved; 400 with the problems of every row "
            + "(checks[i].field) when none was; an abnormal row notifies the medics (referralId)")
    ResponseEntity<RoundAnswer> checks(@AuthenticationPrincipal CordonUser user, @RequestBody RoundRequest request,
                                       java.util.Locale locale) {
        List<org.cordon.observation.RoundCheckResult> results = episodes.recordChecks(user, request == null ? null : request.checks());
        List<RoundRow> rows = new java.util.ArrayList<>();
        List<org.cordon.shared.FieldProblem> all = new java.util.ArrayList<>();
        int saved = 0;
        int again = 0;
        for (org.cordon.observation.RoundCheckResult r : results) {
            java.util.Map<String, String> errors = r.problems().isEmpty() ? java.util.Map.of()
                    : forms.errors(new org.cordon.shared.ValidationFailedException(r.problems()), locale);
            rows.add(new RoundRow(r.row(), r.episodeId(), r.clientId(), r.outcome(), r.abnormal(), r.referralId(), errors));
            switch (r.outcome()) {
                case SAVED -> saved++;
                case ALREADY_SAVED -> again++;
                case REJECTED -> r.problems().forEach(p -> all.add(new org.cordon.shared.FieldProblem(
                        "checks[" + r.row() + "]." + p.field(), p.code(), p.args())));
            }
        }
        if (saved == 0 && again == 0) {
            throw new org.cordon.shared.ValidationFailedException(all); // nothing was stored: a plain 400
        }
        return ResponseEntity.ok(new RoundAnswer(saved, again, results.size() - saved - again, rows));
    }

    @PostMapping("/observation/episodes/{id}/release")
    @Operation(summary = "Release from observation when the period is over and every check was normal")
    EpisodeView release(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return episodes.release(user, id);
    }

    @GetMapping("/observation/counts")
    @Operation(summary = "Figures per child area of the caller's area (or of root) for a day")
    List<AreaCount> counts(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String root,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return reports.areaCounts(user, root, date);
    }

    @GetMapping("/referrals")
    @Operation(summary = "Referrals to fever clinics in the caller's area (all=true: with outcomes)")
    List<ReferralView> referrals(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all) {
        return referrals.referrals(user, all);
    }

    @GetMapping("/referrals/{id}")
    @Operation(summary = "One referral with its outcome and where the person went next (followUp: observation, isolation, case, none)")
    ReferralView referral(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return referrals.referral(user, id);
    }

    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    @PostMapping("/referrals/{id}/outcome")
    @Operation(summary = "Record the outcome: EXCLUDED (observation continues, or starts for a risk arrival referred at a checkpoint: "
            + "kind HOME or CENTRALISED with siteId), SUSPECTED (isolation at siteId, an isolation site with a free bed: required), "
            + "CONFIRMED (a case with its contact-tracing task). The answer's followUp tells where the person went.")
    ReferralView outcome(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody ReferralOutcomeRequest request) {
        return referrals.recordOutcome(user, id, request);
    }

    // ------------------------------------------------------------------ isolations

    @GetMapping("/isolations")
    @Operation(summary = "Isolations of suspected cases in the caller's area (all=true: ended ones too)")
    List<IsolationView> isolations(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "false") boolean all) {
        return isolations.isolations(user, all);
    }

    @GetMapping("/isolations/{id}")
    @Operation(summary = "One isolation with its checks; full=true reveals the person as far as the caller's role allows (audited)")
    IsolationView isolation(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                            @RequestParam(defaultValue = "false") boolean full) {
        return isolations.isolation(user, id, full);
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/isolations/{id}/checks")
    @Operation(summary = "Record a check during an isolation (a day from its start up to today, one per slot)")
    IsolationView isolationCheck(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody CheckRequest request) {
        return isolations.recordCheck(user, id, request);
    }

    @RequiresPermission(Permission.REFERRAL_OUTCOME)
    @PostMapping("/isolations/{id}/outcome")
    @Operation(summary = "The isolation's outcome: RELEASED (observation resumes for the rest of the period of a person from a "
            + "risk area or a contact) or CONFIRMED (a case with its contact-tracing task)")
    IsolationView isolationOutcome(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                                   @RequestBody IsolationOutcomeRequest request) {
        return isolations.recordOutcome(user, id, request);
    }

    // ------------------------------------------------------------------ cases and tracing

    @GetMapping("/cases")
    @Operation(summary = "Confirmed cases in the caller's area, those still being traced first")
    List<CaseView> cases(@AuthenticationPrincipal CordonUser user) {
        return cases.cases(user);
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "One case with its contact-tracing task: fellow travellers (same checkpoint passages) and close contacts")
    CaseView caseOf(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return cases.caseOf(user, id);
    }

    @PostMapping("/cases/{id}/travellers/search")
    @Operation(summary = "Search the checkpoints again for people who travelled with the case")
    CaseView searchTravellers(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return cases.findTravellers(user, id);
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/travellers/{travellerId}/contact")
    @Operation(summary = "Make a fellow traveller a close contact, observed from the day of the shared passage in their place of "
            + "residence (areaCode, required) by its grid worker")
    ResponseEntity<ContactCreated> travellerContact(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                                                    @PathVariable long travellerId, @RequestBody TravellerContactRequest request) {
        return ResponseEntity.status(201).body(new ContactCreated(contacts.registerTraveller(user, id, travellerId, request)));
    }

    record DismissRequest(String note) {
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/cases/{id}/travellers/{travellerId}/dismiss")
    @Operation(summary = "Record that a fellow traveller is no close contact (note: the reason, required)")
    CaseView dismissTraveller(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @PathVariable long travellerId,
                              @RequestBody DismissRequest request) {
        return cases.dismissTraveller(user, id, travellerId, request.note());
    }

    @PostMapping("/cases/{id}/tracing/complete")
    @Operation(summary = "Complete the tracing task (refused while a fellow traveller is undecided)")
    CaseView completeTracing(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return cases.completeTracing(user, id);
    }

    record ContactCreated(long episodeId) {
    }

    @RequiresPermission(Permission.OBSERVATION_CHECK)
    @PostMapping("/close-contacts")
    @Operation(summary = "Register a close contact of a suspected or confirmed person; starts their observation")
    ResponseEntity<ContactCreated> contact(@AuthenticationPrincipal CordonUser user, @RequestBody CloseContactRequest request) {
        return ResponseEntity.status(201).body(new ContactCreated(contacts.registerCloseContact(user, request)));
    }

    record ReportRequest(String areaCode, LocalDate date, String note) {
    }

    @PostMapping("/observation/reports")
    @Operation(summary = "Submit a village's daily report (figures are counted; zero reports included)")
    VillageReport report(@AuthenticationPrincipal CordonUser user, @RequestBody ReportRequest request) {
        return reports.submitReport(user, request.areaCode(), request.date(), request.note());
    }

    @GetMapping("/observation/reports")
    @Operation(summary = "Every village in the caller's area with its report of the day; missing ones have no submittedAt")
    List<VillageReport> reports(@AuthenticationPrincipal CordonUser user,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return reports.reports(user, date);
    }

    @GetMapping("/quarantine-sites")
    @Operation(summary = "Designated sites (purpose OBSERVATION: centralised observation; ISOLATION: suspected cases) with "
            + "capacity and occupancy")
    List<QuarantineSite> sites(@AuthenticationPrincipal CordonUser user) {
        return sites.sites(user);
    }

    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @PostMapping("/quarantine-sites")
    @Operation(summary = "Add a designated site (administrators): name, areaCode, address, capacity, purpose")
    ResponseEntity<QuarantineSite> createSite(@AuthenticationPrincipal CordonUser user, @RequestBody SiteRequest request) {
        return ResponseEntity.status(201).body(sites.createSite(user, request));
    }

    @RequiresPermission(Permission.ACCOUNT_ADMIN)
    @PutMapping("/quarantine-sites/{id}")
    @Operation(summary = "Change a site's name, address, capacity (not below the beds taken) or active flag (administrators)")
    QuarantineSite updateSite(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody SiteRequest request) {
        return sites.updateSite(user, id, request);
    }
}
