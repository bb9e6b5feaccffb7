package org.cordon.supplies.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.supplies.Campaign;
import org.cordon.supplies.CampaignManagement;
import org.cordon.supplies.CampaignRequest;
import org.cordon.supplies.DispatchInput;
import org.cordon.supplies.DonationManagement;
import org.cordon.supplies.DonationRequest;
import org.cordon.supplies.DonationView;
import org.cordon.supplies.Item;
import org.cordon.supplies.Movement;
import org.cordon.supplies.QuantityLine;
import org.cordon.supplies.RequestStatus;
import org.cordon.supplies.StockBalance;
import org.cordon.supplies.StockChange;
import org.cordon.supplies.StockManagement;
import org.cordon.supplies.SupplyRequestInput;
import org.cordon.supplies.SupplyRequestManagement;
import org.cordon.supplies.SupplyRequestView;
import org.cordon.supplies.Warehouse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of supplies: items, warehouses, stock and movements, donations, campaigns, requests and dispatches. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Supplies")
@SecurityRequirement(name = "basic")
class SuppliesApiController {

    /** Per-line approved quantities. */
    record Approval(List<QuantityLine> lines) {
    }

    /** Reason of a rejection. */
    record Rejection(String reason) {
    }

    private final StockManagement stock;
    private final DonationManagement donations;
    private final CampaignManagement campaigns;
    private final SupplyRequestManagement requests;

    SuppliesApiController(StockManagement stock, DonationManagement donations, CampaignManagement campaigns,
                          SupplyRequestManagement requests) {
        this.stock = stock;
        this.donations = donations;
        this.campaigns = campaigns;
        this.requests = requests;
    }

    @GetMapping("/items")
    @Operation(summary = "Stock items, key items first")
    List<Item> items(@AuthenticationPrincipal CordonUser user) {
        return stock.items(user);
    }

    @GetMapping("/warehouses")
    @Operation(summary = "Warehouses")
    List<Warehouse> warehouses(@AuthenticationPrincipal CordonUser user) {
        return stock.warehouses(user);
    }

    @GetMapping("/stock")
    @Operation(summary = "Balances per item and warehouse (derived from the movements, never negative)")
    List<StockBalance> stock(@AuthenticationPrincipal CordonUser user) {
        return stock.balances(user);
    }

    @GetMapping("/stock/movements")
    @Operation(summary = "Stock movements, newest first (filter by itemId and/or warehouseId; managers)")
    List<Movement> movements(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) Long itemId,
                             @RequestParam(required = false) Long warehouseId, @RequestParam(defaultValue = "200") int limit) {
        return stock.movements(user, itemId, warehouseId, limit);
    }

    @PostMapping("/stock/purchases")
    @Operation(summary = "Record a purchase into a warehouse (201; quantity > 0)")
    ResponseEntity<Movement> purchase(@AuthenticationPrincipal CordonUser user, @RequestBody StockChange change) {
        Movement m = stock.purchase(user, change);
        return ResponseEntity.created(URI.create("/api/v1/stock/movements?itemId=" + m.itemId())).body(m);
    }

    @PostMapping("/stock/adjustments")
    @Operation(summary = "Record an adjustment (201; signed quantity, reason required; never below zero)")
    ResponseEntity<Movement> adjust(@AuthenticationPrincipal CordonUser user, @RequestBody StockChange change) {
        Movement m = stock.adjust(user, change);
        return ResponseEntity.created(URI.create("/api/v1/stock/movements?itemId=" + m.itemId())).body(m);
    }

    @PostMapping("/donations")
    @Operation(summary = "Record a donation (201): money (amount) or goods (warehouseId + lines, enter stock)")
    ResponseEntity<DonationView> donate(@AuthenticationPrincipal CordonUser user, @RequestBody DonationRequest request) {
        DonationView d = donations.recordDonation(user, request);
        return ResponseEntity.created(URI.create("/api/v1/donations?id=" + d.id())).body(d);
    }

    @GetMapping("/donations")
    @Operation(summary = "Donations, newest first (managers)")
    List<DonationView> donations(@AuthenticationPrincipal CordonUser user, @RequestParam(defaultValue = "200") int limit) {
        return donations.donations(user, limit);
    }

    @GetMapping("/campaigns")
    @Operation(summary = "Fundraising campaigns with the money raised")
    List<Campaign> campaigns(@AuthenticationPrincipal CordonUser user) {
        return campaigns.campaigns(user);
    }

    @PostMapping("/campaigns")
    @Operation(summary = "Create a fundraising campaign (201; managers)")
    ResponseEntity<Campaign> createCampaign(@AuthenticationPrincipal CordonUser user, @RequestBody CampaignRequest request) {
        Campaign c = campaigns.createCampaign(user, request);
        return ResponseEntity.created(URI.create("/api/v1/campaigns")).body(c);
    }

    @PostMapping("/supply-requests")
    @Operation(summary = "Request items for a post (201): officers for their checkpoint, grid workers and medical staff for an area")
    ResponseEntity<SupplyRequestView> request(@AuthenticationPrincipal CordonUser user, @RequestBody SupplyRequestInput input) {
        SupplyRequestView r = requests.request(user, input);
        return ResponseEntity.created(URI.create("/api/v1/supply-requests/" + r.id())).body(r);
    }

    @GetMapping("/supply-requests")
    @Operation(summary = "Requests the caller may see, newest first (managers: all; posts: their own)")
    List<SupplyRequestView> requests(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) RequestStatus status,
                                     @RequestParam(defaultValue = "200") int limit) {
        return requests.requests(user, status, limit);
    }

    @GetMapping("/supply-requests/{id}")
    @Operation(summary = "One request with its lines and dispatches")
    SupplyRequestView request(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return requests.request(user, id);
    }

    @PostMapping("/supply-requests/{id}/approve")
    @Operation(summary = "Approve with per-line quantities (commander, supplies clerk)")
    SupplyRequestView approve(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody Approval approval) {
        return requests.approve(user, id, approval.lines());
    }

    @PostMapping("/supply-requests/{id}/reject")
    @Operation(summary = "Reject a request not yet approved, with a reason (commander, supplies clerk)")
    SupplyRequestView reject(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestBody(required = false) Rejection body) {
        return requests.reject(user, id, body == null ? null : body.reason());
    }

    @PostMapping("/supply-requests/{id}/dispatches")
    @Operation(summary = "Dispatch (part of) an approved request from a warehouse (partial allowed; fails as a whole beyond the balance)")
    ResponseEntity<SupplyRequestView> dispatch(@AuthenticationPrincipal CordonUser user, @PathVariable long id,
                                               @RequestBody DispatchInput input) {
        SupplyRequestView r = requests.dispatch(user, id, input);
        return ResponseEntity.created(URI.create("/api/v1/supply-requests/" + id)).body(r);
    }

    @PostMapping("/dispatches/{id}/receipt")
    @Operation(summary = "The receiving post confirms receipt of a dispatch")
    SupplyRequestView receipt(@AuthenticationPrincipal CordonUser user, @PathVariable long id) {
        return requests.confirmReceipt(user, id);
    }
}
