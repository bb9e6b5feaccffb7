package org.cordon.checkpoint;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code passage}, {@code occupant} and {@code screening_alert} (V93): creates the coming
 * months ahead, lists the stored months with their rows and drops a whole month for retention. Every change runs in
 * one transaction under a transaction-level advisory lock, so two nodes doing the same at once wait for each other
 * and the second finds the work done (idempotent).
 */
@Component
class PassagePartitions {

    /** The three tables, in the order their partitions are created (the referenced one first). */
    static final List<String> TABLES = List.of("passage", "occupant", "screening_alert");

    private static final Logger log = LoggerFactory.getLogger(PassagePartitions.class);
    private static final long LOCK = 0x70617274L; // "part": one key for every partition change
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CordonSettings settings;
    private final Clock clock;

    PassagePartitions(JdbcClient jdbc, TransactionTemplate tx, CordonSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** A stored month: its rows per table (the default partition's rows are reported with {@code month} null). */
    record StoredMonth(YearMonth month, long passages, long occupants, long alerts) {
    }

    /** What a drop removed, and how many passages it kept (moved to the default partition) for people under follow-up. */
    record Dropped(YearMonth month, long passages, long occupants, long alerts, long heldPassages) {
    }

    static String partition(String table, YearMonth month) {
        return table + "_p" + month.format(SUFFIX);
    }

    /** Creates the partitions of the previous, the current and the next {@code ahead} months where missing. */
    List<YearMonth> createAhead(int ahead) {
        YearMonth current = YearMonth.from(settings.today(clock));
        List<YearMonth> created = new ArrayList<>();
        for (int i = -1; i <= ahead; i++) {
            if (create(current.plusMonths(i))) {
                created.add(current.plusMonths(i));
            }
        }
        if (!created.isEmpty()) {
            log.info("Passage partitions created for {}", created);
        }
        return created;
    }

    /**
     * Creates the month's partitions of the three tables unless they exist; rows of that month waiting in the default
     * partitions are moved into them. Returns whether this call created them.
     */
    boolean create(YearMonth month) {
        return Boolean.TRUE.equals(tx.execute(status -> jdbc.sql("select cordon_create_passage_month(?)").param(month.atDay(1))
                .query(Boolean.class).single()));
    }

    /** The monthly partitions that exist, oldest first, with their rows, then the default partition's rows (month null). */
    List<StoredMonth> months() {
        List<YearMonth> months = jdbc.sql("""
                        select substring(c.relname from 10) from pg_inherits i
                        join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                        where p.relname = 'passage' and c.relname ~ '^passage_p[0-9]{6}$' order by 1""")
                .query((rs, n) -> YearMonth.parse(rs.getString(1), SUFFIX)).list();
        List<StoredMonth> stored = new ArrayList<>();
        for (YearMonth month : months) {
            stored.add(new StoredMonth(month, countMonth("passage", month), countMonth("occupant", month),
                    countMonth("screening_alert", month)));
        }
        stored.add(new StoredMonth(null, countDefault("passage"), countDefault("occupant"), countDefault("screening_alert")));
        return stored;
    }

    /**
     * Drops a month's partitions of the three tables, after adding their passages' counts to passage_tally_archive
     * (so figures of those days stay). Passages with an occupant whose ID-number hash is in {@code heldIdHashes} are
     * kept, with all their occupants and alerts: they move to the default partitions, where every query still finds
     * them under the same ids, until a later drop no longer holds them. Empty when the month has no partitions.
     */
    java.util.Optional<Dropped> drop(YearMonth month, Collection<byte[]> heldIdHashes) {
        return java.util.Optional.ofNullable(tx.execute(status -> jdbc.sql("select * from cordon_drop_passage_month(?, ?, ?)")
                .params(month.atDay(1), new ArrayList<>(heldIdHashes).toArray(new byte[0][]), settings.timeZone().getId())
                .query((rs, n) -> new Dropped(month, rs.getLong("passages"), rs.getLong("occupants"), rs.getLong("alerts"),
                        rs.getLong("held")))
                .optional().orElse(null)))
                .map(d -> {
                    log.info("Passage partitions of {} dropped: {} passages, {} occupants, {} alerts; {} passages kept for follow-up",
                            month, d.passages(), d.occupants(), d.alerts(), d.heldPassages());
                    return d;
                });
    }

    /**
     * Deletes the passages recorded before {@code before} that wait in the default partitions (kept there by an
     * earlier drop for people then under follow-up, or stored while their month had no partition), except those still
     * held, after archiving their counts like a drop. Returns the passages, occupants and alerts deleted.
     */
    Dropped purgeDefault(LocalDate before, Collection<byte[]> heldIdHashes) {
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
            List<byte[]> held = new ArrayList<>(heldIdHashes);
            jdbc.sql("""
                            create temporary table purged_passage on commit drop as select id, recorded_on from passage p
                            where p.recorded_on < ? and p.tableoid = 'passage_default'::regclass
                              and not exists (select 1 from occupant o
                                where o.passage_id = p.id and o.recorded_on = p.recorded_on and o.id_number_hash = any(?))""")
                    .params(before, held.toArray(new byte[0][])).update();
            long passages = count("purged_passage");
            long occupants = jdbc.sql("select count(*) from occupant where (passage_id, recorded_on) in (select id, recorded_on from purged_passage)")
                    .query(Long.class).single();
            long alerts = jdbc.sql("select count(*) from screening_alert where (passage_id, recorded_on) in (select id, recorded_on from purged_passage)")
                    .query(Long.class).single();
            if (passages > 0) {
                archive("p.tableoid = 'passage_default'::regclass and (p.id, p.recorded_on) in (select id, recorded_on from purged_passage)");
                jdbc.sql("delete from passage_client where passage_id in (select id from purged_passage)").update();
                // occupants and alerts go with their passage (on delete cascade)
                jdbc.sql("delete from passage where (id, recorded_on) in (select id, recorded_on from purged_passage)").update();
                log.info("Default passage partition: {} passages recorded before {} deleted ({} occupants, {} alerts)",
                        passages, before, occupants, alerts);
            }
            return new Dropped(null, passages, occupants, alerts, 0);
        });
    }

