package org.cordon.supplies;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.Checkpoint;
import org.cordon.checkpoint.CheckpointManagement;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Donations, stock, requests and dispatches (物资保障), and the public ledger.
 *
 * <ul>
 *   <li>Supplies clerks, commanders and administrators record donations, purchases and adjustments and dispatch;
 *       commanders and supplies clerks approve or reject requests.</li>
 *   <li>Posts request: checkpoint officers for their own checkpoints, grid workers and medical staff for an area of
 *       their jurisdiction (a compound, a hospital …). Requesters see their own posts' requests and confirm receipt.</li>
 *   <li>Stock changes only through movements; each movement changes its balance in the same transaction. A change
 *       that would make any balance negative fails as a whole (balance rows are locked first, so two clerks
 *       dispatching the last items at the same moment cannot both succeed).</li>
 * </ul>
 *
 * <p>Every changing method throws {@link ValidationFailedException} (nothing stored) for invalid input,
 * {@link AccessDeniedException} for a role or jurisdiction that may not do it, {@link NotFoundException} for
 * unknown ids.
 */
@Service
@Transactional(readOnly = true)
public class SuppliesManagement {

    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_REASON = 500;
    static final int MAX_LINES = 50;
    static final int MAX_RECEIPT = 40;
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("999999999999");
    private static final Set<Role> MANAGERS = Set.of(Role.SUPPLIES_CLERK, Role.COMMANDER, Role.ADMIN);
    private static final Set<Role> APPROVERS = Set.of(Role.SUPPLIES_CLERK, Role.COMMANDER);
    private static final Set<Role> REQUESTERS = Set.of(Role.OFFICER, Role.GRID_WORKER, Role.MEDIC);
    private static final Set<Role> READERS = Set.of(Role.SUPPLIES_CLERK, Role.COMMANDER, Role.ADMIN, Role.OFFICER, Role.GRID_WORKER,
            Role.MEDIC);

