package org.cordon.supplies;

import static org.cordon.supplies.SupplyChecks.plain;
import static org.cordon.supplies.SupplyChecks.quantity;
import static org.cordon.shared.FieldChecks.failIfAny;

import org.cordon.shared.FieldChecks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * A supply request and the rules of its life ({@link RequestStatus}): REQUESTED → APPROVED (a quantity per line)
 * or REJECTED (with a reason); APPROVED or PARTIALLY_DISPATCHED → PARTIALLY_DISPATCHED or DISPATCHED (a dispatch
 * of at most what is approved and not yet sent); DISPATCHED → RECEIVED when the last of its dispatches is
 * confirmed received.
 *
 * <p>Each transition first checks that the request's status allows it ({@link ValidationFailedException}, field
 * {@code status}, code {@code request.validation.status}), then its input (the same field problems as the forms
 * show), changes the request in memory and returns what the service is to store and which event it is to
 * publish. It knows nothing of the database, the stock in the warehouses or who may do what: the service loads
 * the request locked, checks access and stock, stores and publishes.
 */
final class SupplyRequest {

    private final long id;
    private RequestStatus status;
    /** Lines by item id. */
    private final Map<Long, RequestLineView> lines;
    /** Dispatch id → received. */
    private final Map<Long, Boolean> dispatches;

    /**
     * @param lines      the request's lines
     * @param dispatches for each of its dispatches (by id) whether it was received
     */
    SupplyRequest(long id, RequestStatus status, List<RequestLineView> lines, Map<Long, Boolean> dispatches) {
        this.id = id;
        this.status = status;
        this.lines = lines.stream().collect(Collectors.toMap(RequestLineView::itemId, Function.identity()));
        this.dispatches = new LinkedHashMap<>(dispatches);
    }

    long id() {
        return id;
    }

    RequestStatus status() {
        return status;
    }

    /** The line of an item, or null when the item was not requested. */
    RequestLineView line(long itemId) {
        return lines.get(itemId);
    }

    // ------------------------------------------------------------------ transitions

    /**
     * REQUESTED → APPROVED with a quantity per line: 0 ≤ approved ≤ requested, each requested item at most once,
     * lines not given approved at 0, at least one above 0. No event.
     *
     * @return the approved quantity of every line, by item id
     */
    Map<Long, BigDecimal> approve(List<QuantityLine> approvals) {
        requireStatus(RequestStatus.REQUESTED);
        List<FieldProblem> problems = new ArrayList<>();
        Map<Long, BigDecimal> approved = new TreeMap<>();
        List<QuantityLine> given = approvals == null ? List.of() : approvals;
        for (int i = 0; i < given.size(); i++) {
            QuantityLine a = given.get(i);
            String field = "lines[" + i + "]";
            if (a == null || a.itemId() == null || !lines.containsKey(a.itemId())) {
                problems.add(new FieldProblem(field + ".itemId", "request.validation.notRequested"));
                continue;
            }
            if (a.quantity() == null) {
                continue;
            }
            if (a.quantity().signum() != 0 && !quantity(a.quantity(), field + ".quantity", false, problems)) {
                continue;
            }
            if (a.quantity().compareTo(lines.get(a.itemId()).requested()) > 0) {
                problems.add(new FieldProblem(field + ".quantity", "request.validation.overRequested",
                        plain(lines.get(a.itemId()).requested())));
            } else if (approved.put(a.itemId(), a.quantity()) != null) {
                problems.add(new FieldProblem(field + ".itemId", "sup.validation.duplicateItem"));
            }
        }
        if (problems.isEmpty() && approved.values().stream().noneMatch(q -> q.signum() > 0)) {
            problems.add(new FieldProblem("lines", "request.validation.nothingApproved"));
        }
        failIfAny(problems);
        Map<Long, BigDecimal> result = new LinkedHashMap<>();
        for (Long item : lines.keySet()) {
            result.put(item, approved.getOrDefault(item, BigDecimal.ZERO));
        }
        lines.replaceAll((item, l) -> new RequestLineView(item, l.itemName(), l.unit(), l.requested(), result.get(item), l.dispatched()));
        status = RequestStatus.APPROVED;
        return result;
    }

    /**
     * REQUESTED → REJECTED with a required reason (at most {@link SupplyChecks#MAX_REASON} characters). No event.
     *
     * @return the reason to store (stripped)
     */
    String reject(String reason) {
        requireStatus(RequestStatus.REQUESTED);
        List<FieldProblem> problems = new ArrayList<>();
        String r = FieldChecks.text(reason, "reason", SupplyChecks.MAX_REASON, true, problems);
        failIfAny(problems);
        status = RequestStatus.REJECTED;
        return r;
    }

