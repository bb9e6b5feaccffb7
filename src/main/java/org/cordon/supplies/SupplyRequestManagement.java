package org.cordon.supplies;

import static org.cordon.supplies.SupplyChecks.capped;
import static org.cordon.supplies.SupplyChecks.plain;
import static org.cordon.supplies.SupplyChecks.require;
import static org.cordon.shared.FieldChecks.name;
import static org.cordon.shared.FieldChecks.text;
import static org.cordon.shared.FieldChecks.failIfAny;

import org.cordon.shared.FieldChecks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.PermissionQuery;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests of supplies from posts and their dispatches (物资申领与调拨).
 *
 * <ul>
 *   <li>Posts request: checkpoint officers for their own checkpoints, grid workers and medical staff for an area of
 *       their jurisdiction (a compound, a hospital …). Requesters see their own posts' requests and confirm receipt.</li>
 *   <li>Commanders and supplies clerks approve or reject requests; supplies clerks, commanders and administrators
 *       dispatch from a warehouse (each dispatch a DISPATCH_OUT movement per line, never beyond the balance).</li>
 * </ul>
 *
 * <p>The lifecycle's rules are {@link SupplyRequest}'s: each changing method loads the request locked, checks
 * access (and stock), lets the request make the transition, stores it and publishes the event the transition
 * names. Every changing method throws {@link ValidationFailedException} (nothing stored) for invalid input or a
 * transition the status does not allow, {@link AccessDeniedException} for a role or jurisdiction that may not do
 * it, {@link NotFoundException} for unknown ids.
 */
@Service
@Transactional(readOnly = true)
public class SupplyRequestManagement {

