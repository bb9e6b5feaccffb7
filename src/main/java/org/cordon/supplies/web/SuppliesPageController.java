package org.cordon.supplies.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.TypedDate;
import org.cordon.shared.ValidationFailedException;
import org.cordon.shared.web.Forms;
import org.cordon.supplies.CampaignManagement;
import org.cordon.supplies.CampaignRequest;
import org.cordon.supplies.DispatchInput;
import org.cordon.supplies.DonationChannel;
import org.cordon.supplies.DonationKind;
import org.cordon.supplies.DonationManagement;
import org.cordon.supplies.DonationRequest;
import org.cordon.supplies.DonorType;
import org.cordon.supplies.PostType;
import org.cordon.supplies.QuantityLine;
import org.cordon.supplies.StockChange;
import org.cordon.supplies.StockManagement;
import org.cordon.supplies.SupplyRequestInput;
import org.cordon.supplies.SupplyRequestManagement;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages of supplies: stock, donations, movements, purchase and adjustment forms, requests, campaigns. */
@Controller
class SuppliesPageController {

    static final int FORM_LINES = 5;

    private final StockManagement stock;
    private final DonationManagement donations;
    private final CampaignManagement campaigns;
    private final SupplyRequestManagement requests;
    private final Forms forms;
    private final org.springframework.core.convert.ConversionService conversion;

    /**
     * Numbers typed in the forms are read by the MVC conversion service, the one that binds request parameters, so the
     * application's number parsing (thousands separators in the user's locale) applies here as to every other form.
     */
    SuppliesPageController(StockManagement stock, DonationManagement donations, CampaignManagement campaigns,
                           SupplyRequestManagement requests, Forms forms,
                           @org.springframework.beans.factory.annotation.Qualifier("mvcConversionService")
                           org.springframework.core.convert.ConversionService conversion) {
        this.stock = stock;
        this.donations = donations;
        this.campaigns = campaigns;
        this.requests = requests;
        this.forms = forms;
        this.conversion = conversion;
    }

    private void common(CordonUser user, Model model) {
        model.addAttribute("items", stock.items(user));
        model.addAttribute("warehouses", stock.warehouses(user));
        model.addAttribute("mayManage", stock.mayManage(user));
        model.addAttribute("mayApprove", requests.mayApprove(user));
        model.addAttribute("mayRequest", requests.mayRequest(user));
    }

    @GetMapping("/supplies")
    String index(@AuthenticationPrincipal CordonUser user, Model model) {
        common(user, model);
        model.addAttribute("stock", stock.stock(user));
        model.addAttribute("movements", stock.mayManage(user) ? stock.movements(user, null, null, 20) : List.of());
        return "supplies/index";
    }