    /**
     * APPROVED or PARTIALLY_DISPATCHED → DISPATCHED when the dispatch sends everything approved that is still
     * missing, else PARTIALLY_DISPATCHED. Each line at most what is approved and not yet dispatched, each item at
     * most once, at least one; lines without a quantity (or 0) are the empty rows of a form. The whole dispatch
     * fails with a problem per line that does not fit. Whether the warehouse holds enough is the service's check,
     * after this one.
     *
     * @param problems the problems found in the dispatch's other fields (the warehouse); a line problem is added,
     *                 and "no lines" only when there are none
     * @return the dispatch; publish {@link Dispatch#event} once it is stored
     */
    Dispatch dispatch(List<QuantityLine> given, List<FieldProblem> problems) {
        requireStatus(RequestStatus.APPROVED, RequestStatus.PARTIALLY_DISPATCHED);
        List<QuantityLine> list = given == null ? List.of() : given;
        Map<Long, BigDecimal> wanted = new LinkedHashMap<>();
        Map<Long, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            QuantityLine l = list.get(i);
            String field = "lines[" + i + "]";
            if (l == null || l.quantity() == null || l.quantity().signum() == 0) {
                continue; // an empty line of a form: nothing to send of this item
            }
            if (l.itemId() == null || !lines.containsKey(l.itemId())) {
                problems.add(new FieldProblem(field + ".itemId", "request.validation.notRequested"));
                continue;
            }
            if (!quantity(l.quantity(), field + ".quantity", false, problems)) {
                continue;
            }
            RequestLineView rl = lines.get(l.itemId());
            if (l.quantity().compareTo(rl.remaining()) > 0) {
                problems.add(new FieldProblem(field + ".quantity", "request.validation.overRemaining", rl.itemName(), plain(rl.remaining()),
                        rl.unit()));
            } else if (wanted.put(l.itemId(), l.quantity()) != null) {
                problems.add(new FieldProblem(field + ".itemId", "sup.validation.duplicateItem"));
            } else {
                fields.put(l.itemId(), field + ".quantity");
            }
        }
        if (problems.isEmpty() && wanted.isEmpty()) {
            problems.add(new FieldProblem("lines", "sup.validation.noLines"));
        }
        failIfAny(problems);
        Map<Long, BigDecimal> quantities = new LinkedHashMap<>();
        boolean complete = true;
        for (RequestLineView rl : lines.values()) {
            BigDecimal q = wanted.get(rl.itemId());
            if (q != null) {
                quantities.put(rl.itemId(), q);
            }
            if (rl.remaining().subtract(q == null ? BigDecimal.ZERO : q).signum() > 0) {
                complete = false;
            }
        }
        lines.replaceAll((item, l) -> quantities.containsKey(item)
                ? new RequestLineView(item, l.itemName(), l.unit(), l.requested(), l.approved(), l.dispatched().add(quantities.get(item)))
                : l);
        status = complete ? RequestStatus.DISPATCHED : RequestStatus.PARTIALLY_DISPATCHED;
        return new Dispatch(id, quantities, fields, status);
    }

    /**
     * A dispatch of this request was received: DISPATCHED → RECEIVED when it was the last one not yet received
     * (a partially dispatched request stays as it is).
     *
     * @throws ValidationFailedException (field {@code dispatch}) when the dispatch was received already
     * @throws IllegalArgumentException  for a dispatch of another request
     */
    Receipt confirmReceipt(long dispatchId) {
        Boolean received = dispatches.get(dispatchId);
        if (received == null) {
            throw new IllegalArgumentException("Dispatch " + dispatchId + " is not of request " + id);
        }
        if (received) {
            throw new ValidationFailedException("dispatch", "request.validation.alreadyReceived");
        }
        dispatches.put(dispatchId, true);
        boolean completes = status == RequestStatus.DISPATCHED && !dispatches.containsValue(false);
        if (completes) {
            status = RequestStatus.RECEIVED;
        }
        return new Receipt(dispatchId, id, completes);
    }

    private void requireStatus(RequestStatus... allowed) {
        for (RequestStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new ValidationFailedException("status", "request.validation.status", status.name());
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * A dispatch that fits the request.
     *
     * @param quantities quantity per item, in the order the request's lines are stored in
     * @param fields     the form field of each item's quantity (for problems the service finds, like too little stock)
     * @param status     the request's status after it
     */
    record Dispatch(long requestId, Map<Long, BigDecimal> quantities, Map<Long, String> fields, RequestStatus status) {

        /** The event to publish once the dispatch is stored under this id. */
        SupplyDispatched event(long dispatchId) {
            return new SupplyDispatched(dispatchId, requestId);
        }
    }

    /**
     * A confirmed receipt.
     *
     * @param completesRequest the request became RECEIVED
     */
    record Receipt(long dispatchId, long requestId, boolean completesRequest) {

        /** The event to publish once the receipt is stored. */
        ReceiptConfirmed event() {
            return new ReceiptConfirmed(dispatchId, requestId);
        }
    }
}
