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

/** SQL of supply requests and their dispatches. */
@Repository
class SupplyRequestRepository {

    private final JdbcClient jdbc;

    private final org.cordon.shared.DocumentNumbers documentNumbers;

    SupplyRequestRepository(JdbcClient jdbc, org.cordon.shared.DocumentNumbers documentNumbers) {
        this.jdbc = jdbc;
        this.documentNumbers = documentNumbers;
    }

    /** A request's row: its post, status and requester. */
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
        return jdbc.sql("select * from supply_request where id = ? for update").param(id).query(SupplyRequestRepository::storedRequest)
                .optional();
    }

    Optional<StoredRequest> findRequest(long id) {
        return jdbc.sql("select * from supply_request where id = ?").param(id).query(SupplyRequestRepository::storedRequest).optional();
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

    /** A dispatch with the next dispatch-note number of {@code year} (numbered like notices, race-free). */
    long insertDispatch(long requestId, long warehouseId, Instant at, String by, int year) {
        int number = documentNumbers.next(org.cordon.shared.DocumentNumbers.Kind.DISPATCH_NOTE, year);
        return jdbc.sql("""
                        insert into dispatch(request_id, warehouse_id, dispatched_at, dispatched_by, note_year, note_number)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(requestId, warehouseId, Timestamp.from(at), by, year, number).query(Long.class).single();
    }

    void insertDispatchLine(long dispatchId, long itemId, BigDecimal quantity) {
        jdbc.sql("insert into dispatch_line(dispatch_id, item_id, quantity) values (?, ?, ?)").params(dispatchId, itemId, quantity).update();
    }

    /** Locks a dispatch; returns its request's id, or empty. */
    Optional<Long> lockDispatch(long dispatchId) {
        return jdbc.sql("select request_id from dispatch where id = ? for update").param(dispatchId).query(Long.class).optional();
    }

    void markReceived(long dispatchId, Instant at, String by) {
        jdbc.sql("update dispatch set received_at = ?, received_by = ? where id = ?").params(Timestamp.from(at), by, dispatchId).update();
    }

    /** The request (locked or found before) with its lines and whether each of its dispatches was received. */
    SupplyRequest load(StoredRequest stored) {
        Map<Long, Boolean> received = new LinkedHashMap<>();
        jdbc.sql("select id, received_at is not null from dispatch where request_id = ? order by id").param(stored.id())
                .query(rs -> {
                    received.put(rs.getLong(1), rs.getBoolean(2));
                });
        return new SupplyRequest(stored.id(), stored.status(), lines(List.of(stored.id())).getOrDefault(stored.id(), List.of()), received);
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
        Map<Long, List<RequestLineView>> lines = lines(ids);
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

    /** The lines of requests (by request id), key items first. */
    private Map<Long, List<RequestLineView>> lines(Collection<Long> requestIds) {
        Map<Long, List<RequestLineView>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.*, i.name, i.unit from request_line l join supply_item i on i.id = l.item_id
                        where l.request_id in (:ids) order by i.key_item desc, i.sort, i.id""").param("ids", requestIds)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("request_id"), k -> new ArrayList<>()).add(new RequestLineView(rs.getLong("item_id"),
                            rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("requested"), rs.getBigDecimal("approved"),
                            rs.getBigDecimal("dispatched")));
                });
        return lines;
    }

    private List<DispatchView> dispatches(Collection<Long> requestIds) {
        List<Object[]> rows = jdbc.sql("""
                        select d.*, w.name wh_name from dispatch d join warehouse w on w.id = d.warehouse_id
                        where d.request_id in (:ids) order by d.dispatched_at, d.id""").param("ids", requestIds)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getLong("request_id"), rs.getLong("warehouse_id"), rs.getString("wh_name"),
                        rs.getTimestamp("dispatched_at").toInstant(), rs.getString("dispatched_by"), instant(rs.getTimestamp("received_at")),
                        rs.getString("received_by"), rs.getObject("note_year", Integer.class), rs.getObject("note_number", Integer.class)}).list();
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
                    (String) r[7], lines.getOrDefault((Long) r[0], List.of()), (Integer) r[8], (Integer) r[9]));
        }
        return result;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    // ------------------------------------------------------------------ public ledger

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
}