    /** Adds the counts of the passages matching {@code where} (alias p) to the archive, like cordon_drop_passage_month. */
    private void archive(String where) {
        jdbc.sql("""
                        insert into passage_tally_archive(recorded_on, hour, town_code, checkpoint_code, passages, vehicles,
                                                          disinfected, people, fever, risk)
                        select p.recorded_on, extract(hour from p.recorded_at at time zone :tz)::int, c.town_code, p.checkpoint_code,
                               count(*), count(*) filter (where p.vehicle_type <> 'PEDESTRIAN'), count(*) filter (where p.disinfected),
                               coalesce(sum(o.people), 0), coalesce(sum(o.fever), 0), coalesce(sum(o.risk), 0)
                        from passage p join checkpoint c on c.code = p.checkpoint_code
                        left join (select passage_id, recorded_on, count(*) as people,
                                          count(*) filter (where disposition = 'FEVER_REFERRAL') as fever,
                                          count(*) filter (where disposition = 'HOME_OBSERVATION') as risk
                                   from occupant group by passage_id, recorded_on) o on o.passage_id = p.id and o.recorded_on = p.recorded_on
                        where %s
                        group by 1, 2, 3, 4
                        on conflict (recorded_on, hour, checkpoint_code, town_code) do update set
                          passages = passage_tally_archive.passages + excluded.passages,
                          vehicles = passage_tally_archive.vehicles + excluded.vehicles,
                          disinfected = passage_tally_archive.disinfected + excluded.disinfected,
                          people = passage_tally_archive.people + excluded.people,
                          fever = passage_tally_archive.fever + excluded.fever,
                          risk = passage_tally_archive.risk + excluded.risk""".formatted(where))
                .param("tz", settings.timeZone().getId()).update();
    }

    /** Rows of the month (read through the parent table, which the application may read, pruned to the partition). */
    private long countMonth(String table, YearMonth month) {
        return jdbc.sql("select count(*) from " + table + " where recorded_on >= ? and recorded_on < ?")
                .params(month.atDay(1), month.plusMonths(1).atDay(1)).query(Long.class).single();
    }

    private long countDefault(String table) {
        return jdbc.sql("select count(*) from " + table + "_default").query(Long.class).single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