    @GetMapping("/supplies/movements")
    String movements(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) Long item,
                     @RequestParam(required = false) Long warehouse, Model model) {
        common(user, model);
        model.addAttribute("movements", stock.movements(user, item, warehouse, 500));
        model.addAttribute("item", item);
        model.addAttribute("warehouse", warehouse);
        return "supplies/movements";
    }

    // ------------------------------------------------------------------ stock changes

    @GetMapping("/supplies/stock/{kind}")
    String stockForm(@AuthenticationPrincipal CordonUser user, @PathVariable String kind, Model model) {
        requireManager(user);
        return stockPage(user, kind(kind), Map.of(), Map.of(), model);
    }

    @PostMapping("/supplies/stock/{kind}")
    String stockChange(@AuthenticationPrincipal CordonUser user, @PathVariable String kind, @RequestParam Map<String, String> f,
                       Locale locale, Model model, RedirectAttributes redirect) {
        String k = kind(kind);
        List<FieldProblem> problems = new ArrayList<>();
        StockChange change = new StockChange(number(f.get("warehouseId"), "warehouseId", problems) == null ? null
                : number(f.get("warehouseId"), "warehouseId", problems).longValue(),
                number(f.get("itemId"), "itemId", problems) == null ? null : number(f.get("itemId"), "itemId", problems).longValue(),
                number(f.get("quantity"), "quantity", problems), f.get("reason"));
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            if (k.equals("purchase")) {
                stock.purchase(user, change);
            } else {
                stock.adjust(user, change);
            }
            Forms.succeeded(redirect, "sup.succeeded." + k);
            return "redirect:/supplies/movements?saved";
        }, locale, errors -> stockPage(user, k, f, errors, model));
    }

    private String stockPage(CordonUser user, String kind, Map<String, String> f, Map<String, String> errors, Model model) {
        common(user, model);
        model.addAttribute("kind", kind);
        model.addAttribute("f", f);
        model.addAttribute("errors", errors);
        return "supplies/stock-change";
    }

    private static String kind(String kind) {
        if (!kind.equals("purchase") && !kind.equals("adjustment")) {
            throw new NotFoundException("Page");
        }
        return kind;
    }

    // ------------------------------------------------------------------ donations

    @GetMapping("/supplies/donations")
    String donations(@AuthenticationPrincipal CordonUser user, Model model) {
        common(user, model);
        model.addAttribute("donations", donations.donations(user, 500));
        return "supplies/donations";
    }

    @GetMapping("/supplies/donations/new")
    String newDonation(@AuthenticationPrincipal CordonUser user, Model model) {
        requireManager(user);
        return donationPage(user, new LinkedMultiValue(), Map.of(), model);
    }

    @PostMapping("/supplies/donations")
    String donate(@AuthenticationPrincipal CordonUser user, @RequestParam MultiValueMap<String, String> form, Locale locale, Model model,
                  RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> f = form.toSingleValueMap();
        BigDecimal campaign = number(f.get("campaignId"), "campaignId", problems);
        BigDecimal warehouse = number(f.get("warehouseId"), "warehouseId", problems);
        DonationRequest request = new DonationRequest(enumOf(DonationKind.class, f.get("kind")), enumOf(DonorType.class, f.get("donorType")),
                f.get("donorName"), "on".equals(f.get("showName")) || "true".equals(f.get("showName")), number(f.get("amount"), "amount", problems),
                enumOf(DonationChannel.class, f.get("channel")), f.get("designatedUse"), f.get("recipient"), f.get("receiptNumber"),
                date(f.get("receivedOn"), "receivedOn", problems), campaign == null ? null : campaign.longValue(),
                warehouse == null ? null : warehouse.longValue(), lines(form, problems));
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            donations.recordDonation(user, request);
            Forms.succeeded(redirect, "sup.succeeded.donation");
            return "redirect:/supplies/donations?saved";
        }, locale, errors -> donationPage(user, form, errors, model));
    }

    private String donationPage(CordonUser user, MultiValueMap<String, String> form, Map<String, String> errors, Model model) {
        common(user, model);
        model.addAttribute("f", form.toSingleValueMap());
        model.addAttribute("lineItems", padded(form.get("itemId")));
        model.addAttribute("lineQuantities", padded(form.get("quantity")));
        model.addAttribute("errors", errors);
        model.addAttribute("campaigns", campaigns.campaigns(user));
        model.addAttribute("kinds", DonationKind.values());
        model.addAttribute("donorTypes", DonorType.values());
        model.addAttribute("channels", DonationChannel.values());
        return "supplies/donation-form";
    }

    // ------------------------------------------------------------------ requests

    @GetMapping("/supplies/requests")
    String requests(@AuthenticationPrincipal CordonUser user, Model model) {
        common(user, model);
        model.addAttribute("requests", requests.requests(user, null, 300));
        return "supplies/requests";
    }

    @GetMapping("/supplies/requests/new")
    String newRequest(@AuthenticationPrincipal CordonUser user, Model model) {
        if (!requests.mayRequest(user)) {
            throw new AccessDeniedException("Only posts request supplies");
        }
        return requestPage(user, new LinkedMultiValue(), Map.of(), model);
    }

    @PostMapping("/supplies/requests")
    String createRequest(@AuthenticationPrincipal CordonUser user, @RequestParam MultiValueMap<String, String> form, Locale locale,
                         Model model, RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> f = form.toSingleValueMap();
        SupplyRequestInput input = new SupplyRequestInput(enumOf(PostType.class, f.get("postType")), f.get("postRef"), f.get("postName"),
                f.get("note"), lines(form, problems));
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            long id = requests.request(user, input).id();
            Forms.succeeded(redirect, "sup.succeeded.request");
            return "redirect:/supplies/requests/" + id + "?saved";
        }, locale, errors -> requestPage(user, form, errors, model));
    }

    private String requestPage(CordonUser user, MultiValueMap<String, String> form, Map<String, String> errors, Model model) {
        common(user, model);
        model.addAttribute("f", form.toSingleValueMap());
        model.addAttribute("lineItems", padded(form.get("itemId")));
        model.addAttribute("lineQuantities", padded(form.get("quantity")));
        model.addAttribute("errors", errors);
        model.addAttribute("postTypes", PostType.values());
        model.addAttribute("defaultType", requests.postedToCheckpoints(user) ? PostType.CHECKPOINT : PostType.COMPOUND);
        model.addAttribute("defaultRef", user.jurisdiction().checkpointCodes().isEmpty() ? user.jurisdiction().areaCode()
                : user.jurisdiction().checkpointCodes().iterator().next());
        return "supplies/request-form";
    }

    @GetMapping("/supplies/requests/{id}")
    String request(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Model model) {
        return requestDetail(user, id, Map.of(), model);
    }

    private String requestDetail(CordonUser user, long id, Map<String, String> errors, Model model) {
        common(user, model);
        var r = requests.request(user, id);
        model.addAttribute("r", r);
        model.addAttribute("mayConfirm", requests.mayConfirm(user, r));
        model.addAttribute("errors", errors);
        // the dispatch form shows each warehouse's stock of the items requested
        Map<Long, List<org.cordon.supplies.StockBalance>> stockOf = new java.util.HashMap<>();
        if (stock.mayManage(user)) {
            for (org.cordon.supplies.StockBalance b : stock.balances(user)) {
                if (b.quantity().signum() > 0) {
                    stockOf.computeIfAbsent(b.itemId(), k -> new ArrayList<>()).add(b);
                }
            }
        }
        model.addAttribute("stockOf", stockOf);
        return "supplies/request";
    }

    @PostMapping("/supplies/requests/{id}/approve")
    String approve(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                   Locale locale, Model model, RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        List<QuantityLine> lines = lines(form, problems);
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            requests.approve(user, id, lines);
            Forms.succeeded(redirect, "sup.succeeded.approved");
            return "redirect:/supplies/requests/" + id;
        }, locale, errors -> requestDetail(user, id, errors, model));
    }

    @PostMapping("/supplies/requests/{id}/reject")
    String reject(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  Locale locale, Model model, RedirectAttributes redirect) {
        return forms.attempt(() -> {
            requests.reject(user, id, reason);
            Forms.succeeded(redirect, "sup.succeeded.rejected");
            return "redirect:/supplies/requests/" + id;
        }, locale, errors -> requestDetail(user, id, errors, model));
    }

    @PostMapping("/supplies/requests/{id}/dispatch")
    String dispatch(@AuthenticationPrincipal CordonUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                    Locale locale, Model model, RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal warehouse = number(form.getFirst("warehouseId"), "warehouseId", problems);
        List<QuantityLine> lines = lines(form, problems);
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            var view = requests.dispatch(user, id, new DispatchInput(warehouse == null ? null : warehouse.longValue(), lines));
            view.dispatches().stream().max(java.util.Comparator.comparingLong(org.cordon.supplies.DispatchView::id))
                    .filter(d -> d.noteNumber() != null)
                    .ifPresentOrElse(d -> Forms.succeeded(redirect, "sup.succeeded.dispatchedNumbered", "" + d.noteYear(), "" + d.noteNumber()),
                            () -> Forms.succeeded(redirect, "sup.succeeded.dispatched"));
            return "redirect:/supplies/requests/" + id;
        }, locale, errors -> requestDetail(user, id, errors, model));
    }

    @PostMapping("/supplies/dispatches/{id}/receipt")
    String receipt(@AuthenticationPrincipal CordonUser user, @PathVariable long id, Locale locale, Model model,
                   RedirectAttributes redirect) {
        long requestId = requests.confirmReceipt(user, id).id();
        Forms.succeeded(redirect, "sup.succeeded.received");
        return "redirect:/supplies/requests/" + requestId;
    }

    // ------------------------------------------------------------------ campaigns

    @GetMapping("/supplies/campaigns")
    String campaigns(@AuthenticationPrincipal CordonUser user, Model model) {
        return campaignPage(user, Map.of(), Map.of(), model);
    }

    @PostMapping("/supplies/campaigns")
    String createCampaign(@AuthenticationPrincipal CordonUser user, @RequestParam Map<String, String> f, Locale locale, Model model,
                          RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        CampaignRequest request = new CampaignRequest(f.get("name"), f.get("organiser"), number(f.get("target"), "target", problems),
                date(f.get("startsOn"), "startsOn", problems), date(f.get("endsOn"), "endsOn", problems));
        return forms.attempt(() -> {
            if (!problems.isEmpty()) {
                throw new ValidationFailedException(problems);
            }
            campaigns.createCampaign(user, request);
            Forms.succeeded(redirect, "sup.succeeded.campaign");
            return "redirect:/supplies/campaigns?saved";
        }, locale, errors -> campaignPage(user, f, errors, model));
    }

    private String campaignPage(CordonUser user, Map<String, String> f, Map<String, String> errors, Model model) {
        common(user, model);
        model.addAttribute("campaigns", campaigns.campaigns(user));
        model.addAttribute("f", f);
        model.addAttribute("errors", errors);
        return "supplies/campaigns";
    }

    // ------------------------------------------------------------------ parsing

    private void requireManager(CordonUser user) {
        if (!stock.mayManage(user)) {
            throw new AccessDeniedException("Supplies clerks, commanders and administrators only");
        }
    }

    /** Lines from the parallel form fields itemId[] and quantity[]; rows with neither are skipped. */
    private List<QuantityLine> lines(MultiValueMap<String, String> form, List<FieldProblem> problems) {
        List<String> items = form.getOrDefault("itemId", List.of());
        List<String> quantities = form.getOrDefault("quantity", List.of());
        List<QuantityLine> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(items.size(), quantities.size()); i++) {
            String item = i < items.size() ? items.get(i) : null;
            String q = i < quantities.size() ? quantities.get(i) : null;
            BigDecimal itemId = number(item, "lines[" + i + "].itemId", problems);
            lines.add(new QuantityLine(itemId == null ? null : itemId.longValue(), number(q, "lines[" + i + "].quantity", problems)));
        }
        return lines;
    }

    private static List<String> padded(List<String> values) {
        List<String> result = new ArrayList<>(values == null ? List.of() : values);
        while (result.size() < FORM_LINES) {
            result.add("");
        }
        return result;
    }

    private BigDecimal number(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // "3,500", "3 500", "1,234.5": thousands separators of the page's language (shared TypedNumber)
            return org.cordon.shared.TypedNumber.parse(value, org.springframework.context.i18n.LocaleContextHolder.getLocale());
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(field, e.messageCode(), e.args()));
            return null;
        }
    }

    /** A date field: what the date picker sends (yyyy-MM-dd) or a typed date, read by the shared {@link TypedDate}. */
    private static LocalDate date(String value, String field, List<FieldProblem> problems) {
        try {
            return TypedDate.parse(value);
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(field, e.messageCode(), e.args()));
            return null;
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An empty form. */
    private static final class LinkedMultiValue extends org.springframework.util.LinkedMultiValueMap<String, String> {
    }
}