    private final SuppliesRepository repository;
    private final CheckpointManagement checkpoints;
    private final AreaManagement areas;
    private final CordonSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SuppliesManagement(SuppliesRepository repository, CheckpointManagement checkpoints, AreaManagement areas, CordonSettings settings,
                       ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.areas = areas;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ roles

    /** May record donations, purchases, adjustments and dispatches. */
    @PermissionQuery(Permission.SUPPLIES_MANAGE)
    public boolean mayManage(CordonUser user) {
        return user != null && MANAGERS.contains(user.role());
    }

    /** May approve or reject requests. */
    @PermissionQuery(Permission.SUPPLIES_APPROVE)
    public boolean mayApprove(CordonUser user) {
        return user != null && APPROVERS.contains(user.role());
    }

    /** May request supplies for a post. */
    @PermissionQuery(Permission.SUPPLIES_REQUEST)
    public boolean mayRequest(CordonUser user) {
        return user != null && REQUESTERS.contains(user.role());
    }

    /** May read stock, campaigns and (their) requests. */
    @PermissionQuery(Permission.SUPPLIES_READ)
    public boolean mayRead(CordonUser user) {
        return user != null && READERS.contains(user.role());
    }

    private void require(boolean allowed, CordonUser user, String what) {
        if (!allowed) {
            throw new AccessDeniedException(user + " may not " + what);
        }
    }

    // ------------------------------------------------------------------ reference data and stock

    /** Items, key items first. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Item> items(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return repository.items();
    }

    /** Warehouses. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Warehouse> warehouses(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return repository.warehouses();
    }

    /** Balances per item and warehouse (rows with stock ever moved). Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<StockBalance> balances(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return repository.balances();
    }

    /** Every item with its total and per-warehouse balances, key items first, low stock flagged. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<ItemStock> stock(CordonUser user) {
        List<StockBalance> balances = balances(user);
        List<ItemStock> result = new ArrayList<>();
        for (Item item : repository.items()) {
            Map<Long, BigDecimal> byWarehouse = new LinkedHashMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (StockBalance b : balances) {
                if (b.itemId() == item.id()) {
                    byWarehouse.put(b.warehouseId(), b.quantity());
                    total = total.add(b.quantity());
                }
            }
            result.add(new ItemStock(item, total, total.compareTo(item.lowStock()) < 0, byWarehouse));
        }
        return result;
    }

    /** Movements newest first, optionally of one item and/or warehouse (at most {@code limit}, capped at 1000). Managers. */
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public List<Movement> movements(CordonUser user, Long itemId, Long warehouseId, int limit) {
        require(mayManage(user), user, "read movements");
        return repository.movements(itemId, warehouseId, Math.max(1, Math.min(limit, 1000)));
    }

    /** Records a purchase (quantity &gt; 0) into a warehouse; returns the movement. Managers. Publishes {@link StockMoved}. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public Movement purchase(CordonUser user, StockChange change) {
        require(mayManage(user), user, "record purchases");
        List<FieldProblem> problems = new ArrayList<>();
        checkWarehouse(change.warehouseId(), "warehouseId", problems);
        checkItem(change.itemId(), "itemId", problems);
        checkQuantity(change.quantity(), "quantity", false, problems);
        String reason = text(change.reason(), "reason", MAX_REASON, false, problems);
        throwIf(problems);
        move(change.itemId(), change.warehouseId(), MovementKind.PURCHASE_IN, change.quantity(), reason, null, null, user);
        return repository.movements(change.itemId(), change.warehouseId(), 1).get(0);
    }

    /**
     * Records an adjustment (signed quantity ≠ 0) with a required reason; returns the movement. A downward adjustment
     * beyond the balance fails (field {@code quantity}). Managers. Publishes {@link StockMoved}.
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public Movement adjust(CordonUser user, StockChange change) {
        require(mayManage(user), user, "adjust stock");
        List<FieldProblem> problems = new ArrayList<>();
        checkWarehouse(change.warehouseId(), "warehouseId", problems);
        Item item = checkItem(change.itemId(), "itemId", problems);
        checkQuantity(change.quantity(), "quantity", true, problems);
        String reason = text(change.reason(), "reason", MAX_REASON, true, problems);
        throwIf(problems);
        if (change.quantity().signum() < 0) {
            BigDecimal available = repository.lockBalance(change.itemId(), change.warehouseId());
            if (available.add(change.quantity()).signum() < 0) {
                throw new ValidationFailedException("quantity", "stock.validation.insufficient", item.name(), plain(available), item.unit(),
                        plain(change.quantity().negate()));
            }
        }
        move(change.itemId(), change.warehouseId(), MovementKind.ADJUSTMENT, change.quantity(), reason, null, null, user);
        return repository.movements(change.itemId(), change.warehouseId(), 1).get(0);
    }

    private long move(long itemId, long warehouseId, MovementKind kind, BigDecimal quantity, String reason, Long donationId, Long dispatchId,
                      CordonUser user) {
        long id = repository.move(itemId, warehouseId, kind, quantity, reason, donationId, dispatchId, clock.instant(), user.getUsername());
        events.publishEvent(new StockMoved(id, itemId, warehouseId, kind));
        return id;
    }

    // ------------------------------------------------------------------ donations

    /**
     * Records a donation. Goods enter the chosen warehouse's stock (one DONATION_IN movement per line). Managers.
     * Publishes {@link DonationReceived} and {@link StockMoved}.
     *
     * @return the stored donation
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public DonationView recordDonation(CordonUser user, DonationRequest r) {
        require(mayManage(user), user, "record donations");
        List<FieldProblem> problems = new ArrayList<>();
        if (r.kind() == null) {
            problems.add(new FieldProblem("kind", "sup.validation.required"));
        }
        if (r.donorType() == null) {
            problems.add(new FieldProblem("donorType", "sup.validation.required"));
        }
        if (r.channel() == null) {
            problems.add(new FieldProblem("channel", "sup.validation.required"));
        }
        String donorName = text(r.donorName(), "donorName", MAX_NAME, r.donorType() != null && r.donorType() != DonorType.ANONYMOUS, problems);
        if (r.donorType() == DonorType.ANONYMOUS) {
            donorName = null;
        }
        boolean showName = r.donorType() == DonorType.ORGANISATION
                || (r.donorType() == DonorType.PERSON && Boolean.TRUE.equals(r.showName()));
        String designatedUse = text(r.designatedUse(), "designatedUse", MAX_TEXT, false, problems);
        String recipient = text(r.recipient(), "recipient", MAX_NAME, false, problems);
        String receipt = text(r.receiptNumber(), "receiptNumber", MAX_RECEIPT, false, problems);
        if (receipt != null && repository.receiptNumberTaken(receipt)) {
            problems.add(new FieldProblem("receiptNumber", "donation.validation.receiptTaken", receipt));
        }
        LocalDate today = LocalDate.now(clock.withZone(settings.timeZone()));
        LocalDate receivedOn = r.receivedOn() == null ? today : r.receivedOn();
        if (receivedOn.isAfter(today)) {
            problems.add(new FieldProblem("receivedOn", "donation.validation.future"));
        }
        if (r.campaignId() != null && !repository.campaignExists(r.campaignId())) {
            problems.add(new FieldProblem("campaignId", "sup.validation.unknownCampaign"));
        }
        Map<Long, BigDecimal> lines = Map.of();
        if (r.kind() == DonationKind.MONEY) {
            if (r.amount() == null) {
                problems.add(new FieldProblem("amount", "sup.validation.required"));
            } else {
                checkQuantity(r.amount(), "amount", false, problems);
            }
        } else if (r.kind() == DonationKind.GOODS) {
            checkWarehouse(r.warehouseId(), "warehouseId", problems);
            lines = lines(r.lines(), problems);
        }
        throwIf(problems);
        if (receipt == null) {
            receipt = repository.nextReceiptNumber(receivedOn.getYear());
        }
        long id;
        try {
            id = repository.insertDonation(r.kind(), r.donorType(), donorName, showName, r.kind() == DonationKind.MONEY ? r.amount() : null,
                    r.channel(), designatedUse, recipient, receipt, receivedOn, r.campaignId(),
                    r.kind() == DonationKind.GOODS ? r.warehouseId() : null, user.getUsername());
        } catch (DuplicateKeyException e) {
            throw new ValidationFailedException("receiptNumber", "donation.validation.receiptTaken", receipt);
        }
        for (Map.Entry<Long, BigDecimal> line : lines.entrySet()) {
            repository.insertDonationLine(id, line.getKey(), line.getValue());
            move(line.getKey(), r.warehouseId(), MovementKind.DONATION_IN, line.getValue(), null, id, null, user);
        }
        events.publishEvent(new DonationReceived(id));
        return repository.donations(id, 1).get(0);
    }

    /** Donations, newest first (at most {@code limit}, capped at 1000). Managers (they see donors' names). */
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public List<DonationView> donations(CordonUser user, int limit) {
        require(mayManage(user), user, "read donations");
        return repository.donations(null, Math.max(1, Math.min(limit, 1000)));
    }

    // ------------------------------------------------------------------ campaigns

    /** Campaigns with the money raised. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Campaign> campaigns(CordonUser user) {
        require(mayRead(user), user, "read campaigns");
        return repository.campaigns();
    }

    /** Creates a fundraising campaign; returns it. Managers. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public Campaign createCampaign(CordonUser user, CampaignRequest r) {
        require(mayManage(user), user, "create campaigns");
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(r.name(), "name", MAX_NAME, true, problems);
        String organiser = text(r.organiser(), "organiser", MAX_NAME, true, problems);
        if (r.target() == null) {
            problems.add(new FieldProblem("target", "sup.validation.required"));
        } else {
            checkQuantity(r.target(), "target", false, problems);
        }
        if (r.startsOn() == null) {
            problems.add(new FieldProblem("startsOn", "sup.validation.required"));
        } else if (r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
            problems.add(new FieldProblem("endsOn", "campaign.validation.endsBeforeStart"));
        }
        throwIf(problems);
        long id = repository.insertCampaign(name, organiser, r.target(), r.startsOn(), r.endsOn(), user.getUsername());
        return repository.campaigns().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
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
        String name = text(r.postName(), "postName", MAX_NAME, false, problems);
        String note = text(r.note(), "note", MAX_REASON, false, problems);
        String areaCode = null;
        if (r.postType() == null) {
            problems.add(new FieldProblem("postType", "sup.validation.required"));
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
        Map<Long, BigDecimal> lines = lines(r.lines(), problems);
        throwIf(problems);
        Instant now = clock.instant();
        long id = repository.insertRequest(r.postType(), ref, areaCode, name, note, now, user.getUsername());
        lines.forEach((item, q) -> repository.insertRequestLine(id, item, q));
        events.publishEvent(new SupplyRequested(id));
        return view(id);
    }

    /** Requests the user may see, newest first: managers all, requesters their own and their posts'. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<SupplyRequestView> requests(CordonUser user, RequestStatus status, int limit) {
        require(mayRead(user), user, "read requests");
        int capped = Math.max(1, Math.min(limit, 1000));
        if (mayManage(user)) {
            return repository.requests(null, true, null, List.of(), null, status, capped);
        }
        return repository.requests(null, false, user.getUsername(), user.jurisdiction().checkpointCodes(),
                user.jurisdiction().areaCode(), status, capped);
    }

    /** One request, when the user may see it (403 otherwise). */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public SupplyRequestView request(CordonUser user, long id) {
        require(mayRead(user), user, "read requests");
        SuppliesRepository.StoredRequest stored = repository.findRequest(id).orElseThrow(() -> new NotFoundException("Request " + id));
        if (!mayManage(user) && !coversPost(user, stored)) {
            throw new AccessDeniedException(user + " may not see request " + id);
        }
        return view(id);
    }

    private boolean coversPost(CordonUser user, SuppliesRepository.StoredRequest r) {
        if (user.getUsername().equals(r.requestedBy())) {
            return true;
        }
        // a checkpoint post's area is the checkpoint's town: its officers and the staff of that town (or the city) cover it
        return r.postType() == PostType.CHECKPOINT
                ? AreaScope.of(user).coversCheckpoint(r.postRef(), r.postAreaCode())
                : AreaScope.of(user).covers(r.postAreaCode());
    }

    private SupplyRequestView view(long id) {
        return repository.requests(id, true, null, List.of(), null, null, 1).get(0);
    }

    /**
     * Approves a request with a quantity per line (0 ≤ approved ≤ requested; lines not given are approved at 0; at
     * least one above 0). Commanders and supplies clerks.
     */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_APPROVE)
    public SupplyRequestView approve(CordonUser user, long id, List<QuantityLine> approvals) {
        require(mayApprove(user), user, "approve requests");
        SuppliesRepository.StoredRequest stored = repository.lockRequest(id).orElseThrow(() -> new NotFoundException("Request " + id));
        if (stored.status() != RequestStatus.REQUESTED) {
            throw new ValidationFailedException("status", "request.validation.status", stored.status().name());
        }
        Map<Long, RequestLineView> lines = view(id).lines().stream().collect(Collectors.toMap(RequestLineView::itemId, Function.identity()));
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
            if (a.quantity().signum() != 0 && !checkQuantity(a.quantity(), field + ".quantity", false, problems)) {
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
        throwIf(problems);
        for (Long item : lines.keySet()) {
            repository.setApproved(id, item, approved.getOrDefault(item, BigDecimal.ZERO));
        }
        repository.decide(id, RequestStatus.APPROVED, clock.instant(), user.getUsername(), null);
        return view(id);
    }

    /** Rejects a request that is not yet approved, with a required reason. Commanders and supplies clerks. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_APPROVE)
    public SupplyRequestView reject(CordonUser user, long id, String reason) {
        require(mayApprove(user), user, "reject requests");
        SuppliesRepository.StoredRequest stored = repository.lockRequest(id).orElseThrow(() -> new NotFoundException("Request " + id));
        if (stored.status() != RequestStatus.REQUESTED) {
            throw new ValidationFailedException("status", "request.validation.status", stored.status().name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        String r = text(reason, "reason", MAX_REASON, true, problems);
        throwIf(problems);
        repository.decide(id, RequestStatus.REJECTED, clock.instant(), user.getUsername(), r);
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
        SuppliesRepository.StoredRequest stored = repository.lockRequest(id).orElseThrow(() -> new NotFoundException("Request " + id));
        if (stored.status() != RequestStatus.APPROVED && stored.status() != RequestStatus.PARTIALLY_DISPATCHED) {
            throw new ValidationFailedException("status", "request.validation.status", stored.status().name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        checkWarehouse(input.warehouseId(), "warehouseId", problems);
        Map<Long, RequestLineView> requestLines = view(id).lines().stream()
                .collect(Collectors.toMap(RequestLineView::itemId, Function.identity()));
        List<QuantityLine> given = input.lines() == null ? List.of() : input.lines();
        Map<Long, BigDecimal> wanted = new TreeMap<>(); // ordered by item id: balance rows are locked in one order
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            QuantityLine l = given.get(i);
            String field = "lines[" + i + "]";
            if (l == null || l.quantity() == null || l.quantity().signum() == 0) {
                continue; // an empty line of a form: nothing to send of this item
            }
            if (l.itemId() == null || !requestLines.containsKey(l.itemId())) {
                problems.add(new FieldProblem(field + ".itemId", "request.validation.notRequested"));
                continue;
            }
            if (!checkQuantity(l.quantity(), field + ".quantity", false, problems)) {
                continue;
            }
            RequestLineView rl = requestLines.get(l.itemId());
            if (l.quantity().compareTo(rl.remaining()) > 0) {
                problems.add(new FieldProblem(field + ".quantity", "request.validation.overRemaining", rl.itemName(), plain(rl.remaining()),
                        rl.unit()));
            } else if (wanted.put(l.itemId(), l.quantity()) != null) {
                problems.add(new FieldProblem(field + ".itemId", "sup.validation.duplicateItem"));
            } else {
                index.put(l.itemId(), i);
            }
        }
        if (problems.isEmpty() && wanted.isEmpty()) {
            problems.add(new FieldProblem("lines", "sup.validation.noLines"));
        }
        throwIf(problems);
        for (Map.Entry<Long, BigDecimal> w : wanted.entrySet()) {
            BigDecimal available = repository.lockBalance(w.getKey(), input.warehouseId());
            if (available.compareTo(w.getValue()) < 0) {
                RequestLineView rl = requestLines.get(w.getKey());
                problems.add(new FieldProblem("lines[" + index.get(w.getKey()) + "].quantity", "stock.validation.insufficient",
                        rl.itemName(), plain(available), rl.unit(), plain(w.getValue())));
            }
        }
        throwIf(problems);
        Instant now = clock.instant();
        long dispatchId = repository.insertDispatch(id, input.warehouseId(), now, user.getUsername());
        boolean complete = true;
        for (RequestLineView rl : requestLines.values()) {
            BigDecimal q = wanted.get(rl.itemId());
            if (q != null) {
                repository.insertDispatchLine(dispatchId, rl.itemId(), q);
                repository.addDispatched(id, rl.itemId(), q);
                move(rl.itemId(), input.warehouseId(), MovementKind.DISPATCH_OUT, q.negate(), null, null, dispatchId, user);
            }
            if (rl.remaining().subtract(q == null ? BigDecimal.ZERO : q).signum() > 0) {
                complete = false;
            }
        }
        repository.setStatus(id, complete ? RequestStatus.DISPATCHED : RequestStatus.PARTIALLY_DISPATCHED, now);
        events.publishEvent(new SupplyDispatched(dispatchId, id));
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
        long[] d = repository.lockDispatch(dispatchId).orElseThrow(() -> new NotFoundException("Dispatch " + dispatchId));
        SuppliesRepository.StoredRequest stored = repository.lockRequest(d[0]).orElseThrow();
        boolean allowed = RolePermissions.may(user, Permission.SUPPLIES_RECEIVE) && coversPost(user, stored);
        require(allowed, user, "confirm receipt of dispatch " + dispatchId);
        if (d[1] == 1) {
            throw new ValidationFailedException("dispatch", "request.validation.alreadyReceived");
        }
        Instant now = clock.instant();
        repository.markReceived(dispatchId, now, user.getUsername());
        if (stored.status() == RequestStatus.DISPATCHED && repository.unreceivedDispatches(stored.id()) == 0) {
            repository.setStatus(stored.id(), RequestStatus.RECEIVED, now);
        }
        events.publishEvent(new ReceiptConfirmed(dispatchId, stored.id()));
        return view(stored.id());
    }

    /** Staff without an area, posted to checkpoints (officers), request and receive for their checkpoints only. */
    @PermissionQuery
    public boolean postedToCheckpoints(CordonUser user) {
        return user != null && !AreaScope.of(user).hasArea() && !AreaScope.of(user).checkpointCodes().isEmpty();
    }

    /** May this user confirm receipt for this request (page buttons). */
    @PermissionQuery(Permission.SUPPLIES_RECEIVE)
    public boolean mayConfirm(CordonUser user, SupplyRequestView r) {
        SuppliesRepository.StoredRequest s = new SuppliesRepository.StoredRequest(r.id(), r.postType(), r.postRef(),
                repository.findRequest(r.id()).map(SuppliesRepository.StoredRequest::postAreaCode).orElse(null), r.postName(), r.status(),
                r.requestedBy());
        return RolePermissions.may(user, Permission.SUPPLIES_RECEIVE) && coversPost(user, s);
    }

    // ------------------------------------------------------------------ public ledger

    /**
     * The public ledger (no sign-in): donations (newest first, at most {@code limit}), dispatches (likewise) and every
     * item's totals derived from all movements, plus the money donated and the campaigns.
     */
    @SystemOperation
    public PublicLedger ledger(int limit) {
        Map<Long, Item> items = repository.items().stream().collect(Collectors.toMap(Item::id, Function.identity()));
        List<PublicLedger.Donation> donations = new ArrayList<>();
        for (DonationView d : repository.donations(null, limit)) {
            boolean named = d.donorType() == DonorType.ORGANISATION || d.donorType() == DonorType.PERSON && d.showName();
            donations.add(new PublicLedger.Donation(d.receiptNumber(), d.receivedOn(), named ? d.donorName() : null, !named, d.kind(),
                    d.amount(), d.lines().stream().map(l -> new PublicLedger.Line(items.get(l.itemId()).code(), l.itemName(), l.unit(),
                    l.quantity())).toList(), d.designatedUse(), d.campaignName()));
        }
        List<PublicLedger.CampaignTotal> campaigns = repository.campaigns().stream()
                .map(c -> new PublicLedger.CampaignTotal(c.name(), c.organiser(), c.target(), c.raised())).toList();
        return new PublicLedger(clock.instant(), donations, repository.ledgerDispatches(settings.timeZone().getId(), limit),
                repository.ledgerBalances(), repository.moneyTotal(), campaigns);
    }

    // ------------------------------------------------------------------ validation helpers

    private Map<Long, BigDecimal> lines(List<QuantityLine> given, List<FieldProblem> problems) {
        Map<Long, BigDecimal> lines = new LinkedHashMap<>();
        List<QuantityLine> list = given == null ? List.of() : given;
        if (list.size() > MAX_LINES) {
            problems.add(new FieldProblem("lines", "sup.validation.tooManyLines", MAX_LINES));
            return lines;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            QuantityLine l = list.get(i);
            String field = "lines[" + i + "]";
            if (l == null || l.itemId() == null && l.quantity() == null) {
                continue; // an empty row of a form
            }
            Item item = checkItem(l.itemId(), field + ".itemId", problems);
            boolean duplicate = item != null && !seen.add(item.id());
            if (duplicate) {
                problems.add(new FieldProblem(field + ".itemId", "sup.validation.duplicateItem"));
            }
            if (l.quantity() == null) {
                problems.add(new FieldProblem(field + ".quantity", "sup.validation.required"));
            } else if (checkQuantity(l.quantity(), field + ".quantity", false, problems) && item != null && !duplicate) {
                lines.put(item.id(), l.quantity());
            }
        }
        if (problems.isEmpty() && lines.isEmpty()) {
            problems.add(new FieldProblem("lines", "sup.validation.noLines"));
        }
        return lines;
    }

    private Item checkItem(Long id, String field, List<FieldProblem> problems) {
        if (id == null) {
            problems.add(new FieldProblem(field, "sup.validation.required"));
            return null;
        }
        Item item = repository.item(id).orElse(null);
        if (item == null) {
            problems.add(new FieldProblem(field, "sup.validation.unknownItem", id));
        }
        return item;
    }

    private void checkWarehouse(Long id, String field, List<FieldProblem> problems) {
        if (id == null) {
            problems.add(new FieldProblem(field, "sup.validation.required"));
        } else if (!repository.warehouseExists(id)) {
            problems.add(new FieldProblem(field, "sup.validation.unknownWarehouse", id));
        }
    }

    /** A positive (or, with {@code signed}, non-zero) amount with at most two decimals; true when valid. */
    private static boolean checkQuantity(BigDecimal q, String field, boolean signed, List<FieldProblem> problems) {
        if (q == null) {
            problems.add(new FieldProblem(field, "sup.validation.required"));
            return false;
        }
        if (signed ? q.signum() == 0 : q.signum() <= 0) {
            problems.add(new FieldProblem(field, signed ? "stock.validation.nonZero" : "sup.validation.positive"));
            return false;
        }
        if (q.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem(field, "sup.validation.decimals"));
            return false;
        }
        if (q.abs().compareTo(MAX_QUANTITY) > 0) {
            problems.add(new FieldProblem(field, "sup.validation.tooLarge"));
            return false;
        }
        return true;
    }

    private static String text(String value, String field, int max, boolean required, List<FieldProblem> problems) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "sup.validation.required"));
            }
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            problems.add(new FieldProblem(field, "sup.validation.tooLong", max));
        }
        return v;
    }

    private static void throwIf(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
    }

    private static String plain(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }
}
