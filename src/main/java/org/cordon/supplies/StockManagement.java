package org.cordon.supplies;

import static org.cordon.supplies.SupplyChecks.capped;
import static org.cordon.supplies.SupplyChecks.plain;
import static org.cordon.supplies.SupplyChecks.require;
import static org.cordon.shared.FieldChecks.text;
import static org.cordon.shared.FieldChecks.failIfAny;

import org.cordon.shared.FieldChecks;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.PermissionQuery;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.account.SystemOperation;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock ledger (物资台账): items, warehouses, balances and movements, purchases and adjustments, and the public
 * donation ledger.
 *
 * <ul>
 *   <li>Supplies clerks, commanders and administrators record purchases and adjustments and read the movements;
 *       every supplies reader (also the posts that request) reads items, warehouses and balances.</li>
 *   <li>Stock changes only through movements; each movement changes its balance in the same transaction. A change
 *       that would make any balance negative fails as a whole (balance rows are locked first, so two clerks taking
 *       the last items at the same moment cannot both succeed).</li>
 * </ul>
 *
 * <p>Every changing method throws {@link ValidationFailedException} (nothing stored) for invalid input and
 * {@link AccessDeniedException} for a role that may not do it.
 */
@Service
@Transactional(readOnly = true)
public class StockManagement {

    private final StockRepository stock;
    private final DonationRepository donations;
    private final SupplyRequestRepository requests;
    private final StockMovements movements;
    private final SupplyChecks checks;
    private final CordonSettings settings;
    private final Clock clock;

    StockManagement(StockRepository stock, DonationRepository donations, SupplyRequestRepository requests, StockMovements movements,
                    SupplyChecks checks, CordonSettings settings, Clock clock) {
        this.stock = stock;
        this.donations = donations;
        this.requests = requests;
        this.movements = movements;
        this.checks = checks;
        this.settings = settings;
        this.clock = clock;
    }

    /** Key items with their city-wide balance and their dispatches since the time, for the dashboard's days of cover. */
    @SystemOperation
    public java.util.List<KeyItemStock> keyItemStock(java.time.Instant since) {
        return stock.keyItemStock(since);
    }

    /** May record donations, purchases, adjustments and dispatches. */
    @PermissionQuery(Permission.SUPPLIES_MANAGE)
    public boolean mayManage(CordonUser user) {
        return RolePermissions.may(user, Permission.SUPPLIES_MANAGE);
    }

    /** May read stock, campaigns and (their) requests. */
    @PermissionQuery(Permission.SUPPLIES_READ)
    public boolean mayRead(CordonUser user) {
        return RolePermissions.may(user, Permission.SUPPLIES_READ);
    }

    // ------------------------------------------------------------------ reference data and stock

    /** Items, key items first. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Item> items(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return stock.items();
    }

    /** Warehouses. Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<Warehouse> warehouses(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return stock.warehouses();
    }

    /** Balances per item and warehouse (rows with stock ever moved). Any supplies reader. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<StockBalance> balances(CordonUser user) {
        require(mayRead(user), user, "read supplies");
        return stock.balances();
    }

    /** Every item with its total and per-warehouse balances, key items first, low stock flagged. */
    @RequiresPermission(Permission.SUPPLIES_READ)
    public List<ItemStock> stock(CordonUser user) {
        List<StockBalance> balances = balances(user);
        List<ItemStock> result = new ArrayList<>();
        for (Item item : stock.items()) {
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
        return stock.movements(itemId, warehouseId, capped(limit));
    }

    /** Records a purchase (quantity &gt; 0) into a warehouse; returns the movement. Managers. Publishes {@link StockMoved}. */
    @Transactional
    @RequiresPermission(Permission.SUPPLIES_MANAGE)
    public Movement purchase(CordonUser user, StockChange change) {
        require(mayManage(user), user, "record purchases");
        List<FieldProblem> problems = new ArrayList<>();
        checks.warehouse(change.warehouseId(), "warehouseId", problems);
        checks.item(change.itemId(), "itemId", problems);
        SupplyChecks.quantity(change.quantity(), "quantity", false, problems);
        String reason = text(change.reason(), "reason", SupplyChecks.MAX_REASON, false, problems);
        failIfAny(problems);
        movements.move(change.itemId(), change.warehouseId(), MovementKind.PURCHASE_IN, change.quantity(), reason, null, null, user);
        return stock.movements(change.itemId(), change.warehouseId(), 1).get(0);
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
        checks.warehouse(change.warehouseId(), "warehouseId", problems);
        Item item = checks.item(change.itemId(), "itemId", problems);
        SupplyChecks.quantity(change.quantity(), "quantity", true, problems);
        String reason = text(change.reason(), "reason", SupplyChecks.MAX_REASON, true, problems);
        failIfAny(problems);
        if (change.quantity().signum() < 0) {
            BigDecimal available = stock.lockBalance(change.itemId(), change.warehouseId());
            if (available.add(change.quantity()).signum() < 0) {
                throw new ValidationFailedException("quantity", "stock.validation.insufficient", item.name(), plain(available), item.unit(),
                        plain(change.quantity().negate()));
            }
        }
        movements.move(change.itemId(), change.warehouseId(), MovementKind.ADJUSTMENT, change.quantity(), reason, null, null, user);
        return stock.movements(change.itemId(), change.warehouseId(), 1).get(0);
    }

    // ------------------------------------------------------------------ public ledger

    /**
     * The public ledger (no sign-in): donations (newest first, at most {@code limit}), dispatches (likewise) and every
     * item's totals derived from all movements, plus the money donated and the campaigns.
     */
    @SystemOperation
    public PublicLedger ledger(int limit) {
        Map<Long, Item> items = stock.items().stream().collect(Collectors.toMap(Item::id, Function.identity()));
        List<PublicLedger.Donation> donated = new ArrayList<>();
        for (DonationView d : donations.donations(null, limit)) {
            boolean named = d.donorType() == DonorType.ORGANISATION || d.donorType() == DonorType.PERSON && d.showName();
            donated.add(new PublicLedger.Donation(d.receiptNumber(), d.receivedOn(), named ? d.donorName() : null, !named, d.kind(),
                    d.amount(), d.lines().stream().map(l -> new PublicLedger.Line(items.get(l.itemId()).code(), l.itemName(), l.unit(),
                    l.quantity())).toList(), d.designatedUse(), d.campaignName()));
        }
        List<PublicLedger.CampaignTotal> campaigns = donations.campaigns().stream()
                .map(c -> new PublicLedger.CampaignTotal(c.name(), c.organiser(), c.target(), c.raised())).toList();
        return new PublicLedger(clock.instant(), donated, requests.ledgerDispatches(settings.timeZone().getId(), limit),
                stock.ledgerBalances(), donations.moneyTotal(), campaigns);
    }
}
