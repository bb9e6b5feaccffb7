package org.cordon.supplies;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of items, warehouses and stock. Balances change only together with a movement (see {@link #move}). */
@Repository
class StockRepository {

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ reference data

    /** Key items with their balance over all warehouses and their dispatches since the time. */
    List<KeyItemStock> keyItemStock(java.time.Instant since) {
        return jdbc.sql("""
                        select i.code, i.name, i.unit, i.low_stock, coalesce(b.qty, 0), coalesce(u.used, 0)
                        from supply_item i
                        left join (select item_id, sum(quantity) qty from stock_balance group by item_id) b on b.item_id = i.id
                        left join (select item_id, -sum(quantity) used from stock_movement
                                   where kind = 'DISPATCH_OUT' and moved_at >= ? group by item_id) u on u.item_id = i.id
                        where i.key_item order by i.sort, i.id""")
                .param(java.sql.Timestamp.from(since))
                .query((rs, n) -> new KeyItemStock(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6))).list();
    }

    List<Item> items() {
        return jdbc.sql("select * from supply_item order by key_item desc, sort, id").query(StockRepository::item).list();
    }

    Optional<Item> item(long id) {
        return jdbc.sql("select * from supply_item where id = ?").param(id).query(StockRepository::item).optional();
    }

    List<Warehouse> warehouses() {
        return jdbc.sql("select * from warehouse order by code").query((rs, n) -> new Warehouse(rs.getLong("id"), rs.getString("code"),
                rs.getString("name"), rs.getString("area_code"), rs.getBoolean("sample"))).list();
    }

    boolean warehouseExists(long id) {
        return jdbc.sql("select count(*) from warehouse where id = ?").param(id).query(Integer.class).single() > 0;
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
}
