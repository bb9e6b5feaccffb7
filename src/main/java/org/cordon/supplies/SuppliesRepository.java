package org.cordon.supplies;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the supplies module. Balances change only together with a movement (see {@link #move}). */
@Repository
class SuppliesRepository {

    private final JdbcClient jdbc;

    SuppliesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ reference data

    List<Item> items() {
        return jdbc.sql("select * from supply_item order by key_item desc, sort, id").query(SuppliesRepository::item).list();
    }

    Optional<Item> item(long id) {
        return jdbc.sql("select * from supply_item where id = ?").param(id).query(SuppliesRepository::item).optional();
    }

    List<Warehouse> warehouses() {
        return jdbc.sql("select * from warehouse order by code").query((rs, n) -> new Warehouse(rs.getLong("id"), rs.getString("code"),
                rs.getString("name"), rs.getString("area_code"), rs.getBoolean("sample"))).list();
    }

    boolean warehouseExists(long id) {
        return jdbc.sql("select count(*) from warehouse where id = ?").param(id).query(Integer.class).single() > 0;
    }

    boolean campaignExists(long id) {
        return jdbc.sql("select count(*) from campaign where id = ?").param(id).query(Integer.class).single() > 0;
    }

    private static Item item(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("unit"), rs.getBoolean("key_item"),
                rs.getBigDecimal("low_stock"));
    }

    // ------------------------------------------------------------------ stock

    List<StockBalance> balances() {
        return jdbc.sql("""
                        select b.item_id, i.code item_code, i.name item_name, i.unit, b.warehouse_id, w.code wh_code, w.name wh_name, b.quantity
                        from stock_balance b join supply_item i on i.id = b.item_id join warehouse w on w.id = b.warehouse_id
                        order by i.key_item desc, i.sort, i.id, w.code""")
                .query((rs, n) -> new StockBalance(rs.getLong("item_id"), rs.getString("item_code"), rs.getString("item_name"),
                        rs.getString("unit"), rs.getLong("warehouse_id"), rs.getString("wh_code"), rs.getString("wh_name"),
                        rs.getBigDecimal("quantity"))).list();
    }

    BigDecimal balance(long itemId, long warehouseId) {
        return jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ?").params(itemId, warehouseId)
                .query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    /**
     * Locks the balance row of an item in a warehouse (creating it at zero if missing) and returns its quantity.
     * Concurrent dispatches of the same item and warehouse queue here, so the second sees what the first left.
     */
    BigDecimal lockBalance(long itemId, long warehouseId) {
        jdbc.sql("insert into stock_balance(item_id, warehouse_id, quantity) values (?, ?, 0) on conflict do nothing")
                .params(itemId, warehouseId).update();
        return jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ? for update")
                .params(itemId, warehouseId).query(BigDecimal.class).single();
    }

    /**
     * Appends a movement and changes the balance by its quantity in the same transaction. The balance's CHECK
     * constraint (quantity &gt;= 0) is the last line of defence; callers check and lock first.
     */
    long move(long itemId, long warehouseId, MovementKind kind, BigDecimal quantity, String reason, Long donationId,
              Long dispatchId, Instant at, String by) {
        long id = jdbc.sql("""
                        insert into stock_movement(item_id, warehouse_id, kind, quantity, reason, donation_id, dispatch_id, moved_at, moved_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(itemId, warehouseId, kind.name(), quantity, reason, donationId, dispatchId, Timestamp.from(at), by)
                .query(Long.class).single();
        int updated = jdbc.sql("update stock_balance set quantity = quantity + ? where item_id = ? and warehouse_id = ?")
                .params(quantity, itemId, warehouseId).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into stock_balance(item_id, warehouse_id, quantity) values (?, ?, ?)
                            on conflict (item_id, warehouse_id) do update set quantity = stock_balance.quantity + excluded.quantity""")
                    .params(itemId, warehouseId, quantity).update();
        }
        return id;
    }

    List<Movement> movements(Long itemId, Long warehouseId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select m.*, i.name item_name, i.unit, w.name wh_name from stock_movement m
                join supply_item i on i.id = m.item_id join warehouse w on w.id = m.warehouse_id where true""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (itemId != null) {
            sql.append(" and m.item_id = :item");
            params.put("item", itemId);
        }
        if (warehouseId != null) {
            sql.append(" and m.warehouse_id = :wh");
            params.put("wh", warehouseId);
        }
        sql.append(" order by m.moved_at desc, m.id desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Movement(rs.getLong("id"),
                rs.getTimestamp("moved_at").toInstant(), MovementKind.valueOf(rs.getString("kind")), rs.getLong("item_id"),
                rs.getString("item_name"), rs.getString("unit"), rs.getLong("warehouse_id"), rs.getString("wh_name"),
                rs.getBigDecimal("quantity"), rs.getString("reason"), (Long) rs.getObject("donation_id"),
                (Long) rs.getObject("dispatch_id"), rs.getString("moved_by"))).list();
    }

    // ------------------------------------------------------------------ donations

    String nextReceiptNumber(int year) {
        long n = jdbc.sql("select nextval('donation_receipt_seq')").query(Long.class).single();
        return String.format("JZ%d-%06d", year, n);
    }

    boolean receiptNumberTaken(String number) {
        return jdbc.sql("select count(*) from donation where receipt_number = ?").param(number).query(Integer.class).single() > 0;
    }

    long insertDonation(DonationKind kind, DonorType donorType, String donorName, boolean showName, BigDecimal amount,
                        DonationChannel channel, String designatedUse, String recipient, String receiptNumber, LocalDate receivedOn,
                        Long campaignId, Long warehouseId, String by) {
        return jdbc.sql("""
                        insert into donation(kind, donor_type, donor_name, show_name, amount, channel, designated_use, recipient,
                                             receipt_number, received_on, campaign_id, warehouse_id, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(kind.name(), donorType.name(), donorName, showName, amount, channel.name(), designatedUse, recipient,
                        receiptNumber, receivedOn, campaignId, warehouseId, by)
                .query(Long.class).single();
    }

    void insertDonationLine(long donationId, long itemId, BigDecimal quantity) {
        jdbc.sql("insert into donation_line(donation_id, item_id, quantity) values (?, ?, ?)").params(donationId, itemId, quantity).update();
    }

    List<DonationView> donations(Long id, int limit) {
        String where = id == null ? "" : "where d.id = :id ";
        var spec = jdbc.sql("""
                select d.*, c.name campaign_name, w.name wh_name from donation d
                left join campaign c on c.id = d.campaign_id left join warehouse w on w.id = d.warehouse_id
                """ + where + "order by d.received_on desc, d.id desc limit :limit").param("limit", limit);
        if (id != null) {
            spec = spec.param("id", id);
        }
        List<Object[]> rows = spec.query((rs, n) -> new Object[] {rs.getLong("id"), DonationKind.valueOf(rs.getString("kind")),
                DonorType.valueOf(rs.getString("donor_type")), rs.getString("donor_name"), rs.getBoolean("show_name"),
                rs.getBigDecimal("amount"), DonationChannel.valueOf(rs.getString("channel")), rs.getString("designated_use"),
                rs.getString("recipient"), rs.getString("receipt_number"), rs.getObject("received_on", LocalDate.class),
                rs.getObject("campaign_id"), rs.getString("campaign_name"), rs.getObject("warehouse_id"), rs.getString("wh_name"),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()}).list();
        Map<Long, List<ItemQuantity>> lines = donationLines(rows.stream().map(r -> (Long) r[0]).toList());
        List<DonationView> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new DonationView((Long) r[0], (DonationKind) r[1], (DonorType) r[2], (String) r[3], (Boolean) r[4],
                    (BigDecimal) r[5], (DonationChannel) r[6], (String) r[7], (String) r[8], (String) r[9], (LocalDate) r[10],
                    (Long) r[11], (String) r[12], (Long) r[13], (String) r[14], lines.getOrDefault((Long) r[0], List.of()),
                    (String) r[15], (Instant) r[16]));
        }
        return result;
    }

    private Map<Long, List<ItemQuantity>> donationLines(Collection<Long> donationIds) {
        Map<Long, List<ItemQuantity>> lines = new LinkedHashMap<>();
        if (donationIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("""
                        select l.donation_id, l.item_id, i.name, i.unit, l.quantity from donation_line l join supply_item i on i.id = l.item_id
                        where l.donation_id in (:ids) order by l.id""").param("ids", donationIds)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ItemQuantity(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)));
                });
        return lines;
    }

    // ------------------------------------------------------------------ campaigns

    long insertCampaign(String name, String organiser, BigDecimal target, LocalDate startsOn, LocalDate endsOn, String by) {
        return jdbc.sql("insert into campaign(name, organiser, target, starts_on, ends_on, created_by) values (?, ?, ?, ?, ?, ?) returning id")
                .params(name, organiser, target, startsOn, endsOn, by).query(Long.class).single();
    }

    List<Campaign> campaigns() {
        return jdbc.sql("""
                        select c.*, coalesce(sum(d.amount) filter (where d.kind = 'MONEY'), 0) raised,
                               count(d.id) filter (where d.kind = 'MONEY') donations
                        from campaign c left join donation d on d.campaign_id = c.id
                        group by c.id order by c.starts_on desc, c.id desc""")
                .query((rs, n) -> new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("organiser"),
                        rs.getBigDecimal("target"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        rs.getBigDecimal("raised"), rs.getLong("donations"))).list();
    }

    // ------------------------------------------------------------------ requests and dispatches

    record StoredRequest(long id, PostType postType, String postRef, String postAreaCode, String postName, RequestStatus status,
                         String requestedBy) {
    }

    long insertRequest(PostType type, String ref, String areaCode, String name, String note, Instant at, String by) {
        return jdbc.sql("""
                        insert into supply_request(post_type, post_ref, post_area_code, post_name, note, status, requested_at, requested_by, updated_at)
                        values (?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?) returning id""")
                .params(type.name(), ref, areaCode, name, note, Timestamp.from(at), by, Timestamp.from(at)).query(Long.class).single();
    }

    void insertRequestLine(long requestId, long itemId, BigDecimal requested) {
        jdbc.sql("insert into request_line(request_id, item_id, requested) values (?, ?, ?)").params(requestId, itemId, requested).update();
    }

    Optional<StoredRequest> lockRequest(long id) {
        return jdbc.sql("select * from supply_request where id = ? for update").param(id).query(SuppliesRepository::storedRequest).optional();
    }

    Optional<StoredRequest> findRequest(long id) {
        return jdbc.sql("select * from supply_request where id = ?").param(id).query(SuppliesRepository::storedRequest).optional();
    }

    private static StoredRequest storedRequest(ResultSet rs, int n) throws SQLException {
        return new StoredRequest(rs.getLong("id"), PostType.valueOf(rs.getString("post_type")), rs.getString("post_ref"),
                rs.getString("post_area_code"), rs.getString("post_name"), RequestStatus.valueOf(rs.getString("status")),
                rs.getString("requested_by"));
    }

    void setApproved(long requestId, long itemId, BigDecimal approved) {
        jdbc.sql("update request_line set approved = ? where request_id = ? and item_id = ?").params(approved, requestId, itemId).update();
    }

    void addDispatched(long requestId, long itemId, BigDecimal quantity) {
        jdbc.sql("update request_line set dispatched = dispatched + ? where request_id = ? and item_id = ?")
                .params(quantity, requestId, itemId).update();
    }

    void decide(long requestId, RequestStatus status, Instant at, String by, String reason) {
        jdbc.sql("update supply_request set status = ?, decided_at = ?, decided_by = ?, reject_reason = ?, updated_at = ? where id = ?")
                .params(status.name(), Timestamp.from(at), by, reason, Timestamp.from(at), requestId).update();
    }

    void setStatus(long requestId, RequestStatus status, Instant at) {
        jdbc.sql("update supply_request set status = ?, updated_at = ? where id = ?").params(status.name(), Timestamp.from(at), requestId).update();
    }

    long insertDispatch(long requestId, long warehouseId, Instant at, String by) {
        return jdbc.sql("insert into dispatch(request_id, warehouse_id, dispatched_at, dispatched_by) values (?, ?, ?, ?) returning id")
                .params(requestId, warehouseId, Timestamp.from(at), by).query(Long.class).single();
    }

    void insertDispatchLine(long dispatchId, long itemId, BigDecimal quantity) {
        jdbc.sql("insert into dispatch_line(dispatch_id, item_id, quantity) values (?, ?, ?)").params(dispatchId, itemId, quantity).update();
    }

    /** Request id of a dispatch and whether it was received, or empty. */
    Optional<long[]> lockDispatch(long dispatchId) {
        return jdbc.sql("select request_id, received_at is not null from dispatch where id = ? for update").param(dispatchId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}).optional();
    }

    void markReceived(long dispatchId, Instant at, String by) {
        jdbc.sql("update dispatch set received_at = ?, received_by = ? where id = ?").params(Timestamp.from(at), by, dispatchId).update();
    }

    int unreceivedDispatches(long requestId) {
        return jdbc.sql("select count(*) from dispatch where request_id = ? and received_at is null").param(requestId)
                .query(Integer.class).single();
    }

    /**
     * Requests, newest first. {@code all} = every request; otherwise those made by {@code username}, for one of
     * {@code checkpoints}, or for an area inside {@code areaPrefix}.
     */
    List<SupplyRequestView> requests(Long id, boolean all, String username, Collection<String> checkpoints, String areaPrefix,
                                     RequestStatus status, int limit) {
        StringBuilder sql = new StringBuilder("select * from supply_request r where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (id != null) {
            sql.append(" and r.id = :id");
            params.put("id", id);
        }
        if (!all) {
            sql.append(" and (r.requested_by = :user or (r.post_type = 'CHECKPOINT' and r.post_ref in (:cps))");
            params.put("user", username);
            params.put("cps", checkpoints.isEmpty() ? List.of("") : checkpoints);
            if (areaPrefix != null) {
                AreaScope scope = AreaScope.subtree(areaPrefix);
                sql.append(" or (r.post_type <> 'CHECKPOINT' and ").append(scope.condition("r.post_area_code", "area")).append(")");
                params.put("area", scope.pattern());
            }
            sql.append(")");
        }
        if (status != null) {
            sql.append(" and r.status = :status");
            params.put("status", status.name());
        }
        sql.append(" order by r.requested_at desc, r.id desc limit :limit");
        params.put("limit", limit);
        List<Object[]> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Object[] {rs.getLong("id"),
                PostType.valueOf(rs.getString("post_type")), rs.getString("post_ref"), rs.getString("post_name"), rs.getString("note"),
                RequestStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(), rs.getString("requested_by"),
                instant(rs.getTimestamp("decided_at")), rs.getString("decided_by"), rs.getString("reject_reason")}).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
        Map<Long, List<RequestLineView>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.*, i.name, i.unit from request_line l join supply_item i on i.id = l.item_id
                        where l.request_id in (:ids) order by i.key_item desc, i.sort, i.id""").param("ids", ids)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("request_id"), k -> new ArrayList<>()).add(new RequestLineView(rs.getLong("item_id"),
                            rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("requested"), rs.getBigDecimal("approved"),
                            rs.getBigDecimal("dispatched")));
                });
        Map<Long, List<DispatchView>> dispatches = new LinkedHashMap<>();
        for (DispatchView d : dispatches(ids)) {
            dispatches.computeIfAbsent(d.requestId(), k -> new ArrayList<>()).add(d);
        }
        List<SupplyRequestView> result = new ArrayList<>();
        for (Object[] r : rows) {
            long rid = (Long) r[0];
            result.add(new SupplyRequestView(rid, (PostType) r[1], (String) r[2], (String) r[3], (String) r[4], (RequestStatus) r[5],
                    (Instant) r[6], (String) r[7], (Instant) r[8], (String) r[9], (String) r[10], lines.getOrDefault(rid, List.of()),
                    dispatches.getOrDefault(rid, List.of())));
        }
        return result;
    }

    private List<DispatchView> dispatches(Collection<Long> requestIds) {
        List<Object[]> rows = jdbc.sql("""
                        select d.*, w.name wh_name from dispatch d join warehouse w on w.id = d.warehouse_id
                        where d.request_id in (:ids) order by d.dispatched_at, d.id""").param("ids", requestIds)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getLong("request_id"), rs.getLong("warehouse_id"), rs.getString("wh_name"),
                        rs.getTimestamp("dispatched_at").toInstant(), rs.getString("dispatched_by"), instant(rs.getTimestamp("received_at")),
                        rs.getString("received_by")}).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ItemQuantity>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.dispatch_id, l.item_id, i.name, i.unit, l.quantity from dispatch_line l join supply_item i on i.id = l.item_id
                        where l.dispatch_id in (:ids) order by l.id""").param("ids", rows.stream().map(r -> (Long) r[0]).toList())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ItemQuantity(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)));
                });
        List<DispatchView> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new DispatchView((Long) r[0], (Long) r[1], (Long) r[2], (String) r[3], (Instant) r[4], (String) r[5], (Instant) r[6],
                    (String) r[7], lines.getOrDefault((Long) r[0], List.of())));
        }
        return result;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    // ------------------------------------------------------------------ public ledger

    List<PublicLedger.Balance> ledgerBalances() {
        return jdbc.sql("""
                        select i.code, i.name, i.unit,
                          coalesce(sum(m.quantity) filter (where m.kind = 'DONATION_IN'), 0) donated,
                          coalesce(sum(m.quantity) filter (where m.kind = 'PURCHASE_IN'), 0) purchased,
                          coalesce(-sum(m.quantity) filter (where m.kind = 'DISPATCH_OUT'), 0) dispatched,
                          coalesce(sum(m.quantity) filter (where m.kind = 'ADJUSTMENT'), 0) adjusted,
                          coalesce(sum(m.quantity), 0) balance
                        from supply_item i left join stock_movement m on m.item_id = i.id
                        group by i.id order by i.key_item desc, i.sort, i.id""")
                .query((rs, n) -> new PublicLedger.Balance(rs.getString("code"), rs.getString("name"), rs.getString("unit"),
                        rs.getBigDecimal("donated"), rs.getBigDecimal("purchased"), rs.getBigDecimal("dispatched"),
                        rs.getBigDecimal("adjusted"), rs.getBigDecimal("balance"))).list();
    }

    /** All dispatches, newest first, with the receiving post's name and the day (city zone) of dispatch. */
    List<PublicLedger.Dispatch> ledgerDispatches(String zone, int limit) {
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        jdbc.sql("""
                        select d.id, (d.dispatched_at at time zone :zone)::date as dispatch_day, r.post_name from dispatch d
                        join supply_request r on r.id = d.request_id order by d.dispatched_at desc, d.id desc limit :limit""")
                .param("zone", zone).param("limit", limit)
                .query(rs -> {
                    heads.put(rs.getLong(1), new Object[] {rs.getObject(2, LocalDate.class), rs.getString(3)});
                });
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PublicLedger.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.dispatch_id, i.code, i.name, i.unit, l.quantity from dispatch_line l join supply_item i on i.id = l.item_id
                        where l.dispatch_id in (:ids) order by l.id""").param("ids", heads.keySet())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new PublicLedger.Line(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)));
                });
        List<PublicLedger.Dispatch> result = new ArrayList<>();
        heads.forEach((id, h) -> result.add(new PublicLedger.Dispatch(id, (LocalDate) h[0], (String) h[1], lines.getOrDefault(id, List.of()))));
        return result;
    }

    BigDecimal moneyTotal() {
        return jdbc.sql("select coalesce(sum(amount), 0) from donation where kind = 'MONEY'").query(BigDecimal.class).single();
    }
}