    private final SupplyRequestRepository requests;
    private final StockRepository stock;
    private final StockMovements movements;
    private final SupplyChecks checks;
    private final CheckpointManagement checkpoints;
    private final AreaManagement areas;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SupplyRequestManagement(SupplyRequestRepository requests, StockRepository stock, StockMovements movements, SupplyChecks checks,
                            CheckpointManagement checkpoints, AreaManagement areas, ApplicationEventPublisher events, Clock clock,
                            org.cordon.shared.CordonSettings settings) {
        this.requests = requests;
        this.stock = stock;
        this.movements = movements;
        this.checks = checks;
        this.checkpoints = checkpoints;
        this.areas = areas;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    private final org.cordon.shared.CordonSettings settings;

    // ------------------------------------------------------------------ roles

    /** May approve or reject requests. */
    @PermissionQuery(Permission.SUPPLIES_APPROVE)
    public boolean mayApprove(CordonUser user) {
        return RolePermissions.may(user, Permission.SUPPLIES_APPROVE);
    }

    /** May request supplies for a post. */
    @PermissionQuery(Permission.SUPPLIES_REQUEST)
    public boolean mayRequest(CordonUser user) {
        return RolePermissions.may(user, Permission.SUPPLIES_REQUEST);
    }

    /** Staff without an area, posted to checkpoints (officers), request and receive for their checkpoints only. */
    @PermissionQuery
    public boolean postedToCheckpoints(CordonUser user) {
        return user != null && !AreaScope.of(user).hasArea() && !AreaScope.of(user).checkpointCodes().isEmpty();
    }

    /** May this user confirm receipt for this request (page buttons). */
    @PermissionQuery(Permission.SUPPLIES_RECEIVE)
    public boolean mayConfirm(CordonUser user, SupplyRequestView r) {
        String postAreaCode = requests.findRequest(r.id()).map(SupplyRequestRepository.StoredRequest::postAreaCode).orElse(null);
        SupplyRequestRepository.StoredRequest s = new SupplyRequestRepository.StoredRequest(r.id(), r.postType(), r.postRef(),
                postAreaCode, r.postName(), r.status(), r.requestedBy());
        return RolePermissions.may(user, Permission.SUPPLIES_RECEIVE) && coversPost(user, s);
    }

    private static boolean mayManage(CordonUser user) {
        return RolePermissions.may(user, Permission.SUPPLIES_MANAGE);
    }

    private boolean coversPost(CordonUser user, SupplyRequestRepository.StoredRequest r) {
        if (user.getUsername().equals(r.requestedBy())) {
            return true;
        }
        // a checkpoint post's area is the checkpoint's town: its officers and the staff of that town (or the city) cover it
        return r.postType() == PostType.CHECKPOINT
                ? AreaScope.of(user).coversCheckpoint(r.postRef(), r.postAreaCode())
                : AreaScope.of(user).covers(r.postAreaCode());
    }

    // ------------------------------------------------------------------ requests

    /**
     * A post requests items. Officers for one of their checkpoints (CHECKPOINT), grid workers and medical staff for
     * an area of their jurisdiction (COMPOUND, HOSPITAL, OTHER). Publishes {@link SupplyRequested}.
     *
     * @throws AccessDeniedException for other roles or a checkpoint/area outside the jurisdiction
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_REQUEST)
    public SupplyRequestView request(CordonUser user, SupplyRequestInput r) {
        require(mayRequest(user), user, "request supplies");
        List<FieldProblem> problems = new ArrayList<>();
        String ref = text(r.postRef(), "postRef", 20, true, problems);
        String name = name(r.postName(), "postName", SupplyChecks.MAX_NAME, false, problems);
        String note = text(r.note(), "note", SupplyChecks.MAX_REASON, false, problems);
        String areaCode = null;
        if (r.postType() == null) {
            problems.add(new FieldProblem("postType", "validation.required"));
        } else if (postedToCheckpoints(user) != (r.postType() == PostType.CHECKPOINT)) {
            problems.add(new FieldProblem("postType", "request.validation.postType"));
        } else if (ref != null) {
            try {
                if (r.postType() == PostType.CHECKPOINT) {
                    Checkpoint checkpoint = checkpoints.checkpoint(user, ref);
                    name = checkpoint.name();
                    areaCode = checkpoint.townCode();
                } else {
                    Area area = areas.visibleArea(user, ref);
                    areaCode = area.code();
                    if (name == null) {
                        name = area.name();
                    }
                }
            } catch (NotFoundException e) {
                problems.add(new FieldProblem("postRef", "request.validation.unknownPost", ref));
            }
        }
        Map<Long, BigDecimal> lines = checks.lines(r.lines(), problems);
        failIfAny(problems);
        Instant now = clock.instant();
        long id = requests.insertRequest(r.postType(), ref, areaCode, name, note, now, user.getUsername());
        lines.forEach((item, q) -> requests.insertRequestLine(id, item, q));
        events.publishEvent(new SupplyRequested(id));
        return view(id);
    }

    /** Requests the user may see, newest first: managers all, requesters their own and their posts'. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<SupplyRequestView> requests(CordonUser user, RequestStatus status, int limit) {
        require(RolePermissions.may(user, Permission.SUPPLIES_READ), user, "read requests");
        if (mayManage(user)) {
            return requests.requests(null, true, null, List.of(), null, status, capped(limit));
        }
        return requests.requests(null, false, user.getUsername(), user.jurisdiction().checkpointCodes(),
                user.jurisdiction().areaCode(), status, capped(limit));
    }

    /** One request, when the user may see it (403 otherwise). */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public SupplyRequestView request(CordonUser user, long id) {
        require(RolePermissions.may(user, Permission.SUPPLIES_READ), user, "read requests");
        SupplyRequestRepository.StoredRequest stored = requests.findRequest(id).orElseThrow(() -> new NotFoundException("Request " + id));
        if (!mayManage(user) && !coversPost(user, stored)) {
            throw new AccessDeniedException(user + " may not see request " + id);
        }
        return view(id);
    }

    private SupplyRequestView view(long id) {
        return requests.requests(id, true, null, List.of(), null, null, 1).get(0);
    }

    private SupplyRequest lock(long id) {
        return requests.load(requests.lockRequest(id).orElseThrow(() -> new NotFoundException("Request " + id)));
    }

    // ------------------------------------------------------------------ transitions

    /**
     * Approves a request with a quantity per line (0 ≤ approved ≤ requested; lines not given are approved at 0; at
     * least one above 0). Commanders and supplies clerks.
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_APPROVE)
    public SupplyRequestView approve(CordonUser user, long id, List<QuantityLine> approvals) {
        require(mayApprove(user), user, "approve requests");
        SupplyRequest request = lock(id);
        Map<Long, BigDecimal> approved = request.approve(approvals);
        approved.forEach((item, q) -> requests.setApproved(id, item, q));
        requests.decide(id, request.status(), clock.instant(), user.getUsername(), null);
        return view(id);
    }

    /** Rejects a request that is not yet approved, with a required reason. Commanders and supplies clerks. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_APPROVE)
    public SupplyRequestView reject(CordonUser user, long id, String reason) {
        require(mayApprove(user), user, "reject requests");
        SupplyRequest request = lock(id);
        String r = request.reject(reason);
        requests.decide(id, request.status(), clock.instant(), user.getUsername(), r);
        return view(id);
    }

    /**
     * Dispatches (part of) an approved request from one warehouse: each line at most what is approved and not yet
     * dispatched and at most the warehouse's balance. The whole dispatch fails, with a message per line, when any
     * line does not fit. Managers. Publishes {@link SupplyDispatched} and {@link StockMoved}.
     *
     * @return the request after the dispatch (status PARTIALLY_DISPATCHED or DISPATCHED)
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public SupplyRequestView dispatch(CordonUser user, long id, DispatchInput input) {
        require(mayManage(user), user, "dispatch supplies");
        SupplyRequest request = lock(id);
        List<FieldProblem> problems = new ArrayList<>();
        checks.warehouse(input.warehouseId(), "warehouseId", problems);
        SupplyRequest.Dispatch dispatch = request.dispatch(input.lines(), problems);
        // balance rows are locked in one order (by item id), so that concurrent dispatches cannot deadlock
        for (Map.Entry<Long, BigDecimal> w : new TreeMap<>(dispatch.quantities()).entrySet()) {
            BigDecimal available = stock.lockBalance(w.getKey(), input.warehouseId());
            if (available.compareTo(w.getValue()) < 0) {
                RequestLineView rl = request.line(w.getKey());
                problems.add(new FieldProblem(dispatch.fields().get(w.getKey()), "stock.validation.insufficient",
                        rl.itemName(), plain(available), rl.unit(), plain(w.getValue())));
            }
        }
        failIfAny(problems);
        Instant now = clock.instant();
        long dispatchId = requests.insertDispatch(id, input.warehouseId(), now, user.getUsername(), settings.today(clock).getYear());
        dispatch.quantities().forEach((item, q) -> {
            requests.insertDispatchLine(dispatchId, item, q);
            requests.addDispatched(id, item, q);
            movements.move(item, input.warehouseId(), MovementKind.DISPATCH_OUT, q.negate(), null, null, dispatchId, user);
        });
        requests.setStatus(id, dispatch.status(), now);
        events.publishEvent(dispatch.event(dispatchId));
        return view(id);
    }

    /**
     * The receiving post confirms receipt of a dispatch (the requester, an officer of the checkpoint, staff covering
     * the area; administrators). When everything approved has been dispatched and received the request becomes
     * RECEIVED. Publishes {@link ReceiptConfirmed}.
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_RECEIVE)
    public SupplyRequestView confirmReceipt(CordonUser user, long dispatchId) {
        long requestId = requests.lockDispatch(dispatchId).orElseThrow(() -> new NotFoundException("Dispatch " + dispatchId));
        SupplyRequestRepository.StoredRequest stored = requests.lockRequest(requestId).orElseThrow();
        boolean allowed = RolePermissions.may(user, Permission.SUPPLIES_RECEIVE) && coversPost(user, stored);
        require(allowed, user, "confirm receipt of dispatch " + dispatchId);
        SupplyRequest.Receipt receipt = requests.load(stored).confirmReceipt(dispatchId);
        Instant now = clock.instant();
        requests.markReceived(dispatchId, now, user.getUsername());
        if (receipt.completesRequest()) {
            requests.setStatus(requestId, RequestStatus.RECEIVED, now);
        }
        events.publishEvent(receipt.event());
        return view(requestId);
    }
}
