package org.cordon.registry;

import java.util.List;

import org.cordon.account.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces the merges of duplicate returnee records (made by migration V45 in the registry's own tables) once the
 * application runs: per batch of {@link #BATCH} merges one {@link ReturneesMerged} event, so that the modules that
 * keep something about a merged record move it to the kept one (observation: one episode per arrival), and one audit
 * entry per merged record ({@code RECORDS_MERGED}, record type {@code returnee}, record id = the kept record). A merge
 * is announced exactly once: the event, the audit entries and the mark are written in one transaction (the event
 * publication registry delivers it after a crash too); concurrent instances skip each other's rows.
 */
@Component
class ReturneeMergeAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(ReturneeMergeAnnouncer.class);
    static final int BATCH = 500;
    static final String AUDIT_USER = "system";

    private record Pending(long mergedId, long keptId, long personId, String mergedBy) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    ReturneeMergeAnnouncer(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        int announced = announce();
        if (announced > 0) {
            log.info("Announced {} merged duplicate returnee records (same person and arrival)", announced);
        }
    }

    /** Announces every merge not announced yet; returns how many. */
    int announce() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> announceBatch());
            if (n == null || n == 0) {
                return total;
            }
            total += n;
        }
    }

    private int announceBatch() {
        List<Pending> pending = jdbc.sql("""
                        select merged_id, kept_id, person_id, merged_by from returnee_merge
                        where announced_at is null order by merged_id limit :limit for update skip locked""")
                .param("limit", BATCH)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).list();
        if (pending.isEmpty()) {
            return 0;
        }
        for (Pending p : pending) {
            audit.record(AUDIT_USER, AuditLog.Action.RECORDS_MERGED, "returnee", String.valueOf(p.keptId()),
                    "merged duplicate returnee " + p.mergedId() + " (same person and arrival, within " + SameArrival.DAYS
                            + " days) into " + p.keptId() + " (" + p.mergedBy() + ")");
        }
        jdbc.sql("update returnee_merge set announced_at = now() where merged_id in (:ids)")
                .param("ids", pending.stream().map(Pending::mergedId).toList()).update();
        events.publishEvent(new ReturneesMerged(pending.stream()
                .map(p -> new ReturneesMerged.Merge(p.keptId(), p.mergedId(), p.personId())).toList()));
        return pending.size();
    }
}
