package org.cordon.supplies.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.supplies.PublicLedger;
import org.cordon.supplies.StockManagement;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The public donation ledger on the portal (no sign-in, readable without JavaScript) and its JSON. */
@Controller
@Tag(name = "Public portal")
class LedgerController {

    /** Entries listed on the page (totals always cover everything). */
    static final int PAGE_ENTRIES = 200;
    /** Entries in the JSON. */
    static final int JSON_ENTRIES = 10_000;

    private final StockManagement stock;

    LedgerController(StockManagement stock) {
        this.stock = stock;
    }

    @GetMapping("/portal/ledger")
    String ledger(Model model) {
        model.addAttribute("ledger", stock.ledger(PAGE_ENTRIES));
        model.addAttribute("limit", PAGE_ENTRIES);
        return "portal/ledger";
    }

    @GetMapping("/portal/api/ledger")
    @ResponseBody
    @SecurityRequirements
    @Operation(summary = "Public donation ledger: donations received, dispatches out, per-item totals and balances (no personal data)")
    ResponseEntity<PublicLedger> ledgerJson() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(stock.ledger(JSON_ENTRIES));
    }
}
