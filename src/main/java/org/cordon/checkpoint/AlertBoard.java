package org.cordon.checkpoint;

import java.time.Instant;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Until the observation module exists, open fever referrals and risk arrivals are listed on an
 * alert board for the commander and medical staff. Fed synchronously by this module's own events,
 * in the registration's transaction, so an alert exists exactly when its passage does.
 */
@Component
class AlertBoard {

    private final JdbcClient jdbc;

    AlertBoard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(FeverReferralRequired event) {
        raise(Alert.Kind.FEVER_REFERRAL, event.occupantId(), event.passageId(), event.checkpointCode(), event.townCode(),
                event.destinationAreaCode(), event.recordedAt());
    }

    @EventListener
    void on(RiskArrivalsDetected event) {
        event.arrivals().forEach(this::on);
    }

    @EventListener
    void on(RiskArrivalDetected event) {
        raise(Alert.Kind.RISK_ARRIVAL, event.occupantId(), event.passageId(), event.checkpointCode(), event.townCode(),
                event.destinationAreaCode(), event.recordedAt());
    }

    private void raise(Alert.Kind kind, long occupantId, long passageId, String checkpoint, String town, String destination,
                       Instant at) {
        jdbc.sql("""
                        insert into screening_alert(kind, occupant_id, passage_id, recorded_on, checkpoint_code, town_code,
                                                    destination_code, raised_at)
                        select ?, ?, ?, o.recorded_on, ?, ?, ?, ? from occupant o where o.id = ? and o.passage_id = ?
                        on conflict (occupant_id, recorded_on, kind) do nothing""")
                .params(kind.name(), occupantId, passageId, checkpoint, town, destination, java.sql.Timestamp.from(at), occupantId, passageId)
                .update();
    }

    /** Raw alert rows visible to the user: by checkpoint, checkpoint town or destination inside the jurisdiction. */
    List<AlertRow> visibleTo(CordonUser user, boolean includeAcknowledged, int limit) {
        return query(user, includeAcknowledged, 0, limit);
    }

    java.util.Optional<AlertRow> find(CordonUser user, long id) {
        return query(user, true, id, 1).stream().findFirst();
    }

    private List<AlertRow> query(CordonUser user, boolean includeAcknowledged, long id, int limit) {
        AreaScope scope = AreaScope.of(user);
        return jdbc.sql("""
                        select a.*, o.name, o.temperature, p.origin_code, p.plate_number, c.name as checkpoint_name
                        from screening_alert a join occupant o on o.id = a.occupant_id and o.recorded_on = a.recorded_on
                        join passage p on p.id = a.passage_id and p.recorded_on = a.recorded_on
                        join checkpoint c on c.code = a.checkpoint_code
                        where (:all or a.acknowledged_at is null) and (:id = 0 or a.id = :id)
                          and (a.checkpoint_code in (:codes) or\s""" + scope.condition("a.town_code", "prefix")
                        + " or " + scope.condition("a.destination_code", "prefix") + """
                        )
                        order by a.acknowledged_at is not null, a.raised_at desc limit :limit""")
                .param("all", includeAcknowledged)
                .param("id", id)
                .param("codes", scope.checkpointCodesParam())
                .param("prefix", scope.pattern())
                .param("limit", limit)
                .query((rs, n) -> new AlertRow(rs.getLong("id"), Alert.Kind.valueOf(rs.getString("kind")), rs.getLong("passage_id"),
                        rs.getString("checkpoint_code"), rs.getString("checkpoint_name"), rs.getString("town_code"),
                        rs.getString("destination_code"), rs.getString("name"), rs.getBigDecimal("temperature"),
                        rs.getString("origin_code"), rs.getString("plate_number"), rs.getTimestamp("raised_at").toInstant(),
                        rs.getTimestamp("acknowledged_at") == null ? null : rs.getTimestamp("acknowledged_at").toInstant(),
                        rs.getString("acknowledged_by")))
                .list();
    }

    boolean acknowledge(long id, String username) {
        return jdbc.sql("update screening_alert set acknowledged_at = now(), acknowledged_by = ? where id = ? and acknowledged_at is null")
                .params(username, id).update() == 1;
    }

    record AlertRow(long id, Alert.Kind kind, long passageId, String checkpointCode, String checkpointName, String townCode,
                    String destinationCode, String name, java.math.BigDecimal temperature, String originCode,
                    String plateNumber, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy) {
    }
}
